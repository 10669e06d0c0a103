"""Extract the article from a Document: text without page chrome, metadata, language.

``extract`` is pure (no I/O): the same Document always gives the same Article, whose
``text`` is what every later offset points into.
"""

from dyadwatch.extract.article import extract
from dyadwatch.extract.language import detect_language

__all__ = ["detect_language", "extract"]
