"""Watch feeds: poll, fetch each new entry's article once, run the pipeline, store.

State lives in the store (``tocsin.store.ingest_state``), so a restart fetches nothing twice:
each feed's ETag/Last-Modified (the feed itself is fetched conditionally; a 304 costs no
parsing) and the key of every entry taken. An entry is marked taken once handled, whatever
became of it, except when its page could not be fetched for a passing reason (``timeout``,
``network``, ``http``): then the next poll tries again. A feed that cannot be fetched or read
is logged and skipped until the next poll; nothing in a poll is fatal.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tocsin.batch import Summary, ingest_results, tally
from tocsin.errors import ConfigError, TocsinError
from tocsin.ingest.feeds import Entry, parse_feed
from tocsin.ingest.formats import Reader, guarded, one
from tocsin.ingest.urls import is_url
from tocsin.store import ingest_state

if TYPE_CHECKING:
    from tocsin.config import Settings
    from tocsin.pipeline import Result
    from tocsin.store import EventStore

__all__ = ["Watcher", "parse_interval", "read_feed_list"]

log = logging.getLogger(__name__)

# Reason codes of a page that may well be fetched next time.
_PASSING = frozenset({"timeout", "network", "http"})
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(value: str) -> float:
    """Seconds in ``15m``, ``30s``, ``2h``, ``1d`` or a plain number of seconds."""
    match = _INTERVAL.fullmatch(value.strip().lower())
    if match is None or float(match.group(1)) <= 0:
        raise ConfigError(f"interval must look like 30s, 15m, 2h or 1d, got {value!r}")
    return float(match.group(1)) * _UNIT[match.group(2)]


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs in ``path``: one per line, blank lines and ``#`` comments ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read feed list {path}: {e}") from e
    feeds = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    bad = [f for f in feeds if not is_url(f)]
    if bad:
        raise ConfigError(f"not http(s) URLs in {path}: {', '.join(bad[:3])}")
    return feeds


@dataclass(slots=True)
class Watcher:
    """Polls ``feeds`` into ``store``; :meth:`poll` once, :meth:`run` forever."""

    feeds: list[str]
    store: EventStore
    settings: Settings

    def poll(self) -> Summary:
        """Poll every feed once; returns what was stored, skipped and failed."""
        summary = Summary()
        with Reader(self.settings) as reader:
            for feed in self.feeds:
                try:
                    self._poll_feed(feed, reader, summary)
                except TocsinError as e:
                    log.warning("feed %s: %s", feed, e)
                    summary.failed[str(e).split(":", 1)[0]] += 1
                    summary.errors.append((feed, f"failed: {e}"))
        return summary

    def run(
        self,
        every: float,
        *,
        once: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        report: Callable[[Summary], None] | None = None,
    ) -> None:
        """Poll, then sleep ``every`` seconds, until interrupted (or once)."""
        while True:
            started = time.monotonic()
            summary = self.poll()
            if report is not None:
                report(summary)
            if once:
                return
            sleep(max(0.0, every - (time.monotonic() - started)))

    def _poll_feed(self, feed: str, reader: Reader, summary: Summary) -> None:
        etag, last_modified = ingest_state.feed_validators(self.store, feed)
        fetched = reader.fetcher.fetch(feed, etag, last_modified)
        if fetched.not_modified:
            log.info("feed %s: not modified", feed)
            return
        entries = parse_feed(fetched.body, fetched.url)
        seen = ingest_state.seen_entries(self.store, feed, [e.key for e in entries])
        new = [e for e in entries if e.key not in seen]
        keys: dict[str, str] = {}
        for result in ingest_results(self._results(new, reader, keys, fetched.url), self.store, self.settings):
            tally(result, summary)
            code = (result.reason or "").split(":", 1)[0]
            if result.status == "failed" and code in _PASSING:
                log.warning("feed %s: %s: %s (retried next poll)", feed, result.origin, result.reason)
                continue
            key = keys.get(result.origin)
            if key is not None:
                ingest_state.mark_seen(self.store, feed, [key])
        ingest_state.save_feed_validators(self.store, feed, fetched.etag, fetched.last_modified)

    @staticmethod
    def _results(entries: list[Entry], reader: Reader, keys: dict[str, str], feed: str) -> Iterator[Result]:
        for number, entry in enumerate(entries, start=1):
            origin = entry.link or f"{feed}#{number}"
            keys[origin] = entry.key
            yield from guarded(origin, one(reader.entry_result, entry, origin))
