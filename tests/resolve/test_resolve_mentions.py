"""Actor mentions in hand-built parses: what is an actor, where its span ends, how it resolved."""

from __future__ import annotations

import itertools

from builders import article, sentence
from dyadwatch.model import AnnotatedArticle, Article, Mention
from dyadwatch.resolve import ActorResolver

RESOLVER = ActorResolver()


def found(*specs: str, published: str | None = "2024-06-19") -> list[list[Mention]]:
    return RESOLVER.resolve(article(*specs, published=published))


def summary(*specs: str, published: str | None = "2024-06-19") -> list[tuple[str, str, str]]:
    """(text, code, via) of every mention, sentence after sentence."""
    return [
        (m.text, m.actor.code, m.via)
        for mentions in found(*specs, published=published)
        for m in mentions
    ]


# -- countries ---------------------------------------------------------------------------


def test_country_names_and_abbreviations() -> None:
    spec = (
        "The/DET/det/1 DPRK/PROPN/nsubj/2/ORG warned/VERB/ROOT/2 the/DET/det/4 "
        "U.S./PROPN/dobj/2/GPE and/CCONJ/cc/4 the/DET/det/8 Russian/PROPN/compound/8/ORG "
        "Federation/PROPN/conj/4/ORG ./PUNCT/punct/2"
    )
    assert summary(spec) == [
        ("DPRK", "PRK", "country"),
        ("U.S.", "USA", "country"),
        ("Russian Federation", "RUS", "country"),
    ]


def test_long_official_name_and_mention_offsets() -> None:
    spec = (
        "Democratic/PROPN/compound/2/ORG People/PROPN/poss/3/ORG 's/PART/case/1/ORG "
        "Republic/PROPN/nsubj/6/ORG of/ADP/prep/3/ORG Korea/PROPN/pobj/4/ORG "
        "spoke/VERB/ROOT/6 ./PUNCT/punct/6"
    )
    built = article(spec)
    (mention,) = RESOLVER.resolve(built)[0]
    assert mention.actor.code == "PRK"
    assert built.article.text[mention.start : mention.end] == mention.text
    assert (mention.token_start, mention.token_end, mention.head) == (0, 6, 3)


def test_case_matters_for_short_abbreviations() -> None:
    spec = "They/PRON/nsubj/1 told/VERB/ROOT/1 us/PRON/dobj/1 ./PUNCT/punct/1"
    assert summary(spec) == []
    spec = "They/PRON/nsubj/1 told/VERB/ROOT/1 US/PROPN/dobj/1/GPE ./PUNCT/punct/1"
    assert summary(spec) == [("US", "USA", "country")]


def test_news_names_from_the_own_table() -> None:
    spec = (
        "Iran/PROPN/nsubj/5/GPE ,/PUNCT/punct/0 Taiwan/PROPN/conj/0/GPE and/CCONJ/cc/2 "
        "Ivory/PROPN/compound/5/GPE Coast/PROPN/conj/2/GPE voted/VERB/ROOT/5"
    )
    assert [code for _, code, _ in summary(spec)] == ["IRN", "TWN", "CIV"]


def test_possessive_country_before_a_plain_noun_spans_the_name_only() -> None:
    spec = (
        "Russia/PROPN/poss/2/GPE 's/PART/case/0 war/NOUN/nsubj/3 continued/VERB/ROOT/3 "
        "./PUNCT/punct/3"
    )
    ((mention,),) = found(spec)
    assert (mention.text, mention.actor.code, mention.token_end) == ("Russia", "RUS", 1)


def test_place_inside_a_personal_name_is_not_a_country() -> None:
    spec = (
        "George/PROPN/compound/1/PERSON Washington/PROPN/nsubj/2/PERSON "
        "slept/VERB/ROOT/2 ./PUNCT/punct/2"
    )
    assert summary(spec) == []


def test_blocked_phrase_hides_the_capital() -> None:
    spec = (
        "The/DET/det/2 Washington/PROPN/compound/2/ORG Post/PROPN/nsubj/3/ORG "
        "reported/VERB/ROOT/3 ./PUNCT/punct/3"
    )
    assert summary(spec) == []


# -- demonyms ------------------------------------------------------------------------------


