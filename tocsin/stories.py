# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""Stories: events from different articles that report the same real-world event, merged.

Pure functions over ``Event.to_dict()`` dicts and story dicts; the store persists them
(``EventStore.add_article`` assigns each new event, ``tocsin stories rebuild`` replays all).

An event joins the best-scoring existing story when every gate holds:

1. compatible type: the same PLOVER type, or the same ACLED type;
2. the same country (an event without a country founds its own story);
3. overlapping place: both within ``MAX_DISTANCE_KM`` when both are town-level (precision 1-2),
   else the same admin1 when both have one, else the country alone;
4. the date within ``DATE_WINDOW_DAYS`` of the story's [date, last_date] (undated events must
   pass a higher text-similarity bar instead);
5. compatible actors: when both sides name source sectors, they share one;
6. text similarity of the evidence sentence with the story's sentences at least
   ``MIN_SIMILARITY`` (``MIN_SIMILARITY_LOOSE`` when the date or place is imprecise).

Otherwise the event founds a new story whose id is the founding event's id, so ids are stable
across re-runs and rebuilds (which replay articles in ingestion order). Every member keeps its
source: article, event, sentence, trigger and confidence. ``merge`` returns the list of field
changes that the store writes to ``story_changes``.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any

__all__ = [
    "DATE_WINDOW_DAYS",
    "MAX_DISTANCE_KM",
    "MIN_SIMILARITY",
    "MIN_SIMILARITY_LOOSE",
    "best_story",
    "distance_km",
    "event_order",
    "found",
    "match_score",
    "merge",
    "similarity",
]

# Calibrated by hand on the bundled samples and tests/test_stories.py: two reports of one
# protest give the same day or the next, and town-level places of one event lie within a city.
DATE_WINDOW_DAYS = 2
MAX_DISTANCE_KM = 50.0
MIN_SIMILARITY = 0.08
MIN_SIMILARITY_LOOSE = 0.2
_COUNTS = ("killed", "injured", "arrested", "crowd_size")
_TRACKED = (*_COUNTS, "date", "last_date", "n_articles")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "said",
        "says",
        "say",
        "after",
        "before",
        "during",
        "over",
        "into",
        "about",
        "than",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "who",
        "which",
        "while",
        "also",
        "not",
        "no",
        "more",
        "most",
        "some",
        "there",
    ]
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def event_order(event: dict[str, Any]) -> tuple[int, int, str]:
    """The order events of one article are assigned in: by evidence position, then id."""
    evidence = event["evidence"]
    return (int(evidence["start"]), int(evidence["trigger"]["start"]), str(event["id"]))


def _words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOPWORDS}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two sentences (0..1)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _named(event: dict[str, Any]) -> set[str]:
    """The names of the event's actors that its text states (not an inferred target country)."""
    actors = event.get("sources", []) + event.get("targets", [])
    return {a.get("name") or a["text"] for a in actors if not a.get("inferred")}


def _sectors(actors: list[dict[str, Any]]) -> set[str]:
    return {a["sector"] for a in actors if a.get("sector") and a["sector"] != "UNK"}


def _confidence(event: dict[str, Any]) -> float | None:
    scores = event.get("confidence") or {}
    if "event" in scores:
        return float(scores["event"])
    return sum(scores.values()) / len(scores) if scores else None


