"""dyadwatch: news about states -> evidence-linked CAMEO/PLOVER events and dyad timelines."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dyadwatch")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

CODER = f"dyadwatch {__version__}"

__all__ = ["CODER", "__version__"]