def test_demonym_with_group_noun_takes_the_sector() -> None:
    spec = (
        "North/ADJ/amod/1/NORP Korean/ADJ/amod/2/NORP troops/NOUN/nsubj/3 "
        "joined/VERB/ROOT/3 Russian/ADJ/amod/5/NORP officials/NOUN/dobj/3 ./PUNCT/punct/3"
    )
    mentions = found(spec)[0]
    assert [(m.text, m.actor.code, m.via) for m in mentions] == [
        ("North Korean troops", "PRKMIL", "demonym"),
        ("Russian officials", "RUSGOV", "demonym"),
    ]
    assert [m.head for m in mentions] == [2, 5]


def test_demonym_sectors() -> None:
    cases = {
        "Chinese diplomats": "CHNGOV",
        "Ukrainian forces": "UKRMIL",
        "Israeli police": "ISRCOP",
        "Iranian hackers": "IRN",
        "Emirati officials": "AREGOV",
        "Palestinian refugees": "PSEREF",
        "American lawmakers": "USALEG",
        "British journalists": "GBRMED",
        "Saudi rebels": "SAUREB",
    }
    for phrase, code in cases.items():
        demonym, noun = phrase.split()
        spec = f"{demonym}/ADJ/amod/1/NORP {noun}/NOUN/nsubj/2 met/VERB/ROOT/2"
        assert summary(spec) == [(phrase, code, "demonym")], phrase


def test_state_media_phrase() -> None:
    spec = (
        "Russian/ADJ/amod/2/NORP state/NOUN/compound/2 media/NOUN/nsubj/3 "
        "said/VERB/ROOT/3 ./PUNCT/punct/3"
    )
    assert summary(spec) == [("Russian state media", "RUSMED", "demonym")]


def test_demonym_before_a_thing_is_only_a_modifier() -> None:
    spec = (
        "Russian/ADJ/amod/1/NORP oil/NOUN/nsubj/4 and/CCONJ/cc/1 Chinese/ADJ/amod/4/NORP "
        "goods/NOUN/conj/1 sold/VERB/ROOT/5 ./PUNCT/punct/5"
    )
    assert summary(spec) == [("Russian", "RUS", "modifier"), ("Chinese", "CHN", "modifier")]


def test_demonym_before_a_longer_thing_is_only_a_modifier() -> None:
    spec = (
        "A/DET/det/3 Russian/ADJ/amod/3/NORP army/NOUN/compound/3 base/NOUN/nsubj/4 "
        "burned/VERB/ROOT/4"
    )
    assert summary(spec) == [("Russian", "RUS", "modifier")]


def test_bare_plural_demonym_is_the_country() -> None:
    spec = "The/DET/det/1 Russians/PROPN/nsubj/2/NORP refused/VERB/ROOT/2 ./PUNCT/punct/2"
    assert summary(spec) == [("Russians", "RUS", "demonym")]


# -- capitals and seats of power -------------------------------------------------------


def test_capitals_and_seats_as_metonyms() -> None:
    spec = (
        "Moscow/PROPN/nsubj/5/GPE ,/PUNCT/punct/0 the/DET/det/3 Kremlin/PROPN/conj/0/ORG "
        "and/CCONJ/cc/3 Kyiv/PROPN/conj/3/PERSON agreed/VERB/ROOT/6"
    )
    assert summary(spec) == [
        ("Moscow", "RUSGOV", "capital"),
        ("Kremlin", "RUSGOV", "capital"),
        ("Kyiv", "UKRGOV", "capital"),
    ]


def test_pentagon_is_military() -> None:
    spec = "The/DET/det/1 Pentagon/PROPN/nsubj/2/ORG denied/VERB/ROOT/2 it/PRON/dobj/2"
    assert summary(spec) == [("Pentagon", "USAMIL", "capital")]


def test_capital_as_a_place_is_not_the_government() -> None:
    spec = (
        "They/PRON/nsubj/1 met/VERB/ROOT/1 in/ADP/prep/1 Pyongyang/PROPN/pobj/2/GPE ./PUNCT/punct/1"
    )
    assert summary(spec) == [("Pyongyang", "PRKGOV", "place")]


