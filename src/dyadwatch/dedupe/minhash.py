"""MinHash over word shingles, with banded LSH keys for finding candidates."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import numpy.typing as npt

__all__ = [
    "BANDS",
    "PERMUTATIONS",
    "SCHEME",
    "THRESHOLD",
    "Signature",
    "band_keys",
    "is_near_duplicate",
    "near_duplicate_rows",
    "pack_signature",
    "signature",
    "signature_rows",
    "similarity",
    "unpack_signature",
]

Signature = tuple[int, ...]

# 5-word shingles: long enough that two different stories on the same subject share
# few of them (stock phrases like "the foreign minister said on" are the overlap),
# short enough that an edited sentence only spoils the five shingles around the edit.
SHINGLE_WORDS = 5
# 128 hash functions: the standard error of the Jaccard estimate is ~1/sqrt(128) ≈ 0.09.
PERMUTATIONS = 128
# 32 bands of 4 rows: a pair becomes a candidate with probability 1-(1-s^4)^32, which is
# 0.5 near s = 0.42 and over 0.99 from s = 0.65, so pairs above THRESHOLD are rarely
# missed while unrelated articles (s < 0.1) are almost never compared.
BANDS = 32
_ROWS = PERMUTATIONS // BANDS
# Estimated Jaccard similarity of shingle sets at or above which two articles are one
# story. Tuned on the reprint fixtures in tests/dedupe (a wire story with a new
# headline and a sentence or two changed or cut scores 0.6-0.9; two different stories
# about the same meeting score under 0.1); 0.5 sits between them with margin.
THRESHOLD = 0.5

_PRIME = (1 << 61) - 1  # Mersenne prime for the universal hash family
_MASK32 = (1 << 32) - 1
_WORD = re.compile(r"\w+")
# Fixed seeds: signatures must be the same in every process and every run.
_SEED = 20240619
_RNG = np.random.default_rng(_SEED)
_A = _RNG.integers(1, _MASK32, size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, _MASK32, size=PERMUTATIONS, dtype=np.uint64)
# Everything a signature and its band keys depend on, named. Signatures of another
# scheme cannot be compared with these: whoever changes a setting above changes this
# name, and adds a store migration that signs the stored articles again.
SCHEME = f"minhash-w{SHINGLE_WORDS}-p{PERMUTATIONS}-b{BANDS}-s{_SEED}"


def _shingles(text: str) -> npt.NDArray[np.uint64]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        }
    # 32-bit hashes so that a*x+b fits in 64 bits before the modulo.
    values = [
        int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=4).digest(), "little")
        for g in sorted(grams)
    ]
    return np.array(values, dtype=np.uint64)


def signature(text: str) -> Signature:
    """The MinHash signature of ``text`` (PERMUTATIONS 32-bit values)."""
    shingles = _shingles(text)
    if shingles.size == 0:
        return (_MASK32,) * PERMUTATIONS
    hashed = (shingles[:, None] * _A[None, :] + _B[None, :]) % np.uint64(_PRIME)
    mins = (hashed & np.uint64(_MASK32)).min(axis=0)
    return tuple(int(v) for v in mins)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / PERMUTATIONS


def is_near_duplicate(a: Signature, b: Signature) -> bool:
    return similarity(a, b) >= THRESHOLD


def band_keys(sig: Signature) -> list[str]:
    """One key per band; two signatures sharing any key are candidate duplicates."""
    keys = []
    for band in range(BANDS):
        rows = sig[band * _ROWS : (band + 1) * _ROWS]
        digest = hashlib.blake2b(repr(rows).encode(), digest_size=8).hexdigest()
        keys.append(f"{band:02d}:{digest}")
    return keys


def near_duplicate_rows(sig: Signature, others: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """For each row of ``others`` (signatures, one per row): whether it shares a band
    with ``sig`` (it is an LSH candidate) and is a near-duplicate of it.

    The same test as :func:`band_keys` plus :func:`is_near_duplicate`, pair by pair,
    done for many signatures at once: a wire story reprinted on sixty sites is sixty
    rows compared in one step.
    """
    mine = np.asarray(sig, dtype=np.uint32)
    equal = others == mine[None, :]
    shares_band = equal.reshape(len(others), BANDS, _ROWS).all(axis=2).any(axis=1)
    near = equal.sum(axis=1) >= THRESHOLD * PERMUTATIONS
    both: npt.NDArray[np.bool_] = shares_band & near
    return both


# The byte form of a signature, as the store and batch outputs keep it: 32-bit unsigned
# values, little-endian, so the bytes mean the same on every machine that reads them.
_PACKED = np.dtype("<u4")
_PACKED_BYTES = PERMUTATIONS * _PACKED.itemsize


def pack_signature(sig: Signature) -> bytes:
    """``sig`` in its byte form (4 bytes a value)."""
    return np.asarray(sig, dtype=_PACKED).tobytes()


def unpack_signature(data: bytes | None) -> Signature | None:
    """The signature :func:`pack_signature` packed, or None for bytes of another length
    (a signature made with another number of hash functions) or no bytes."""
    if data is None or len(data) != _PACKED_BYTES:
        return None
    values: list[int] = np.frombuffer(data, dtype=_PACKED).tolist()
    return tuple(values)


def signature_rows(packed: list[bytes]) -> npt.NDArray[np.uint32]:
    """Packed signatures as one matrix, a row each (for :func:`near_duplicate_rows`)."""
    rows = np.frombuffer(b"".join(packed), dtype=_PACKED).astype(np.uint32)
    return rows.reshape(len(packed), PERMUTATIONS)
