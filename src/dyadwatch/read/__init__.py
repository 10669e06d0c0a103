"""Read inputs into :class:`~dyadwatch.model.Document` records.

An input is a file, a directory (read recursively in sorted order) or ``-`` for standard
input. Every input that cannot be read yields an :class:`~dyadwatch.errors.InputError`
in the stream instead of raising, so one bad file never stops a batch.
"""

from dyadwatch.read.inputs import DEFAULT_MAX_BYTES, read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "read_inputs"]