def test_it_refers_to_a_state_named_earlier_in_the_sentence() -> None:
    spec = (
        "Tehran/PROPN/nsubj/1/GPE warned/VERB/ROOT/1 that/SCONJ/mark/5 it/PRON/nsubj/5 "
        "would/AUX/aux/5 respond/VERB/ccomp/1 ./PUNCT/punct/1"
    )
    assert summary(spec) == [("Tehran", "IRNGOV", "capital"), ("it", "IRNGOV", "pronoun")]


# -- institutions ----------------------------------------------------------------------


def test_institutions_by_descriptor() -> None:
    cases = [
        (
            "Russia/PROPN/poss/3/GPE 's/PART/case/0 foreign/ADJ/amod/3 ministry/NOUN/nsubj/4 "
            "said/VERB/ROOT/4",
            ("Russia's foreign ministry", "RUSGOV", "institution"),
        ),
        (
            "The/DET/det/4 Russian/PROPN/compound/4/ORG Foreign/PROPN/compound/4/ORG "
            "Ministry/PROPN/nsubj/5/ORG said/VERB/ROOT/5",
            ("Russian Foreign Ministry", "RUSGOV", "demonym"),
        ),
        (
            "Japan/PROPN/poss/2/GPE 's/PART/case/0 parliament/NOUN/nsubj/3 voted/VERB/ROOT/3",
            ("Japan's parliament", "JPNLEG", "institution"),
        ),
        (
            "Israel/PROPN/poss/3/GPE 's/PART/case/0 Supreme/PROPN/compound/3/ORG "
            "Court/PROPN/nsubj/4/ORG ruled/VERB/ROOT/4",
            ("Israel's Supreme Court", "ISRJUD", "institution"),
        ),
        (
            "U.S./PROPN/compound/1/GPE forces/NOUN/nsubj/2 withdrew/VERB/ROOT/2",
            ("U.S. forces", "USAMIL", "institution"),
        ),
        (
            "The/DET/det/3 Chinese/ADJ/amod/3/NORP coast/NOUN/compound/3 guard/NOUN/nsubj/4 "
            "fired/VERB/ROOT/4",
            ("Chinese coast guard", "CHNMIL", "demonym"),
        ),
        (
            "The/DET/det/3 South/ADJ/amod/2/NORP Korean/ADJ/amod/3/NORP "
            "military/NOUN/nsubj/4 responded/VERB/ROOT/4",
            ("South Korean military", "KORMIL", "demonym"),
        ),
    ]
    for spec, expected in cases:
        assert summary(spec) == [expected], expected


def test_institution_with_of_country() -> None:
    spec = (
        "The/DET/det/1 Ministry/PROPN/nsubj/6/ORG of/ADP/prep/1/ORG Defence/PROPN/pobj/2/ORG "
        "of/ADP/prep/1/ORG Ukraine/PROPN/pobj/4/ORG said/VERB/ROOT/6"
    )
    assert summary(spec) == [("Ministry of Defence of Ukraine", "UKRMIL", "institution")]


def test_named_institutions() -> None:
    spec = (
        "Iran/PROPN/poss/3/GPE 's/PART/case/0 Revolutionary/PROPN/compound/3/ORG "
        "Guards/PROPN/nsubj/8/ORG and/CCONJ/cc/3 the/DET/det/7 State/PROPN/compound/7/ORG "
        "Department/PROPN/conj/3/ORG clashed/VERB/ROOT/8"
    )
    assert summary(spec) == [
        ("Iran's Revolutionary Guards", "IRNMIL", "institution"),
        ("State Department", "USAGOV", "institution"),
    ]


def test_ruling_party() -> None:
    spec = (
        "The/DET/det/3 Chinese/ADJ/amod/3/ORG Communist/PROPN/compound/3/ORG "
        "Party/PROPN/nsubj/4/ORG met/VERB/ROOT/4"
    )
    assert summary(spec) == [("Chinese Communist Party", "CHNGOV", "institution")]


# -- people ----------------------------------------------------------------------------


KIM_SPEC = (
    "North/ADJ/amod/1/NORP Korean/ADJ/amod/2/NORP President/PROPN/compound/6 "
    "Kim/PROPN/compound/6/PERSON Jong/PROPN/compound/6/PERSON -/PUNCT/punct/6/PERSON "
    "un/PROPN/nsubj/7/PERSON praised/VERB/ROOT/7 Russia/PROPN/dobj/7/GPE ./PUNCT/punct/7"
)


