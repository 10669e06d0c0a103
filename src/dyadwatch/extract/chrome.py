"""Remove page chrome from scraped plain text, line by line.

Scraped pages keep the words of everything around the article: menus, breadcrumbs,
photo captions and credits, "You may also like" lists, share buttons, cookie banners,
script notices and copyright footers. Each is recognised by a general line-level
classifier (what kind of line it is), never by the wording of one particular site, and
every threshold below says how it was chosen.

What stays is joined into paragraphs separated by a blank line ("\\n\\n"); inside a
line, runs of spaces and tabs become one space. Article sentences are otherwise kept
verbatim, because every offset downstream points into this text. Bylines and
timestamps stay: they are short, harmless, and the dateline finder reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dyadwatch.read.dates import find_date

__all__ = ["CleanText", "chrome_reason", "clean_text"]

# Horizontal whitespace of every kind, including the no-break spaces scrapers leave.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_HAS_TEXT = re.compile(r"[^\W_]")
# A sentence end, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

# --- thresholds -----------------------------------------------------------------------
# A line this short (in words) can be a button, label or credit; the share, notice and
# credit patterns only fire on lines no longer than this, so a real sentence that
# merely mentions "subscribe" or "JavaScript" is never dropped. Buttons and notices
# ("Share on Facebook", "Please enable JavaScript to view this page") run 1-10 words;
# 12 leaves a margin, and tests/extract/test_chrome.py holds prose that must survive.
_SHORT_LINE_WORDS = 12
# Cookie banners are wordy ("We use cookies to ... By continuing ... you agree ...",
# two or three sentences, some 15-45 words); 60 leaves room. A paragraph that long is
# only dropped if it is about cookies *and* consent.
_COOKIE_LINE_WORDS = 60
# Breadcrumb segments are section names: one to four words each.
_CRUMB_WORDS = 4
# A menu item: at most this many Title-Case words and characters ("Business & Economy").
_MENU_WORDS = 4
_MENU_CHARS = 32
# Three menu items in a row is a menu; one or two short lines may be a headline,
# a kicker or a byline, which stay.
_MENU_RUN = 3
# A "real paragraph" ends a related-links block and bounds the menu search: a sentence
# of at least this many words ending in . or !, or any line of _PARAGRAPH_WORDS.
# Related-headline lists are 5-14 words without a final full stop; a six-word
# sentence with one ("Kim arrived by armoured train.") is prose.
_SENTENCE_WORDS = 6
_PARAGRAPH_WORDS = 20
# A headline: the first kept line, no final full stop, at most this many words
# (news headlines run 6-18 words).
_HEADLINE_WORDS = 25
# Hard-wrapped text (mail, wire copy, terminal dumps) breaks lines at 60-80 columns, and
# its broken lines fill the width up to the length of the word that did not fit: 0.75
# of the widest line allows a 15-character word at 60 columns. A block with a line
# wider than 100 characters is not hard-wrapped at all (a paragraph per line), nor is
# one whose lines all stay under 50 (a stack of labels: timestamp, byline, kicker).
# Wrapping is only inferred from width in blocks of three lines or more: a headline over
# a byline is two lines of similar length, too.
_WRAP_MIN_CHARS = 50
_WRAP_MAX_CHARS = 100
_WRAP_MIN_LINES = 3
_WRAP_FILL = 0.75
# A short line holding a date is a timestamp, not a headline ("Updated 13 September
# 2023, 14:05 GMT" is 7 words).
_DATELINE_WORDS = 10
# A caption under a bare "Image caption," label: captions run one or two sentences;
# 30 words keeps a real paragraph that happens to follow a label from being dropped.
_CAPTION_WORDS = 30
# A stray label above the story ("Accessibility links", "Trending"): navigation labels
# are one to three words; a four-word line may already be a kicker or short headline.
_ORPHAN_WORDS = 3
# ---------------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s+(?:>|»|›|/|\||→|::)\s+")
_SMALL_WORDS = frozenset({"and", "of", "the", "in", "for", "on", "to", "&", "a", "at"})

# A label, then ":" "|" or a spaced dash ("Photo: ...", "Image caption, ..."); not a
# bare comma, which starts prose as often ("Media, including state television, ...").
_CAPTION = re.compile(
    r"""^(?:
        (?:image|photo|picture|photograph|video|media|graphic)\s*(?:caption|credit|source)?
            (?:\s*[:|]|\s+[–—-]\s)
      | (?:caption|credit|photo\ credit|image\ credit|image\ source)(?:\s*[:|]|\s+[–—-]\s)
      | (?:image|media|video)\ (?:caption|source|credit)\b
      | alt\s*=
      | \(\s*(?:photo|image|picture|video)s?\b[^)]*\)$
      | \[\s*(?:photo|image|picture|video|gallery)s?\b[^\]]*\]$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Photo credits that close or make up a caption: "(Photo by X/AFP)", "... Photo: X",
