"""Locate: where each event happened, from an offline gazetteer (see :mod:`.locator`)."""

from dyadwatch.locate.gazetteer import Gazetteer, Place, fold
from dyadwatch.locate.locator import Location, Locator

__all__ = ["Gazetteer", "Location", "Locator", "Place", "fold"]