def test_person_by_descriptor_spans_the_whole_phrase() -> None:
    mentions = found(KIM_SPEC)[0]
    assert [(m.text, m.actor.name, m.actor.code, m.via, m.head) for m in mentions] == [
        # the builder puts spaces around every token, hyphens included
        ("North Korean President Kim Jong - un", "Kim Jong-un", "PRKGOV", "descriptor", 6),
        ("Russia", "Russia", "RUS", "country", 8),
    ]


def test_counterpart_with_a_table_name() -> None:
    spec = (
        "Chinese/ADJ/amod/2/NORP Foreign/PROPN/compound/2 Minister/PROPN/compound/4 "
        "Wang/PROPN/compound/4/PERSON Yi/PROPN/nsubj/5/PERSON met/VERB/ROOT/5 "
        "his/PRON/poss/8 Russian/ADJ/amod/8/NORP counterpart/NOUN/dobj/5 "
        "Sergei/PROPN/compound/10/PERSON Lavrov/PROPN/appos/8/PERSON ./PUNCT/punct/5"
    )
    assert summary(spec) == [
        ("Chinese Foreign Minister Wang Yi", "CHNGOV", "descriptor"),
        ("Russian counterpart Sergei Lavrov", "RUSGOV", "descriptor"),
    ]


def test_title_makes_an_out_of_date_holder_an_official() -> None:
    # Qin Gang was foreign minister in May 2023, yet the text calls Wang Yi one.
    spec = (
        "Chinese/ADJ/amod/2/NORP Foreign/PROPN/compound/2 Minister/PROPN/compound/4 "
        "Wang/PROPN/compound/4/PERSON Yi/PROPN/nsubj/5/PERSON spoke/VERB/ROOT/5"
    )
    ((mention,),) = found(spec, published="2023-05-01")
    assert (mention.actor.name, mention.actor.code) == ("Wang Yi", "CHNGOV")


def test_unknown_person_by_descriptor() -> None:
    spec = (
        "Egyptian/ADJ/amod/1/NORP President/PROPN/compound/4 Abdel/PROPN/compound/4/PERSON "
        "Fattah/PROPN/compound/4/PERSON Sisi/PROPN/nsubj/5/PERSON spoke/VERB/ROOT/5"
    )
    assert [(m.text, m.actor.name, m.actor.code) for m in found(spec)[0]] == [
        ("Egyptian President Abdel Fattah Sisi", "Abdel Fattah Sisi", "EGYGOV")
    ]


def test_general_is_military() -> None:
    spec = (
        "Russian/ADJ/amod/1/NORP General/PROPN/compound/3 Valery/PROPN/compound/3/PERSON "
        "Gerasimov/PROPN/nsubj/4/PERSON spoke/VERB/ROOT/4"
    )
    assert summary(spec) == [("Russian General Valery Gerasimov", "RUSMIL", "descriptor")]


def test_possessive_title_with_appositive_name() -> None:
    spec = (
        "Russia/PROPN/poss/3/GPE 's/PART/case/0 foreign/ADJ/amod/3 minister/NOUN/nsubj/8 "
        ",/PUNCT/punct/3 Sergei/PROPN/compound/6/PERSON Lavrov/PROPN/appos/3/PERSON "
        ",/PUNCT/punct/3 arrived/VERB/ROOT/8"
    )
    assert summary(spec) == [("Russia's foreign minister, Sergei Lavrov", "RUSGOV", "descriptor")]


def test_table_name_without_descriptor() -> None:
    spec = (
        "Lavrov/PROPN/nsubj/1/PERSON met/VERB/ROOT/1 Wang/PROPN/compound/3/PERSON "
        "Yi/PROPN/dobj/1/PERSON ./PUNCT/punct/1"
    )
    assert summary(spec) == [
        ("Lavrov", "RUSGOV", "leader"),
        ("Wang Yi", "CHNGOV", "leader"),
    ]