# "X/Getty Images". Agency names are credit vocabulary, not one site's wording.
_CREDIT = re.compile(
    r"""(?i:\(\s*(?:photo|image|picture)s?\s*(?:by\b|:|credit)[^)]*\)\s*$)
      | (?i:\b(?:getty\ images|shutterstock|alamy|ap\ photo|epa-efe)\b)
      | \b(?i:photo|image|picture)s?:\s*[A-Z]
    """,
    re.VERBOSE,
)
_NOTICE = re.compile(
    r"""(?:requires?\ javascript | enable\ javascript
      | javascript\ (?:is\ )?(?:disabled|required|turned\ off)
      | browser\ (?:does\ not|doesn't)\ support
      | ^\[?\s*(?:embedded\ content|advertisement|sponsored(?:\ content)?|ad)\s*\]?$
      | ^(?:story\ continues\ below|continue\ reading|skip\ to\ (?:main\ )?content|skip\ ad
          |play\ video|watch\ video|listen\ to\ (?:this\ )?article)\b
      | ^loading(?:\.\.\.|…)?$
      | ^\d+\s*(?:min|minute)s?\s+read$
      | ^(?:advertisement|sponsored)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_SHARE = re.compile(
    r"""^(?:share(?:\ (?:this|the)(?:\ (?:article|story|page|post|video))?)?
            (?:\ (?:on|via|with)\b.*)?:?$
      | (?:tweet|email|print|copy\ link|comments?)$
      | follow\ (?:us|me)\b | subscribe\b | sign\ (?:up|in)\b | log\ ?in\b
      | register(?:\ (?:now|here|for\ free))?$
      | join\ (?:our|us)\b | get\ (?:our|the)\ (?:newsletter|app)\b | newsletters?\b
      | download\ (?:our|the)\ app\b | (?:privacy|cookie)\ (?:policy|settings|notice)\b
      | terms\ (?:of|and)\ (?:use|service|conditions)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_SOCIAL = frozenset(
    {"facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "email", "reddit", "share"}
    | {"print", "copy", "link", "messenger", "pinterest", "instagram", "youtube", "tiktok"}
)
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT = re.compile(
    r"\b(?:we use|uses|accept|reject|consent|agree|preferences|settings|manage)\b", re.IGNORECASE
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|^copyright\s*(?:©|\(c\)|\d{4})|\ball rights reserved\b", re.IGNORECASE
)
_RELATED_HEADING = re.compile(
    r"""^(?:you\ (?:may|might)\ (?:also\ )?(?:like|be\ interested\ in)
      | related(?:\ (?:stories|articles|coverage|news|topics|content|reading|links))?
      | (?:read|see)\ (?:more|also)(?:\ (?:on|about)\b.*)?
      | also\ read | more\ (?:on\ this\ story|stories|from\b.*|news|coverage|like\ this)
      | recommended(?:\ (?:for\ you|stories|articles|reading))?
      | most\ (?:read|popular|viewed|shared) | trending(?:\ now)? | top\ stories
      | latest\ (?:news|stories) | editor'?s\ picks? | don'?t\ miss | what\ to\ read\ next
    )\s*[:.]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A caption label alone on its line; the caption itself is on the next line.
_CAPTION_LABEL = re.compile(r"^(?:(?:image|media|video|photo)\s+)?caption\s*[,:|]?$", re.IGNORECASE)
# "Read more: <headline>" on one line is a link, not an article sentence.
_RELATED_INLINE = re.compile(
    r"^(?:read\ (?:more|also)|related|see\ also|also\ read|more)\s*[:|–—-]\s+\S",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text, its paragraphs, and the first line when it is a headline."""

    text: str
    paragraphs: tuple[str, ...]
    headline: str | None


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def chrome_reason(line: str) -> str | None:
    """Why a single (whitespace-normalised) line is page chrome, or None if it may be prose."""
    if not _HAS_TEXT.search(line):
        return "no words"
    n = _words(line)
    for reason, test in _LINE_TESTS:
        if test(line, n):
            return reason
    return None


def _is_breadcrumb(line: str, n: int) -> bool:
    parts = _SEPARATORS.split(line)
    if len(parts) < 3 or _SENTENCE_END.search(line):
        return False
    return all(0 < _words(part) <= _CRUMB_WORDS and part[:1].isupper() for part in parts)


def _is_caption(line: str, n: int) -> bool:
    return bool(_CAPTION.search(line)) or (
        n <= 2 * _SHORT_LINE_WORDS and bool(_CREDIT.search(line))
    )


def _is_notice(line: str, n: int) -> bool:
    return n <= _SHORT_LINE_WORDS and bool(_NOTICE.search(line))


def _is_share(line: str, n: int) -> bool:
    if n > _SHORT_LINE_WORDS:
        return False
    if _SHARE.search(line):
        return True
    tokens = re.findall(r"[^\W_]+", line.lower())
    return bool(tokens) and all(token in _SOCIAL for token in tokens)


def _is_cookie_banner(line: str, n: int) -> bool:
    return n <= _COOKIE_LINE_WORDS and bool(_COOKIE.search(line)) and bool(_CONSENT.search(line))


def _is_copyright(line: str, n: int) -> bool:
    return n <= 2 * _SHORT_LINE_WORDS and bool(_COPYRIGHT.search(line))


def _is_related_inline(line: str, n: int) -> bool:
    return n <= 2 * _SHORT_LINE_WORDS and bool(_RELATED_INLINE.search(line))


_LINE_TESTS: tuple[tuple[str, Callable[[str, int], bool]], ...] = (
    ("breadcrumb", _is_breadcrumb),
    ("caption or photo credit", _is_caption),
    ("script or advertisement notice", _is_notice),
    ("share, follow or sign-up link", _is_share),
    ("cookie banner", _is_cookie_banner),
    ("copyright line", _is_copyright),
    ("related-article link", _is_related_inline),
)


def _is_real_paragraph(line: str) -> bool:
    n = _words(line)
    if n >= _PARAGRAPH_WORDS:
        return True
    return n >= _SENTENCE_WORDS and bool(re.search(r"[.!][\"'”’)\]]*$", line))


def _is_menu_item(line: str) -> bool:
    if len(line) > _MENU_CHARS or any(ch.isdigit() for ch in line):
        return False
    if re.search(r"[.!?:;,]$", line):
        return False
    items = line.split()
    if not 0 < len(items) <= _MENU_WORDS or not items[0][:1].isupper():
        return False
    return all(item[:1].isupper() or item.lower() in _SMALL_WORDS for item in items)


def _normalise(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _drop_chrome_lines(lines: Sequence[str]) -> list[bool]:
    """Mark each line kept (True) or dropped, by line classifier and block state.

    Two kinds of chrome span lines: a related-links heading drops the headline lines
    under it up to the next real paragraph, and a bare caption label ("Image caption,")
    drops the caption on the line after it.
    """
    keep: list[bool] = []
    in_related_block = False
    caption_follows = False
    for line in lines:
        if _RELATED_HEADING.match(line):
            in_related_block = True
            keep.append(False)
            continue
        if in_related_block and _is_real_paragraph(line):
            in_related_block = False
        if caption_follows and _words(line) <= _CAPTION_WORDS:
            keep.append(False)
        else:
            keep.append(not in_related_block and chrome_reason(line) is None)
        caption_follows = bool(_CAPTION_LABEL.match(line))
    return keep


def _drop_orphans(lines: Sequence[str], keep: list[bool]) -> None:
    """Drop stray short labels above the story that stand right before dropped chrome.

    "Accessibility links" over "Skip to content", or "Trending" over a menu, are chrome
    that no single-line test names. Bylines, timestamps and lines that end a sentence
    are left alone, and so is a kicker right above the headline (the line after it is
    kept).
    """
    real = [i for i, k in enumerate(keep) if k and _is_real_paragraph(lines[i])]
    first = real[0] if real else len(lines)
    for i in range(min(first, len(lines) - 1)):
        line = lines[i]
        if (
            keep[i]
            and not keep[i + 1]
            and _words(line) <= _ORPHAN_WORDS
            and not _SENTENCE_END.search(line)
            and not re.match(r"(?i)by\s", line)
            and find_date(line) is None
        ):
            keep[i] = False


def _drop_menus(lines: Sequence[str], starts_block: Sequence[bool], keep: list[bool]) -> None:
    """Drop runs of menu items above the first and below the last real paragraph.

    A run is consecutive kept lines. A blank line ends a run, unless the page puts a blank
    line after every line (each item of the run so far is a block of its own): then
    blank lines say nothing about what belongs together.
    """
    kept = [i for i, k in enumerate(keep) if k]
    real = [i for i in kept if _is_real_paragraph(lines[i])]
    first, last = (real[0], real[-1]) if real else (len(lines), -1)
    for region in ([i for i in kept if i < first], [i for i in kept if i > last]):
        run: list[int] = []
        # -1 closes the last run.
        for i in [*region, -1]:
            item = i >= 0 and _is_menu_item(lines[i])
            if item and (not run or not starts_block[i] or all(starts_block[j] for j in run)):
                run.append(i)
                continue
            if len(run) >= _MENU_RUN:
                for j in run:
                    keep[j] = False
            run = [i] if item else []


def _continues(previous: str, line: str, block_width: int, block_lines: int) -> bool:
    """True when ``line`` goes on the sentence that the line before it (same block) broke off.

    A line that starts in lower case, or follows a comma or dash, is a continuation. So
    is any line after one that stops mid-sentence close to the width of a hard-wrapped
    block; in a page that puts one paragraph per line the lines are too long for that,
    so a headline there is never glued to the lead below it.
    """
    if _SENTENCE_END.search(previous) or previous.endswith(":"):
        return False
    if line[:1].islower() or previous.endswith((",", "-", "–", "—", ";")):
        return True
    wrapped_block = (
        _WRAP_MIN_CHARS <= block_width <= _WRAP_MAX_CHARS and block_lines >= _WRAP_MIN_LINES
    )
    return wrapped_block and len(previous) >= _WRAP_FILL * block_width


def clean_text(raw: str) -> CleanText:
    """Strip page chrome from ``raw`` and return the article text with its paragraphs."""
    lines: list[str] = []
    blocks: list[int] = []
    block = 0
    for raw_line in raw.splitlines():
        line = _normalise(raw_line)
        if not line:
            block += 1
            continue
        lines.append(line)
        blocks.append(block)
    starts_block = [i == 0 or blocks[i - 1] != blocks[i] for i in range(len(lines))]
    keep = _drop_chrome_lines(lines)
    _drop_menus(lines, starts_block, keep)
    _drop_orphans(lines, keep)
    width: dict[int, int] = {}
    count: dict[int, int] = {}
    for i, line in enumerate(lines):
        if keep[i]:
            width[blocks[i]] = max(width.get(blocks[i], 0), len(line))
            count[blocks[i]] = count.get(blocks[i], 0) + 1
    # Each paragraph as its lines, joined once at the end (appending to a growing string
    # would be quadratic on a long wrapped paragraph).
    parts: list[list[str]] = []
    previous: int | None = None
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if (
            previous is not None
            and blocks[previous] == blocks[i]
            and _continues(lines[previous], line, width[blocks[i]], count[blocks[i]])
        ):
            parts[-1].append(line)
        else:
            parts.append([line])
        previous = i
    paragraphs = tuple(" ".join(lines_of) for lines_of in parts)
    headline = None
    if len(parts) > 1 and len(parts[0]) == 1 and _is_headline(paragraphs[0]):
        headline = paragraphs[0]
    return CleanText("\n\n".join(paragraphs), paragraphs, headline)


def _is_headline(line: str) -> bool:
    if line.endswith((".", ":")) or re.match(r"(?i)by\s", line):
        return False
    if _words(line) <= _DATELINE_WORDS and find_date(line) is not None:
        return False
    return 2 <= _words(line) <= _HEADLINE_WORDS and line[:1].isupper()
