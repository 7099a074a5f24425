"""Library entry points behind the CLI: extract from inputs, ingest into a store.

``tocsin extract`` and ``tocsin ingest`` are thin wrappers over :func:`extract` and
:func:`ingest`; both stream (one batch in memory at a time) and never stop on a bad input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from .config import Settings
from .ingest.files import count_inputs, read_inputs
from .pipeline import Pipeline, Result
from .store import EventStore

__all__ = ["Summary", "extract", "ingest", "sample_dir"]


@dataclass(slots=True)
class Summary:
    """What a batch did: counts of stored, duplicate, skipped and failed inputs."""

    ingested: int = 0
    events: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.ingested + self.duplicates

    def record(self, result: Result) -> None:
        if result.status == "skipped":
            self.skipped[result.reason or "unknown"] += 1
            self.errors.append((result.origin, f"skipped: {result.reason}"))
        elif result.status == "failed":
            reason = (result.reason or "unknown").split(":", 1)[0]
            self.failed[reason] += 1
            self.errors.append((result.origin, f"failed: {result.reason}"))

    def lines(self) -> list[str]:
        out = [
            f"ingested: {self.ingested} articles, {self.events} events",
            f"duplicates: {self.duplicates}",
        ]
        out += [f"skipped ({reason}): {n}" for reason, n in sorted(self.skipped.items())]
        out += [f"failed ({reason}): {n}" for reason, n in sorted(self.failed.items())]
        return out


def sample_dir() -> Path:
    """The bundled sample articles (written for tocsin; see their README)."""
    return Path(str(resources.files("tocsin") / "data" / "samples"))


def extract(paths: Sequence[str], settings: Settings, published: date | None = None) -> Iterator[Result]:
    """Run the default pipeline over ``paths``; yields one ``Result`` per input."""
    pipeline = Pipeline.from_settings(settings)
    yield from pipeline.run(read_inputs(paths, settings, published), total=count_inputs(paths))


def ingest(paths: Sequence[str], store: EventStore, settings: Settings, published: date | None = None) -> Summary:
    """Extract from ``paths`` and store every new article with its events."""
    summary = Summary()
    for result in extract(paths, settings, published):
        if result.status != "ok" or result.article is None:
            summary.record(result)
            continue
        if store.add_article(result.article):
            summary.ingested += 1
            summary.events += len(result.article.events)
        else:
            summary.duplicates += 1
    return summary
