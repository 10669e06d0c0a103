"""Shared test set-up: make ``tests/`` importable so tests can use ``builders``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