def test_title_before_a_table_name() -> None:
    spec = (
        "President/PROPN/compound/2 Vladimir/PROPN/compound/2/PERSON "
        "Putin/PROPN/nsubj/3/PERSON spoke/VERB/ROOT/3"
    )
    assert summary(spec) == [("President Vladimir Putin", "RUSGOV", "leader")]


def test_dated_table_lookup_of_a_surname() -> None:
    spec = "Kishida/PROPN/nsubj/1/PERSON spoke/VERB/ROOT/1"
    assert summary(spec, published="2023-05-01") == [("Kishida", "JPNGOV", "leader")]
    # After he left office he is no longer the government.
    assert summary(spec, published="2024-11-15") == [("Kishida", "JPNELI", "leader")]


def test_role_description_resolves_to_the_holder_at_the_date() -> None:
    spec = (
        "The/DET/det/3 Japanese/ADJ/amod/3/NORP prime/ADJ/amod/3 minister/NOUN/nsubj/4 "
        "spoke/VERB/ROOT/4"
    )
    ((in_2023,),) = found(spec, published="2023-05-01")
    ((in_2024,),) = found(spec, published="2024-11-15")
    assert (in_2023.text, in_2023.actor.name, in_2023.via) == (
        "Japanese prime minister",
        "Fumio Kishida",
        "descriptor",
    )
    assert in_2024.actor.name == "Shigeru Ishiba"


def test_leader_of_a_parliamentary_country_is_the_head_of_government() -> None:
    spec = "The/DET/det/2 British/ADJ/amod/2/NORP leader/NOUN/nsubj/3 spoke/VERB/ROOT/3"
    ((mention,),) = found(spec, published="2024-09-01")
    assert mention.actor.name == "Keir Starmer"


def test_iranian_president_is_not_the_supreme_leader() -> None:
    spec = "The/DET/det/2 Iranian/ADJ/amod/2/NORP president/NOUN/nsubj/3 spoke/VERB/ROOT/3"
    ((mention,),) = found(spec, published="2025-01-10")
    assert mention.actor.name == "Masoud Pezeshkian"


def test_bare_surname_resolves_through_a_listed_alias_or_an_earlier_mention() -> None:
    alone = "Kim/PROPN/nsubj/1/PERSON spoke/VERB/ROOT/1 ./PUNCT/punct/1"
    # "Kim" is a listed alias of Kim Jong-un only, and only while he holds office.
    assert summary(alone) == [("Kim", "PRKGOV", "leader")]
    assert summary(alone, published="2005-01-01") == []
    assert summary(KIM_SPEC, alone)[-1] == ("Kim", "PRKGOV", "coreference")


def test_other_person_with_the_same_surname_is_not_coreferent() -> None:
    sister = (
        "Kim/PROPN/compound/3/PERSON Yo/PROPN/compound/3/PERSON -/PUNCT/punct/3/PERSON "
        "jong/PROPN/nsubj/4/PERSON spoke/VERB/ROOT/4"
    )
    assert summary(KIM_SPEC, sister)[-1] == ("Russia", "RUS", "country")


def test_later_role_description_is_coreference() -> None:
    later = (
        "Putin/PROPN/nsubj/1/PERSON thanked/VERB/ROOT/1 the/DET/det/5 North/ADJ/amod/4/NORP "
        "Korean/ADJ/amod/5/NORP leader/NOUN/dobj/1 ./PUNCT/punct/1"
    )
    assert summary(KIM_SPEC, later)[-2:] == [
        ("Putin", "RUSGOV", "leader"),
        ("North Korean leader", "PRKGOV", "coreference"),
    ]


def test_subject_pronoun_is_the_latest_person() -> None:
    second = "He/PRON/nsubj/1 pledged/VERB/ROOT/1 support/NOUN/dobj/1 ./PUNCT/punct/1"
    third = "Experts/NOUN/nsubj/1 doubted/VERB/ROOT/1 it/PRON/dobj/1 ./PUNCT/punct/1"
    fourth = "He/PRON/nsubj/1 left/VERB/ROOT/1 ./PUNCT/punct/1"
    mentions = found(KIM_SPEC, second, third, fourth)
    (pronoun,) = mentions[1]
    assert (pronoun.text, pronoun.actor.name, pronoun.via) == ("He", "Kim Jong-un", "pronoun")
    assert mentions[3] == []  # two sentences on: too far to guess


