"""Exact and near-duplicate articles, found before extraction so a copy is never extracted twice.

Exact: ``Article.id`` hashes the normalised clean text, so a re-read or re-published text has a
known id (stored, or seen earlier in this run).

Near: a syndicated copy differs by a headline, a byline or promo lines. Each article's word
5-gram shingles get a MinHash signature (datasketch, ``_PERMUTATIONS`` permutations) cut into
``_BANDS`` bands of ``_ROWS`` rows; articles sharing a band's bucket are candidates (LSH), and a
candidate whose true shingle Jaccard similarity is at least ``near_duplicate_threshold`` is the
canonical article of the new one. Buckets of stored articles live in the ``article_bands``
table (``tocsin.store.ingest_state``); those of articles read in this run but not yet stored
are kept here, so two copies in one run are caught too.

With 20 bands of 5 rows, a pair at Jaccard 0.8 becomes a candidate with probability 0.9996
and one at 0.5 with 0.47; every candidate is verified, so only recall depends on this.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from datasketch import MinHash

from tocsin.models import normalise_text
from tocsin.store import ingest_state

if TYPE_CHECKING:
    from tocsin.config import Settings
    from tocsin.models import Article
    from tocsin.store import EventStore

__all__ = ["Deduplicator", "Verdict", "jaccard", "lsh_bands", "shingles"]

_SHINGLE_WORDS = 5
_BANDS = 20
_ROWS = 5
_PERMUTATIONS = _BANDS * _ROWS
_SEED = 3  # fixed: stored buckets must be computed the same way in every run
# Below this many shingles (about 25 words) similarity says little: exact matches only.
_MIN_SHINGLES = 20
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Verdict:
    """``kind`` is ``new``, ``exact`` or ``near``; ``canonical`` the article it duplicates."""

    kind: str
    canonical: str | None = None
    bands: dict[int, str] = field(default_factory=dict)


def shingles(text: str) -> set[str]:
    """The word 5-grams of ``text`` (normalised as for ``Article.id``)."""
    words = _WORD.findall(normalise_text(text))
    if len(words) < _SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + _SHINGLE_WORDS]) for i in range(len(words) - _SHINGLE_WORDS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def lsh_bands(grams: set[str]) -> dict[int, str]:
    """Band number -> bucket (16 hex digits) of the MinHash signature of ``grams``."""
    minhash = MinHash(num_perm=_PERMUTATIONS, seed=_SEED)
    minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
    values = minhash.hashvalues
    out: dict[int, str] = {}
    for band in range(_BANDS):
        rows = values[band * _ROWS : (band + 1) * _ROWS]
        out[band] = hashlib.sha256(rows.tobytes()).hexdigest()[:16]
    return out


class Deduplicator:
    """Decides for each article whether it is new, an exact or a near duplicate.

    ``store`` may be None (duplicates within the run only). Call :meth:`stored` once a new
    article is stored (its buckets go to the store) or :meth:`forget` when it was not.
    """

    def __init__(self, store: EventStore | None, settings: Settings) -> None:
        self.store = store
        self.threshold = settings.near_duplicate_threshold
        self._pending: dict[str, tuple[dict[int, str], set[str]]] = {}
        self._buckets: dict[tuple[int, str], list[str]] = {}

    def check(self, article: Article) -> Verdict:
        article_id = article.id
        if article_id in self._pending or (self.store is not None and self.store.has_article(article_id)):
            return Verdict("exact", article_id)
        grams = shingles(article.text)
        bands = lsh_bands(grams) if len(grams) >= _MIN_SHINGLES else {}
        canonical = self._near(grams, bands) if bands else None
        if canonical is not None:
            return Verdict("near", canonical)
        self._pending[article_id] = (bands, grams)
        for key in bands.items():
            self._buckets.setdefault(key, []).append(article_id)
        return Verdict("new", None, bands)

    def stored(self, article_id: str) -> None:
        """A new article was stored: index its buckets in the store, drop it from memory."""
        bands, _ = self._pending.get(article_id, ({}, set()))
        if self.store is not None and bands:
            ingest_state.add_bands(self.store, article_id, bands)
        self.forget(article_id)

    def forget(self, article_id: str) -> None:
        """A checked article will not be stored (it failed, or was stored already)."""
        bands, _ = self._pending.pop(article_id, ({}, set()))
        for key in bands.items():
            ids = self._buckets.get(key, [])
            if article_id in ids:
                ids.remove(article_id)
            if not ids:
                self._buckets.pop(key, None)

    def _near(self, grams: set[str], bands: dict[int, str]) -> str | None:
        seen: set[str] = set()
        for key in bands.items():
            for other in self._buckets.get(key, []):
                if other not in seen:
                    seen.add(other)
                    if jaccard(grams, self._pending[other][1]) >= self.threshold:
                        return other
        if self.store is None:
            return None
        for other, text in ingest_state.near_duplicate_candidates(self.store, bands):
            if other not in seen and jaccard(grams, shingles(text)) >= self.threshold:
                return other
        return None
