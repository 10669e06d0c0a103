"""A corpus written for these tests: many short, distinct articles about states."""

from __future__ import annotations

from pathlib import Path

COUNTRIES = [
    "France", "Germany", "Japan", "India", "Brazil", "Kenya", "Egypt", "Canada",
    "Mexico", "Chile", "Peru", "Spain", "Italy", "Norway", "Poland", "Vietnam",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

FRENCH = (
    "Le ministre des affaires étrangères a rencontré son homologue mardi à Paris pour "
    "discuter de la coopération entre les deux pays. Les deux gouvernements ont signé un "
    "accord sur le commerce et promis de se revoir avant la fin de l'année."
)


def article(i: int) -> str:
    a = COUNTRIES[i % len(COUNTRIES)]
    b = COUNTRIES[(i * 7 + 3) % len(COUNTRIES)]
    c = COUNTRIES[(i * 5 + 1) % len(COUNTRIES)]
    day = DAYS[i % len(DAYS)]
    return (
        f"{a} and {b} signed a trade agreement on {day}, officials said, in talks that "
        f"lasted {i % 9 + 2} hours.\n\n"
        f"The foreign minister of {a} said the deal would cut tariffs on {i} goods.\n\n"
        f"{b} accused {c} of violating its airspace with military aircraft.\n\n"
        f"The government of {c} denied the claim and called for calm (report {i})."
    )


def write_corpus(root: Path, count: int) -> Path:
    """``count`` articles as .txt files, plus one French article and one empty file."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"a{i:04d}.txt").write_text(article(i), encoding="utf-8")
    (root / "b_french.txt").write_text(FRENCH, encoding="utf-8")
    (root / "c_empty.txt").write_text("", encoding="utf-8")
    return root