def test_object_pronoun_is_left_alone() -> None:
    second = "Putin/PROPN/nsubj/1/PERSON thanked/VERB/ROOT/1 him/PRON/dobj/1 ./PUNCT/punct/1"
    assert [m.text for m in found(KIM_SPEC, second)[1]] == ["Putin"]


# -- media, IGOs, groups ---------------------------------------------------------------


def test_state_news_agency_with_its_noun() -> None:
    spec = (
        "the/DET/det/3 Tass/PROPN/compound/3/ORG news/NOUN/compound/3 agency/NOUN/nsubj/4 "
        "reported/VERB/ROOT/4"
    )
    assert [(m.text, m.actor) for m in found(spec)[0]] == [
        ("Tass news agency", RESOLVER.resolve_phrase("Tass"))
    ]
    assert summary(spec) == [("Tass news agency", "RUSMED", "agency")]


def test_state_agencies_of_several_countries() -> None:
    for name, code in [
        ("KCNA", "PRKMED"),
        ("Xinhua", "CHNMED"),
        ("Yonhap", "KORMED"),
        ("IRNA", "IRNMED"),
        ("Anadolu", "TURMED"),
        ("SANA", "SYRMED"),
        ("Ukrinform", "UKRMED"),
    ]:
        spec = f"{name}/PROPN/nsubj/1/ORG said/VERB/ROOT/1"
        assert summary(spec) == [(name, code, "agency")], name


def test_wire_services_are_not_state_actors() -> None:
    spec = "Reuters/PROPN/nsubj/1/ORG reported/VERB/ROOT/1"
    assert summary(spec) == []


def test_international_bodies_have_no_country() -> None:
    spec = (
        "The/DET/det/3 UN/PROPN/compound/3/ORG Security/PROPN/compound/3/ORG "
        "Council/PROPN/nsubj/6/ORG and/CCONJ/cc/3 NATO/PROPN/conj/3/ORG met/VERB/ROOT/6"
    )
    mentions = found(spec)[0]
    assert [(m.text, m.actor.code, m.actor.country, m.via) for m in mentions] == [
        ("UN Security Council", "IGOUNO", None, "igo"),
        ("NATO", "IGOWSTNAT", None, "igo"),
    ]


def test_armed_groups() -> None:
    spec = (
        "Hamas/PROPN/nsubj/4/ORG ,/PUNCT/punct/0 Hezbollah/PROPN/conj/0/ORG and/CCONJ/cc/2 "
        "Houthis/PROPN/conj/2/NORP fired/VERB/ROOT/4"
    )
    assert [code for _, code, _ in summary(spec)] == ["PSEREB", "LBNREB", "YEMREB"]


def test_taliban_before_and_after_the_fall_of_kabul() -> None:
    spec = "The/DET/det/1 Taliban/PROPN/nsubj/2/ORG said/VERB/ROOT/2"
    assert summary(spec, published="2019-01-01") == [("Taliban", "AFGREB", "group")]
    assert summary(spec, published="2022-01-01") == [("Taliban", "AFGGOV", "group")]


# -- the Koreas ------------------------------------------------------------------------


def test_the_north_in_an_article_about_korea() -> None:
    first = "Seoul/PROPN/nsubj/1/GPE protested/VERB/ROOT/1 ./PUNCT/punct/1"
    second = (
        "The/DET/det/1 North/PROPN/nsubj/2 fired/VERB/ROOT/2 at/ADP/prep/2 the/DET/det/5 "
        "South/PROPN/pobj/3 ./PUNCT/punct/2"
    )
    assert summary(first, second)[1:] == [
        ("North", "PRKGOV", "country"),
        ("South", "KORGOV", "country"),
    ]


def test_the_north_elsewhere_is_nothing() -> None:
    spec = "The/DET/det/1 North/PROPN/nsubj/2 voted/VERB/ROOT/2 ./PUNCT/punct/2"
    assert summary(spec) == []


# -- shape of the output ---------------------------------------------------------------