def _count_max(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    """The larger report: the higher minimum wins (death tolls are revised upward)."""
    if a is None:
        return b
    if b is None or b["min"] <= a["min"]:
        return a
    return {"min": b["min"], "max": b["max"]}


def _source(event: dict[str, Any]) -> dict[str, Any]:
    evidence = event["evidence"]
    return {
        "event_id": event["id"],
        "article_id": event["article_id"],
        "plover_type": event["plover_type"],
        "date": event["date"],
        "sentence": evidence["sentence"],
        "start": evidence["start"],
        "trigger": evidence["trigger"],
        "arguments": evidence.get("arguments", {}),
        "confidence": _confidence(event),
        "place": (event.get("place") or {}).get("name"),
        "killed": event.get("killed"),
    }


def found(event: dict[str, Any]) -> dict[str, Any]:
    """A new story founded by ``event``; its id is the event's id."""
    place = event.get("place") or None
    story: dict[str, Any] = {
        "id": event["id"],
        "plover_type": event["plover_type"],
        "acled_type": event.get("acled_type"),
        "acled_subtype": event.get("acled_subtype"),
        "country": place.get("country") if place else None,
        "admin1": place.get("admin1") if place else None,
        "place": place,
        "date": event.get("date"),
        "last_date": event.get("date"),
        "source_sectors": sorted(_sectors(event.get("sources", []))),
        "target_sectors": sorted(_sectors(event.get("targets", []))),
        "actors": sorted(_named(event)),
        "event_ids": [event["id"]],
        "article_ids": [event["article_id"]],
        "n_events": 1,
        "n_articles": 1,
        "confidence": _confidence(event),
        "sources": [_source(event)],
    }
    for name in _COUNTS:
        story[name] = event.get(name)
    return story


def _place_overlap(event: dict[str, Any], story: dict[str, Any]) -> tuple[bool, bool]:
    """(compatible, precise): whether the places can be one, and whether that is town-level."""
    a, b = event.get("place"), story.get("place")
    if not a or not b:
        return False, False
    if a.get("country") != b.get("country") or a.get("country") is None:
        return False, False
    coords = None not in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon"))
    if coords and a.get("precision", 3) <= 2 and b.get("precision", 3) <= 2:
        return distance_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= MAX_DISTANCE_KM, True
    if a.get("admin1") and b.get("admin1"):
        return a["admin1"] == b["admin1"], False
    return True, False


def match_score(event: dict[str, Any], story: dict[str, Any]) -> float | None:
    """How well ``event`` fits ``story`` (higher is better), or None when a gate fails."""
    same_type = event["plover_type"] == story["plover_type"]
    if not same_type and (event.get("acled_type") is None or event.get("acled_type") != story.get("acled_type")):
        return None
    place_ok, precise = _place_overlap(event, story)
    if not place_ok:
        return None
    when = _date(event.get("date"))
    first, last = _date(story.get("date")), _date(story.get("last_date"))
    dated = when is not None and first is not None and last is not None
    if dated:
        window = timedelta(days=DATE_WINDOW_DAYS)
        if when is None or first is None or last is None or not (first - window <= when <= last + window):
            return None
    ours, theirs = _sectors(event.get("sources", [])), set(story.get("source_sectors", []))
    if ours and theirs and not ours & theirs:
        return None
    sentence = event["evidence"]["sentence"]
    text = max((similarity(sentence, s["sentence"]) for s in story.get("sources", [])), default=0.0)
    needed = MIN_SIMILARITY if (dated and precise) else MIN_SIMILARITY_LOOSE
    if text < needed:
        return None
    return text + (0.5 if same_type else 0.0) + (0.25 if precise else 0.0) + (0.25 if dated else 0.0)


def best_story(event: dict[str, Any], candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The candidate story ``event`` fits best (ties: the older story id), or None."""
    best: tuple[float, str] | None = None
    chosen = None
    for story in candidates:
        score = match_score(event, story)
        if score is None:
            continue
        key = (score, story["id"])
        if best is None or key[0] > best[0] or (key[0] == best[0] and key[1] < best[1]):
            best, chosen = key, story
    return chosen


def merge(story: dict[str, Any], event: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, Any, Any]]]:
    """``story`` with ``event`` added, and the ``(field, old, new)`` changes that made."""
    if event["id"] in story["event_ids"]:
        return story, []
    new = dict(story)
    new["event_ids"] = [*story["event_ids"], event["id"]]
    new["n_events"] = len(new["event_ids"])
    if event["article_id"] not in story["article_ids"]:
        new["article_ids"] = [*story["article_ids"], event["article_id"]]
    new["n_articles"] = len(new["article_ids"])
    new["sources"] = [*story["sources"], _source(event)]
    when = event.get("date")
    if when:
        new["date"] = min(filter(None, [story.get("date"), when]))
        new["last_date"] = max(filter(None, [story.get("last_date"), when]))
    for name in _COUNTS:
        new[name] = _count_max(story.get(name), event.get(name))
    new["source_sectors"] = sorted(set(story.get("source_sectors", [])) | _sectors(event.get("sources", [])))
    new["target_sectors"] = sorted(set(story.get("target_sectors", [])) | _sectors(event.get("targets", [])))
    names = _named(event)
    new["actors"] = sorted(set(story.get("actors", [])) | names)
    place = event.get("place")
    if place and story.get("place") and place.get("precision", 3) < story["place"].get("precision", 3):
        new["place"] = place  # a later report that names the town sharpens the story's place
    scores = [s["confidence"] for s in new["sources"] if s["confidence"] is not None]
    new["confidence"] = max(scores) if scores else None
    changes = [(name, story.get(name), new.get(name)) for name in _TRACKED if story.get(name) != new.get(name)]
    return new, changes
