"""Document -> Article: article text without page chrome, metadata, language."""

from __future__ import annotations

from dyadwatch.errors import EmptyArticle, UnsupportedLanguage
from dyadwatch.extract.chrome import clean_text
from dyadwatch.extract.dates import find_dateline
from dyadwatch.extract.html import HtmlArticle, extract_html
from dyadwatch.extract.language import guess_language
from dyadwatch.model import Article, Document

__all__ = ["extract"]

_ENGLISH = "en"


def extract(document: Document) -> Article:
    """Reduce a document to its article text, with title, date, author, site and language.

    HTML goes through trafilatura; plain text (and trafilatura's output, for the chrome
    it lets through) through the line classifiers of :mod:`dyadwatch.extract.chrome`.
    Fields the document already carries (from JSONL, say) win over extracted ones.

    Raises EmptyArticle when no article text is left, MalformedInput when HTML cannot be
    parsed at all, and UnsupportedLanguage when the text is reliably not English.
    """
    page = (
        extract_html(document.origin, document.content, document.url)
        if document.kind == "html"
        else HtmlArticle(text=document.content)
    )
    cleaned = clean_text(page.text)
    if not cleaned.text:
        problem = "no article text on the page" if document.kind == "html" else "no article text"
        raise EmptyArticle(document.origin, problem)
    guess = guess_language(cleaned.text)
    if guess.reliable and guess.language != _ENGLISH:
        raise UnsupportedLanguage(
            document.origin,
            f"the article is in '{guess.language}', not English"
            f" (langid confidence {guess.confidence:.2f})",
        )
    return Article(
        doc_id=document.doc_id,
        origin=document.origin,
        text=cleaned.text,
        url=document.url or page.url,
        title=document.title or page.title or cleaned.headline,
        published=document.published or page.published or find_dateline(cleaned.paragraphs),
        author=page.author,
        site=page.site,
        # Only a reliable guess is recorded: a short text's guess is noise (see language.py).
        language=guess.language if guess.reliable else None,
    )