def test_one_list_per_sentence_sorted_and_disjoint() -> None:
    empty = "It/PRON/nsubj/1 rained/VERB/ROOT/1 ./PUNCT/punct/1"
    result = found(KIM_SPEC, empty, KIM_SPEC)
    assert len(result) == 3 and result[1] == []
    for mentions in result:
        spans = [(m.token_start, m.token_end) for m in mentions]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_offsets_point_into_the_article_text() -> None:
    built = article(KIM_SPEC, KIM_SPEC)
    for mentions in RESOLVER.resolve(built):
        for m in mentions:
            assert built.article.text[m.start : m.end] == m.text


def test_no_sentences() -> None:
    empty = AnnotatedArticle(Article(doc_id="x", origin="x", text=""), ())
    assert RESOLVER.resolve(empty) == []


def test_sentence_builder_tokens_unchanged() -> None:
    # The resolver reads tokens and never needs anything the builder does not give.
    built = sentence(KIM_SPEC)
    assert built.tokens[0].text == "North"


# -- bare phrases ----------------------------------------------------------------------


def test_resolve_phrase() -> None:
    cases = {
        "the Tass news agency": ("Tass", "RUS", "MED", "RUSMED"),
        "Chinese Foreign Minister Wang Yi": ("Wang Yi", "CHN", "GOV", "CHNGOV"),
        "the United States": ("United States", "USA", None, "USA"),
        "North Korea": ("North Korea", "PRK", None, "PRK"),
        "the White House": ("United States", "USA", "GOV", "USAGOV"),
        "Palestinian": ("Palestine", "PSE", None, "PSE"),
        "the European Union": ("European Union", None, "IGO", "IGOEUREEC"),
    }
    for phrase, (name, country, sector, code) in cases.items():
        actor = RESOLVER.resolve_phrase(phrase, "2024-06-19")
        assert actor is not None, phrase
        assert (actor.name, actor.country, actor.sector, actor.code) == (
            name,
            country,
            sector,
            code,
        ), phrase


def test_resolve_phrase_without_an_actor() -> None:
    assert RESOLVER.resolve_phrase("Reuters") is None
    assert RESOLVER.resolve_phrase("Russian oil") is None
    assert RESOLVER.resolve_phrase("") is None


def test_resolve_phrase_without_a_date_takes_the_latest_holder() -> None:
    actor = RESOLVER.resolve_phrase("the Russian president")
    assert actor is not None and actor.name == "Vladimir Putin"


def test_a_crowd_in_a_capital_is_that_country_s_civilians() -> None:
    spec = (
        "Protesters/NOUN/nsubj/3/-/protester in/ADP/prep/0 Tehran/PROPN/pobj/1/GPE "
        "stormed/VERB/ROOT/3 the/DET/det/6 Saudi/PROPN/compound/6/NORP embassy/NOUN/dobj/3 "
        "./PUNCT/punct/3"
    )
    assert summary(spec)[0] == ("Protesters in Tehran", "IRNCVL", "group")


def test_coordinated_demonyms_share_the_noun_s_sector() -> None:
    spec = (
        "Saudi/PROPN/amod/3/NORP and/CCONJ/cc/0 Iranian/ADJ/conj/0/NORP officials/NOUN/nsubj/4 "
        "met/VERB/ROOT/4 ./PUNCT/punct/4"
    )
    assert summary(spec) == [
        ("Saudi", "SAUGOV", "demonym"),
        ("Iranian officials", "IRNGOV", "demonym"),
    ]


def test_a_sea_named_after_a_country_is_not_that_country() -> None:
    spec = (
        "Ships/NOUN/nsubj/1 sailed/VERB/ROOT/1 into/ADP/prep/1 the/DET/det/4 Sea/PROPN/pobj/2/LOC "
        "of/ADP/prep/4/LOC Japan/PROPN/pobj/5/LOC ./PUNCT/punct/1"
    )
    assert summary(spec) == []


def test_a_country_the_tagger_calls_a_person_is_still_the_country() -> None:
    spec = (
        "Sri/PROPN/compound/1/PERSON Lanka/PROPN/poss/3/PERSON 's/PART/case/1/PERSON "
        "President/PROPN/compound/4 Rajapaksa/PROPN/nsubj/5/PERSON spoke/VERB/ROOT/5"
    )
    assert summary(spec, published="2022-04-01")[0][1] == "LKAGOV"
