"""Sample news briefs bundled with dyadwatch, for ``make run`` and the README.

The briefs were written for this project, in its own words, about well-documented
events between states (2022-2024). Each file has a headline on its first line, a
dateline ("SEOUL, June 19, 2024 —") or a ``Published: YYYY-MM-DD`` line on its second,
then paragraphs. They are chosen to exercise what the coder must handle: hedges,
attributions, denials, intentions, expectations and symmetric events.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["sample_paths"]


def sample_paths() -> list[Path]:
    """The bundled sample briefs (``*.txt``), sorted by file name.

    The package is installed as plain files (never zipped: setuptools ships it as a
    directory), so the resources are real paths a reader can open.
    """
    root = files(__name__)
    return sorted(
        (Path(str(entry)) for entry in root.iterdir() if entry.name.endswith(".txt")),
        key=lambda path: path.name,
    )
