"""Build annotated sentences by hand, so that resolve and classify tests need no model.

A row is ``"text/POS/dep/head"`` with an optional ``/ENT`` label, e.g.::

    sentence("Putin/PROPN/nsubj/1/PERSON praised/VERB/ROOT/1 Kim/PROPN/dobj/1 ./PUNCT/punct/1")

Tokens are joined by single spaces (no space before punctuation), heads are
sentence-relative token indices, and the lemma is the lower-cased text unless
given as a fifth field ``text/POS/dep/head/ENT/lemma`` (use ``-`` for no entity).
"""

from __future__ import annotations

from dyadwatch.model import AnnotatedArticle, Article, Entity, Sentence, Token

_NO_SPACE_BEFORE = {".", ",", "'s", "!", "?", ";", ":", "'"}


def sentence(spec: str, *, index: int = 0, offset: int = 0) -> Sentence:
    tokens: list[Token] = []
    text = ""
    labels: list[str] = []
    for i, row in enumerate(spec.split()):
        parts = row.split("/")
        word, pos, dep, head = parts[0].replace("_", " "), parts[1], parts[2], int(parts[3])
        ent = parts[4] if len(parts) > 4 and parts[4] != "-" else ""
        lemma = parts[5] if len(parts) > 5 else word.lower()
        if text and word not in _NO_SPACE_BEFORE:
            text += " "
        start = offset + len(text)
        text += word
        tag = {"VERB": "VBD", "NOUN": "NN", "PROPN": "NNP", "AUX": "MD"}.get(pos, pos)
        tokens.append(Token(i, word, lemma, pos, tag, dep, head, start, ent))
        labels.append(ent)
    entities: list[Entity] = []
    i = 0
    while i < len(labels):
        if labels[i]:
            j = i
            while j + 1 < len(labels) and labels[j + 1] == labels[i]:
                j += 1
            entities.append(Entity(labels[i], i, j + 1))
            i = j + 1
        else:
            i += 1
    return Sentence(index, offset, offset + len(text), text, tuple(tokens), tuple(entities))


def article(
    *specs: str, published: str | None = "2024-06-19", doc_id: str = "doc"
) -> AnnotatedArticle:
    """An annotated article of the given sentences, separated by single spaces."""
    sentences: list[Sentence] = []
    offset = 0
    for index, spec in enumerate(specs):
        built = sentence(spec, index=index, offset=offset)
        sentences.append(built)
        offset = built.end + 1
    text = " ".join(s.text for s in sentences)
    return AnnotatedArticle(
        Article(doc_id=doc_id, origin=doc_id, text=text, published=published), tuple(sentences)
    )
