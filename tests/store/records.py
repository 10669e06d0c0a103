"""Hand-built Article and Event records for store tests (no NLP pipeline involved).

Import as ``from store.records import make_article, make_event``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from dyadwatch.model import Actor, Article, Attribution, Event, Mention, Plover, Span, Status

# Labels and Goldstein scores are the public CAMEO values for these codes.
CAMEO: dict[str, tuple[str, int, float, str | None]] = {
    "010": ("Make statement", 1, 0.0, None),
    "036": ("Express intent to meet or negotiate", 1, 4.0, "CONSULT"),
    "040": ("Consult", 1, 1.0, "CONSULT"),
    "042": ("Make a visit", 1, 1.9, "CONSULT"),
    "051": ("Praise or endorse", 1, 3.4, "SUPPORT"),
    "057": ("Sign formal agreement", 1, 8.0, "AGREE"),
    "070": ("Provide aid", 2, 7.0, "AID"),
    "072": ("Provide military aid", 2, 8.3, "AID"),
    "111": ("Criticize or denounce", 3, -2.0, "ACCUSE"),
    "163": ("Impose embargo, boycott, or sanctions", 4, -8.0, "SANCTION"),
    "190": ("Use conventional military force", 4, -10.0, "ASSAULT"),
}

# name, country, sector, code
ACTORS: dict[str, tuple[str, str | None, str | None, str]] = {
    "PRKGOV": ("Kim Jong-un", "PRK", "GOV", "PRKGOV"),
    "RUSGOV": ("Vladimir Putin", "RUS", "GOV", "RUSGOV"),
    "RUS": ("Russia", "RUS", None, "RUS"),
    "PRK": ("North Korea", "PRK", None, "PRK"),
    "UKR": ("Ukraine", "UKR", None, "UKR"),
    "UKRMIL": ("Ukrainian army", "UKR", "MIL", "UKRMIL"),
    "USAGOV": ("Washington", "USA", "GOV", "USAGOV"),
    "CHN": ("China", "CHN", None, "CHN"),
    "RUSMIL": ("Russian forces", "RUS", "MIL", "RUSMIL"),
    "IGOUNO": ("United Nations", None, "IGO", "IGOUNO"),
    "RUSOPP": ("Russian opposition", "RUS", "OPP", "RUSOPP"),
}


def make_article(
    doc_id: str = "doc-1",
    text: str = "Kim Jong-un praised Russia on Wednesday during a summit in Pyongyang.",
    *,
    published: str | None = "2024-06-19",
    title: str | None = "Summit in Pyongyang",
    url: str | None = None,
) -> Article:
    return Article(
        doc_id=doc_id,
        origin=f"{doc_id}.txt",
        text=text,
        url=url or f"https://news.example/{doc_id}",
        title=title,
        published=published,
        author="A. Writer",
        site="news.example",
        language="en",
    )


def _mention(code: str, start: int) -> Mention:
    name, country, sector, actor_code = ACTORS[code]
    return Mention(
        text=name,
        start=start,
        end=start + len(name),
        token_start=0,
        token_end=len(name.split()),
        head=0,
        actor=Actor(name, country, sector, actor_code),
    )


def make_event(
    doc_id: str = "doc-1",
    *,
    index: int = 0,
    source: str = "PRKGOV",
    target: str | None = "RUS",
    cameo: str = "051",
    date: str | None = "2024-06-19",
    status: Status = "reported",
    hedged: bool = False,
    symmetric: bool = False,
    confidence: float = 0.8,
    attribution: Attribution | None = None,
    extra: dict[str, Any] | None = None,
    event_id: str | None = None,
) -> Event:
    """One event of a sentence ``index`` of ``doc_id``; its id hashes what identifies it."""
    label, quad, goldstein, plover = CAMEO[cameo]
    source_name = ACTORS[source][0]
    verb = label.split()[0].lower()
    sentence = f"{source_name} {verb}" + (f" {ACTORS[target][0]}." if target else ".")
    offset = index * 100  # sentences are laid out 100 characters apart
    source_mention = _mention(source, offset)
    trigger_start = offset + len(source_name) + 1
    target_mention = _mention(target, trigger_start + len(verb) + 1) if target else None
    key = f"{doc_id}|{index}|{source}|{target}|{cameo}"
    return Event(
        event_id=event_id or hashlib.sha256(key.encode()).hexdigest()[:16],
        doc_id=doc_id,
        url=f"https://news.example/{doc_id}",
        title="Summit in Pyongyang",
        published="2024-06-19",
        date=date,
        sentence_index=index,
        sentence=sentence,
        source=source_mention,
        target=target_mention,
        trigger=Span(verb, trigger_start, trigger_start + len(verb)),
        cameo=cameo,
        cameo_label=label,
        quad_class=quad,
        goldstein=goldstein,
        plover=Plover(plover, None, ("diplomatic",)),
        status=status,
        hedged=hedged,
        attribution=attribution,
        symmetric=symmetric,
        confidence=confidence,
        coder="dyadwatch 0.1.0",
        extra=extra or {},
    )
