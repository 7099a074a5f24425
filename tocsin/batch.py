"""Library entry points behind the CLI: extract from inputs, ingest into a store.

``tocsin extract`` and ``tocsin ingest`` are thin wrappers over :func:`extract` and
:func:`ingest`; both stream (one batch in memory at a time) and never stop on a bad input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from .config import Settings
from .ingest.dedup import Deduplicator
from .ingest.files import count_inputs, read_inputs
from .pipeline import Pipeline, Result
from .store import EventStore, ingest_state

__all__ = ["Summary", "extract", "ingest", "ingest_results", "sample_dir", "tally"]


@dataclass(slots=True)
class Summary:
    """What a batch did: stored, duplicate (exact, near), skipped and failed inputs.

    Skips and failures are counted by reason code, the part of ``Result.reason`` before the
    first ``:`` (``too_large``, ``language``, ``unreadable`` ...); the full reasons stay in
    ``errors`` for the per-input report.
    """

    ingested: int = 0
    events: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    unextracted: int = 0  # stored without extraction (e.g. another language)
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.ingested + self.duplicates + self.near_duplicates + self.unextracted

    def record(self, result: Result) -> None:
        if result.status == "skipped":
            self.skipped[_code(result.reason)] += 1
            self.errors.append((result.origin, f"skipped: {result.reason}"))
        elif result.status == "failed":
            self.failed[_code(result.reason)] += 1
            self.errors.append((result.origin, f"failed: {result.reason}"))

    def lines(self) -> list[str]:
        out = [
            f"ingested: {self.ingested} articles, {self.events} events",
            f"duplicates: {self.duplicates}",
            f"near-duplicates: {self.near_duplicates}",
        ]
        out += [f"skipped ({reason}): {n}" for reason, n in sorted(self.skipped.items())]
        out += [f"failed ({reason}): {n}" for reason, n in sorted(self.failed.items())]
        return out


def _code(reason: str | None) -> str:
    return (reason or "unknown").split(":", 1)[0].strip() or "unknown"


def sample_dir() -> Path:
    """The bundled sample articles (written for tocsin; see their README)."""
    return Path(str(resources.files("tocsin") / "data" / "samples"))


def extract(paths: Sequence[str], settings: Settings, published: date | None = None) -> Iterator[Result]:
    """Run the default pipeline over ``paths``; yields one ``Result`` per input."""
    pipeline = Pipeline.from_settings(settings)
    yield from pipeline.run(read_inputs(paths, settings, published), total=count_inputs(paths))


def ingest(paths: Sequence[str], store: EventStore, settings: Settings, published: date | None = None) -> Summary:
    """Extract from ``paths`` and store every new article with its events.

    Articles are cleaned and their language identified first; then exact and near duplicates
    (``tocsin.ingest.dedup``) are set aside before extraction: an exact one is counted, a near
    one stored without events and linked to its canonical article. Articles in a language not
    extracted are stored with their language and no events. The store's own SQLite file is never
    read as an input.
    """
    summary = Summary()
    for result in ingest_results(read_inputs(paths, settings, published, exclude=_store_files(store)), store, settings):
        tally(result, summary)
    return summary


def ingest_results(items: Iterable[Result], store: EventStore, settings: Settings) -> Iterator[Result]:
    """Run ``items`` through dedup, the pipeline and into ``store``; yields each as handled.

    A handled result's ``status``/``reason`` say what became of it: ``ok`` stored,
    ``skipped`` with ``duplicate:exact``, ``duplicate:near:<canonical id>`` or
    ``language:<code>`` (the last two stored without events), or any other skip or failure.
    """
    head, tail = Pipeline.from_settings(settings).split(_BEFORE_DEDUP)
    dedup = Deduplicator(store, settings)
    for result in tail.run(_screen(head.run(items), dedup)):
        article = result.article
        if article is None:
            yield result
            continue
        reason = result.reason or ""
        if result.status == "ok":
            if store.add_article(article):
                dedup.stored(article.id)
            else:  # stored meanwhile by another writer
                dedup.forget(article.id)
                result.status, result.reason = "skipped", "duplicate:exact"
        elif reason.startswith("duplicate:near:"):
            canonical = reason.rsplit(":", 1)[1]
            if store.add_article(article):
                ingest_state.link_duplicate(store, article.id, canonical)
        elif reason.startswith("language:"):
            store.add_article(article)
        else:
            dedup.forget(article.id)
        yield result


def tally(result: Result, summary: Summary) -> None:
    reason = result.reason or ""
    article = result.article
    if result.status == "ok" and article is not None:
        summary.ingested += 1
        summary.events += len(article.events)
    elif reason == "duplicate:exact":
        summary.duplicates += 1
    elif reason.startswith("duplicate:near:"):
        summary.near_duplicates += 1
    else:
        if reason.startswith("language:") and article is not None:
            summary.unextracted += 1
        summary.record(result)


# Stages run before the duplicate check: it needs the clean text (Article.id hashes it) and
# the language (an article not extracted is not worth comparing).
_BEFORE_DEDUP = frozenset({"tocsin.clean.v1", "tocsin.lang.v1"})


def _screen(items: Iterable[Result], dedup: Deduplicator) -> Iterator[Result]:
    """Set aside exact and near duplicates of cleaned articles before extraction."""
    for result in items:
        if result.status == "ok" and result.article is not None:
            verdict = dedup.check(result.article)
            if verdict.kind == "exact":
                result.status, result.reason = "skipped", "duplicate:exact"
            elif verdict.kind == "near":
                result.status, result.reason = "skipped", f"duplicate:near:{verdict.canonical}"
                result.article.flags.append(f"duplicate_of:{verdict.canonical}")
        yield result


def _store_files(store: EventStore) -> list[str]:
    """The files of an SQLite store (database, journal, WAL), never to be read as inputs."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return []
    return [url.database + suffix for suffix in ("", "-journal", "-wal", "-shm")]
