# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Exports of stored events: CSV, JSON Lines, Parquet, GeoJSON and ACLED-style CSV.

Every writer streams: events come from ``EventStore.iter_events`` (a server-side cursor), are
written as they arrive, and Parquet is written in row groups of ``ROW_GROUP`` rows, so memory
stays flat for a million events. ``tocsin export`` is a thin layer over :func:`export`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from .errors import TocsinError

if TYPE_CHECKING:
    from .store import EventStore
    from .store.queries import EventQuery

__all__ = [
    "ACLED_COLUMNS",
    "FLAT_COLUMNS",
    "FORMATS",
    "ROW_GROUP",
    "acled_row",
    "event_feature",
    "export",
    "flat_row",
]

FORMATS = ("csv", "jsonl", "parquet", "geojson", "acled")
ROW_GROUP = 10_000
ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
)
FLAT_COLUMNS = (
    "id",
    "article_id",
    "story_id",
    "date",
    "date_precision",
    "plover_type",
    "plover_mode",
    "acled_type",
    "acled_subtype",
    "sources",
    "targets",
    "country",
    "admin1",
    "place",
    "lat",
    "lon",
    "geo_precision",
    "killed_min",
    "killed_max",
    "injured_min",
    "injured_max",
    "arrested_min",
    "arrested_max",
    "crowd_min",
    "crowd_max",
    "context",
    "confidence",
    "sentence",
    "trigger",
)
# ACLED's sub-event type names for tocsin's CASE 2021 codes.
_ACLED_SUBTYPE_NAMES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
_SOURCE_CACHE = 10_000  # article id -> source name, bounded so a long export stays flat


def _actors(actors: list[dict[str, Any]]) -> str:
    """The named actors, "; "-joined; an inferred target country is no named actor (ACLED's
    actor2 of a protest is empty), and the event's country has its own column."""
    return "; ".join(a.get("name") or a["text"] for a in actors if not a.get("inferred"))


def _count(count: dict[str, Any] | None, end: str) -> int | None:
    return count[end] if count else None


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row of ``FLAT_COLUMNS`` (CSV and Parquet)."""
    place = event.get("place") or {}
    confidence = event.get("confidence") or {}
    row: dict[str, Any] = {
        "id": event["id"],
        "article_id": event["article_id"],
        "story_id": event.get("story_id"),
        "date": event.get("date"),
        "date_precision": event.get("date_precision"),
        "plover_type": event["plover_type"],
        "plover_mode": event.get("plover_mode"),
        "acled_type": event.get("acled_type"),
        "acled_subtype": event.get("acled_subtype"),
        "sources": _actors(event.get("sources", [])),
        "targets": _actors(event.get("targets", [])),
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "place": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "geo_precision": place.get("precision"),
        "context": ",".join(event.get("context", [])),
        "confidence": confidence.get("event", max(confidence.values(), default=None)),
        "sentence": event["evidence"]["sentence"],
        "trigger": event["evidence"]["trigger"]["text"],
    }
    for name, key in (("killed", "killed"), ("injured", "injured"), ("arrested", "arrested"), ("crowd", "crowd_size")):
        row[f"{name}_min"] = _count(event.get(key), "min")
        row[f"{name}_max"] = _count(event.get(key), "max")
    return row


def acled_row(event: dict[str, Any], source: str | None) -> dict[str, Any]:
    """One event in ACLED's column layout; ``fatalities`` is the reported minimum killed."""
    place = event.get("place") or {}
    subtype = event.get("acled_subtype")
    evidence = event["evidence"]
    return {
        "event_date": event.get("date"),
        "event_type": event.get("acled_type"),
        "sub_event_type": _ACLED_SUBTYPE_NAMES.get(subtype or "", subtype),
        "actor1": _actors(event.get("sources", [])),
        "actor2": _actors(event.get("targets", [])),
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": place.get("precision"),
        "fatalities": (event.get("killed") or {}).get("min", 0),
        "notes": evidence["sentence"],
        "source": source,
    }


def event_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Feature (Point) for an event with coordinates, else None."""
    place = event.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    confidence = event.get("confidence") or {}
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": {
            "id": event["id"],
            "story_id": event.get("story_id"),
            "article_id": event["article_id"],
            "plover_type": event["plover_type"],
            "plover_mode": event.get("plover_mode"),
            "acled_type": event.get("acled_type"),
            "date": event.get("date"),
            "place": place.get("name"),
            "country": place.get("country"),
            "admin1": place.get("admin1"),
            "precision": place.get("precision"),
            "killed": (event.get("killed") or {}).get("min"),
            "confidence": confidence.get("event"),
            "sentence": event["evidence"]["sentence"],
        },
    }


def _write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _write_jsonl(events: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_geojson(events: Iterable[dict[str, Any]], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for event in events:
        feature = event_feature(event)
        if feature is None:
            continue
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _write_parquet(events: Iterable[dict[str, Any]], path: str) -> int:
    import pyarrow as pa  # noqa: PLC0415 - heavy; only this format needs it
    import pyarrow.parquet as pq  # noqa: PLC0415

    ints = {c for c in FLAT_COLUMNS if c.endswith(("_min", "_max"))} | {"geo_precision"}
    floats = {"lat", "lon", "confidence"}
    schema = pa.schema(
        [(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string()) for c in FLAT_COLUMNS]
    )
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append(flat_row(event))
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _sources(store: EventStore) -> Callable[[str], str | None]:
    cache: dict[str, str | None] = {}

    def source(article_id: str) -> str | None:
        if article_id not in cache:
            if len(cache) >= _SOURCE_CACHE:
                cache.clear()
            article = store.article(article_id) or {}
            cache[article_id] = article.get("url") or article.get("source")
        return cache[article_id]

    return source


def export(store: EventStore, query: EventQuery, fmt: str, out: IO[str] | str) -> int:
    """Write the events matching ``query`` to ``out`` in format ``fmt``; the number written.

    ``out`` is an open text stream, or a path (which Parquet requires: it is a binary format).
    """
    if fmt not in FORMATS:
        raise TocsinError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    events: Iterator[dict[str, Any]] = store.iter_events(query)
    if fmt == "parquet":
        if not isinstance(out, str):
            raise TocsinError("parquet is binary: give --out FILE")
        return _write_parquet(events, out)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as stream:  # noqa: PTH123 - str path from the CLI
            return _export_text(store, events, fmt, stream)
    return _export_text(store, events, fmt, out)


def _export_text(store: EventStore, events: Iterator[dict[str, Any]], fmt: str, out: IO[str]) -> int:
    if fmt == "csv":
        return _write_csv((flat_row(e) for e in events), FLAT_COLUMNS, out)
    if fmt == "jsonl":
        return _write_jsonl(events, out)
    if fmt == "geojson":
        return _write_geojson(events, out)
    source = _sources(store)
    return _write_csv((acled_row(e, source(e["article_id"])) for e in events), ACLED_COLUMNS, out)
