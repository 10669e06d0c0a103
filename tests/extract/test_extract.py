"""extract(): fixtures end to end, metadata precedence, and the errors it raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.errors import EmptyArticle, MalformedInput, UnsupportedLanguage
from dyadwatch.extract import extract
from dyadwatch.extract import html as html_adapter
from dyadwatch.model import Document
from dyadwatch.read import read_inputs

PAGES = Path(__file__).parent.parent / "data" / "pages"

# Every sentence of the story on the chrome page, as written there.
ARTICLE_SENTENCES = [
    "North Korean leader Kim Jong-un held talks with Russian President Vladimir Putin at the "
    "Vostochny Cosmodrome in Russia's Far East on Wednesday, the Korean Central News Agency "
    "reported.",
    "Kim arrived at the spaceport in the Amur region aboard his armoured train, and Putin greeted "
    "him with a long handshake before the two leaders toured the launch facilities.",
    "According to the state agency, Kim praised Russia's leadership and said Pyongyang would "
    "stand with Moscow in what he called its fight to protect its sovereignty.",
    "Asked by reporters whether Russia would help North Korea build satellites, Putin reportedly "
    "said that this was the reason the two sides had come to the cosmodrome.",
    "Officials in Washington and Seoul have warned that Pyongyang is believed to be preparing to "
    "supply artillery shells to Russia for use in Ukraine in exchange for military technology.",
    "A Kremlin spokesman had said before the summit that the two sides did not plan to sign any "
    "agreements.",
    "Kim invited Putin to visit Pyongyang at a convenient time, and the Russian leader accepted "
    "the invitation, the agency said.",
    # The page has three spaces after "he": whitespace inside a line is collapsed.
    "Kim is expected to travel on to Komsomolsk-on-Amur and Vladivostok, where he is reportedly "
    "due to visit an aircraft plant and naval facilities.",
]
HEADLINE = "Kim Jong-un and Vladimir Putin meet at Russian spaceport"
EXPECTED_CHROME_PAGE = "\n\n".join(
    [HEADLINE, "Published: 13 September 2023, 16:40 GMT", "By a staff reporter", *ARTICLE_SENTENCES]
)


def doc(content: str, kind: str = "text", **fields: str) -> Document:
    return Document(doc_id="d1", origin="test-page", kind=kind, content=content, **fields)  # type: ignore[arg-type]


def load(name: str) -> Document:
    (item,) = read_inputs([str(PAGES / name)])
    assert isinstance(item, Document), item
    return item


def test_chrome_page_is_cleaned_exactly() -> None:
    page = load("kim_putin_chrome.txt")
    article = extract(page)
    assert article.text == EXPECTED_CHROME_PAGE
    assert article.title == HEADLINE
    assert article.published == "2023-09-13"
    assert article.language == "en"
    assert (article.doc_id, article.origin) == (page.doc_id, page.origin)


def test_no_chrome_line_of_the_page_survives() -> None:
    raw_lines = {line.strip() for line in load("kim_putin_chrome.txt").content.splitlines()}
    kept = {HEADLINE, "Published: 13 September 2023, 16:40 GMT", "By a staff reporter"}
    # The one sentence with doubled spaces is compared after collapsing them.
    story = {" ".join(s.split()) for s in ARTICLE_SENTENCES}
    text = extract(load("kim_putin_chrome.txt")).text
    paragraphs = set(text.split("\n\n"))
    for line in raw_lines - {""}:
        normalised = " ".join(line.split())
        if normalised in kept or normalised in story:
            assert normalised in paragraphs
        else:
            assert normalised not in text, f"chrome survived: {line!r}"


def test_every_sentence_is_found_verbatim_at_an_offset() -> None:
    text = extract(load("kim_putin_chrome.txt")).text
    for sentence in ARTICLE_SENTENCES:
        start = text.find(sentence)
        assert start >= 0, sentence
        assert text[start : start + len(sentence)] == sentence


def test_html_page() -> None:
    page = load("kim_putin.html")
    assert page.kind == "html"
    article = extract(page)
    assert article.title == HEADLINE  # og:title, not the <title> with the site name
    assert article.published == "2023-09-13"
    assert article.author == "Staff Reporter"
    assert article.site == "Example News"
    assert article.url == "https://news.example.org/world/asia/kim-putin-vostochny"
    assert article.language == "en"
    for sentence in ARTICLE_SENTENCES[:5] + ARTICLE_SENTENCES[6:7]:
        assert sentence in article.text
    for chrome in ["World", "Business", "dataLayer", "track(", "font-family", "You may also like",
                   "Seoul and Tokyo", "Copyright", "About Us", "Photo: Pool"]:  # fmt: skip
        assert chrome not in article.text
    assert "\n\n" in article.text and "\n\n\n" not in article.text


def test_document_fields_win_over_extracted_ones() -> None:
    html = (PAGES / "kim_putin.html").read_text(encoding="utf-8")
    given = doc(html, "html", title="Given title", published="2023-09-14", url="https://x.test/a")
    article = extract(given)
    assert (article.title, article.published, article.url) == (
        "Given title",
        "2023-09-14",
        "https://x.test/a",
    )
    assert article.site == "Example News"  # not given, so extracted


def test_jsonl_briefs_extract() -> None:
    items = list(read_inputs([str(PAGES / "briefs.jsonl")]))
    articles = [extract(d) for d in items if isinstance(d, Document)]
    assert len(articles) == 5
    assert [a.doc_id for a in articles[:4]] == ["brief-001", "2", "brief-003", "brief-004"]
    assert all(a.language == "en" for a in articles)
    html_brief = articles[4]
    assert html_brief.published == "2018-04-27"
    assert "<p>" not in html_brief.text
    assert html_brief.text.startswith("South Korean President Moon Jae-in and North Korean")
    assert html_brief.text.count("\n\n") == 1


def test_html_with_only_navigation_is_an_empty_article() -> None:
    nav_only = (
        "<html><head><title>Example News</title></head><body><nav><ul>"
        "<li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        "<footer>Copyright 2024</footer></body></html>"
    )
    with pytest.raises(EmptyArticle) as caught:
        extract(doc(nav_only, "html"))
    assert str(caught.value).startswith("E105 test-page: no article text on the page")


@pytest.mark.parametrize(
    "garbage", ["<<<>>>", "<html>", "</p></div>", "<html><body></body></html>"]
)
def test_garbage_html_is_an_empty_article(garbage: str) -> None:
    with pytest.raises(EmptyArticle):
        extract(doc(garbage, "html"))


def test_html_that_cannot_be_parsed_is_malformed(monkeypatch: pytest.MonkeyPatch) -> None:
    # lxml parses nearly anything once wrapped in a document; this is the path for what
    # it still refuses.
    monkeypatch.setattr(html_adapter, "load_html", lambda markup: None)
    with pytest.raises(MalformedInput) as caught:
        extract(doc("<p>Anything.</p>", "html"))
    assert str(caught.value).startswith("E107 test-page: the HTML cannot be parsed")


def test_malformed_but_usable_html_is_extracted() -> None:
    broken = (
        "<html><body><div><p>Kim Jong-un and Vladimir Putin met at the Vostochny Cosmodrome on "
        "Wednesday, the state news agency said<p>The talks lasted several hours, and the two "
        "leaders later toured the launch site together.</div>"
    )
    article = extract(doc(broken, "html"))
    assert "Vostochny Cosmodrome" in article.text
    assert "toured the launch site together." in article.text


def test_text_that_is_all_chrome_is_an_empty_article() -> None:
    chrome = "Home > World > Asia\nShare this article\nAdvertisement\nAccept all cookies\n"
    with pytest.raises(EmptyArticle) as caught:
        extract(doc(chrome))
    assert "test-page" in str(caught.value)


def test_non_english_article_is_refused() -> None:
    german = (
        "Der nordkoreanische Machthaber Kim Jong-un hat den russischen Präsidenten Wladimir "
        "Putin auf einem Weltraumbahnhof im Fernen Osten Russlands getroffen, berichtete die "
        "staatliche Nachrichtenagentur am Mittwoch. Die beiden Politiker besichtigten danach "
        "gemeinsam die Startanlagen."
    )
    with pytest.raises(UnsupportedLanguage) as caught:
        extract(doc(german))
    message = str(caught.value)
    assert message.startswith("E108 test-page: the article is in 'de', not English")
    assert "translate" in message


def test_short_text_is_not_refused_on_a_guess() -> None:
    # langid calls this Dutch with a probability under 0.1: too short to believe.
    article = extract(doc("Kim met Putin."))
    assert article.text == "Kim met Putin."
    assert article.language is None


def test_dateline_sets_the_date_when_the_document_has_none() -> None:
    text = (
        "VLADIVOSTOK, Sept. 13, 2023 (Example Wire) - Kim Jong-un and Vladimir Putin met at "
        "the Vostochny Cosmodrome on Wednesday, according to the state news agency."
    )
    assert extract(doc(text)).published == "2023-09-13"
    assert extract(doc(text, published="2023-09-12")).published == "2023-09-12"


def test_dates_inside_story_sentences_are_not_publication_dates() -> None:
    text = (
        "Kim Jong-un first met Vladimir Putin in Vladivostok on April 25, 2019, and the two "
        "leaders met again at a spaceport in the Amur region four years later, Tass reported."
    )
    assert extract(doc(text)).published is None


def test_extract_is_deterministic() -> None:
    page = load("kim_putin_chrome.txt")
    assert extract(page) == extract(page)


def test_second_chrome_page_in_another_layout() -> None:
    # Section labels as a menu, a caption label with the caption on the next line,
    # stray navigation labels, and three kinds of related-links block at the foot.
    article = extract(load("iran_saudi_chrome.txt"))
    assert article.text == "\n\n".join(
        [
            "Iran and Saudi Arabia agree to restore diplomatic ties",
            "10 March 2023",
            "Iran and Saudi Arabia have agreed to reopen their embassies within two months, in a "
            "deal brokered by China after talks in Beijing, state media in both countries "
            "reported.",
            "The two regional rivals cut ties in 2016 after protesters stormed Saudi diplomatic "
            "posts in Iran.",
        ]
    )
    assert article.title == "Iran and Saudi Arabia agree to restore diplomatic ties"
    assert article.published == "2023-03-10"
