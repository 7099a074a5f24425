"""Settings: one object, every setting with a name, a default and a help line.

Settings are read from defaults, then an optional TOML file (``tocsin.toml`` or ``--config``),
then ``-s key value`` overrides. Code passes ``settings`` down rather than growing keyword
arguments.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["SETTINGS_HELP", "Settings", "load_settings"]

SETTINGS_HELP: dict[str, str] = {
    "db": "SQLAlchemy URL of the event store (SQLite by default, PostgreSQL at scale)",
    "spacy_model": "spaCy pipeline to load; en_core_web_sm is preferred when installed",
    "batch_size": "articles per batch through the pipeline",
    "n_process": "worker processes for the pipeline after its first batch (1 = in-process)",
    "max_bytes": "inputs larger than this are skipped with reason 'too_large'",
    "min_chars": "inputs with fewer visible characters are skipped with reason 'empty'",
    "max_chars": "clean text is cut to this many characters before parsing",
    "min_confidence": "events below this overall confidence are dropped",
    "progress": "show a progress bar on a terminal",
    "api_token": "bearer token the API's writing endpoints require; empty: writing is disabled",
    "cors_origins": "comma-separated origins the API allows cross-origin requests from; empty: no CORS",
    "plover_model": "shipped sentence model that checks PLOVER types and finds events the lexicon misses; empty: off",
    "acled_model": "shipped model that refines ACLED sub-types (tocsin/data/models/NAME.npz); empty: rules only",
    "police_model": "shipped sentence model of police acts (kill, arrest, force, fail to act, any) that adds the "
    "police events the lexicon misses; empty: off",
    "fetch_timeout": "seconds allowed per HTTP request, connect to last byte (slow servers are cut off)",
    "fetch_max_bytes": "HTTP bodies larger than this (after decompression) are skipped as 'too_large'",
    "fetch_max_redirects": "redirects followed per URL, each hop checked like the first",
    "fetch_retries": "retries after a network error, 429 or 5xx (with exponential backoff)",
    "fetch_backoff": "seconds before the first retry; doubles on each further one",
    "fetch_host_concurrency": "requests in flight at once to one host",
    "fetch_host_delay": "seconds between the starts of two requests to one host",
    "fetch_allow_hosts": "comma-separated hosts, IPs or CIDRs fetched even if private or loopback",
    "json_fields": "JSON/JSONL field names for text, title, url, date and (optional) author, comma-separated",
    "languages": "comma-separated ISO 639-1 codes extracted; other articles are stored unextracted",
    "near_duplicate_threshold": "word 5-gram Jaccard similarity at or above which an article is a near-duplicate",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """All of tocsin's settings; see ``SETTINGS_HELP`` (and ``tocsin --help-settings``)."""

    db: str = "sqlite:///tocsin.db"
    spacy_model: str = "en_core_web_sm"
    batch_size: int = 32
    n_process: int = 2
    max_bytes: int = 20_000_000
    min_chars: int = 20
    max_chars: int = 200_000
    min_confidence: float = 0.0
    progress: bool = True
    api_token: str = ""
    cors_origins: str = ""
    acled_model: str = "acled"
    plover_model: str = "plover"
    police_model: str = "police"
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10_000_000
    fetch_max_redirects: int = 5
    fetch_retries: int = 2
    fetch_backoff: float = 1.0
    fetch_host_concurrency: int = 2
    fetch_host_delay: float = 1.0
    fetch_allow_hosts: str = ""
    json_fields: str = "text,title,url,date"
    languages: str = "en"
    near_duplicate_threshold: float = 0.8

    def with_overrides(self, overrides: dict[str, Any]) -> Settings:
        """A copy with ``overrides`` applied, converting strings to each field's type."""
        known = {f.name: f for f in fields(self)}
        converted: dict[str, Any] = {}
        for key, value in overrides.items():
            if key not in known:
                msg = f"unknown setting {key!r}; known: {', '.join(sorted(known))}"
                raise ConfigError(msg)
            current = getattr(self, key)
            converted[key] = _convert(key, value, type(current))
        return replace(self, **converted)


def _convert(key: str, value: Any, kind: type) -> Any:
    if not isinstance(value, str) or kind is str:
        return value
    try:
        if kind is bool:
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)  # noqa: TRY301 - one message for every bad value below
        return kind(value)
    except ValueError as e:
        msg = f"setting {key!r} expects {kind.__name__}, got {value!r}"
        raise ConfigError(msg) from e


def load_settings(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Defaults, then the TOML file at ``path`` (if any), then ``overrides``."""
    settings = Settings()
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            msg = f"cannot read settings file {path}: {e}"
            raise ConfigError(msg) from e
        settings = settings.with_overrides(data.get("tocsin", data))
    if overrides:
        settings = settings.with_overrides(overrides)
    return settings
