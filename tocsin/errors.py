"""Every error tocsin raises on purpose.

::

    TocsinError
     ├── ConfigError          a setting is unknown or has a bad value
     ├── IngestError          input could not be read or decoded
     │    └── SkipArticle     input is readable but not processable (empty, binary, too large);
     │                        the runner records it as a skip with ``reason``, not a failure
     ├── ExtractionError      a pipeline stage failed on an article
     ├── GeocodeError         the gazetteer could not be built or loaded
     ├── StorageError         the database refused an operation
     └── EvalError            a gold set is missing or malformed

Batch code catches :class:`TocsinError` per article, records it and goes on; the CLI turns
errors into ``click.ClickException`` only at its edge.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EvalError",
    "ExtractionError",
    "GeocodeError",
    "IngestError",
    "SkipArticle",
    "StorageError",
    "TocsinError",
]


class TocsinError(Exception):
    """Base class of all tocsin errors."""


class ConfigError(TocsinError):
    """A setting is unknown or its value is invalid."""


class IngestError(TocsinError):
    """An input could not be read or decoded."""


class SkipArticle(IngestError):
    """An input is deliberately not processed; ``reason`` is a short machine-friendly code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


class ExtractionError(TocsinError):
    """A pipeline stage failed on an article."""


class GeocodeError(TocsinError):
    """The gazetteer could not be built, loaded or queried."""


class StorageError(TocsinError):
    """The event store refused an operation."""


class EvalError(TocsinError):
    """A gold set is missing or malformed."""
