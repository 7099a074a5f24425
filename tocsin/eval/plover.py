"""PLOVER gold-standard records: type, mode and actor countries of one event (dataset ``plover-gsr``).

Gold: ``PLOVER_GSR_CAMEO.txt``, one JSON array whose record 0 is a ``DOCUMENT`` header and
whose 322 other records each hold one edited CAMEO-manual sentence (``text``) with its
``event`` type, optional ``mode`` and ``source``/``target`` actors ``{actorText, code,
sector}``. Each ``text`` goes through the default pipeline as one article (published on the
record's placeholder ``date``, 2000-01-01), and tocsin's best event (highest
``confidence["plover_type"]``; ties go to the earlier event) is scored against the record.

The records use PLOVER 0.5b1 names; tocsin uses the 16 types of PLOVER 0.8. Types map by
the CAMEO root each name stands for (PLOVER_MANUAL.tex, "CAMEO to PLOVER translation"):

====================  ==================  ==============================================
0.5b1 type            0.8 type            why
====================  ==================  ==============================================
DEMAND                REQUEST             CAMEO 10
DISAPPROVE            ACCUSE              CAMEO 11 (mode disapprove/allege: not scored)
INVESTIGATE           ACCUSE              CAMEO 09, mode ``investigate``
FIGHT                 ASSAULT             CAMEO 19
COERCE + destroy      ASSAULT, destroy    CAMEO 1712 (CAMEO2PLOVER-2021.txt)
all other types       unchanged           AGREE, CONSULT, SUPPORT, COOPERATE, AID, CONCEDE,
                                          RETREAT, REJECT, THREATEN, PROTEST, MOBILIZE,
                                          SANCTION, COERCE, ASSAULT
====================  ==================  ==============================================

Modes map to their 0.8 names (``_MODE_MAP``): host → visit (CAMEO 043), demo-org/demo-spon →
demo, riot-spon → riot, strike-hun → hunger, strike-gen → strike, assassinate → targeted,
detain → arrest, confiscate → seize, ban → restrict, curfew/martial-law under THREATEN →
restrict (CAMEO 1323/1324). A gold mode that is still not a mode of the mapped type in 0.8
(``other``, ``political``, FIGHT ``deport``, COERCE ``firearms``, empty strings) counts as no
gold mode.

Metrics:

- ``type_accuracy``: the best event's type equals the mapped gold type (no event: wrong);
  ``type_macro_f1`` over the 16 types;
- ``mode_accuracy`` over records with a (mapped) gold mode: type *and* mode equal;
- ``source_country_f1`` / ``target_country_f1``: per record, the set of ISO 3166-1 alpha-3 codes
  of the best event's source (target) actors against the gold actors' codes, P/R/F1
  micro-averaged over records. Codes that are no country (IGO, NGO, ...) are left out on both
  sides, so "the UN" is neither rewarded nor punished here.

The reliability table compares ``confidence["plover_type"]`` with type correctness.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import EvalError
from ..models import PLOVER_MODES, PLOVER_TYPES, Actor, Article, Event
from ..pipeline import Pipeline, Result
from . import EvalResult, register_dataset
from .metrics import PRF, classification_report, reliability_table

__all__ = ["best_event", "gold_mode", "gold_type", "read_records"]

NONE = "NONE"
_TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_MODE_MAP = {
    "host": "visit",
    "demo-org": "demo",
    "demo-spon": "demo",
    "riot-spon": "riot",
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "assassinate": "targeted",
    "detain": "arrest",
    "confiscate": "seize",
    "ban": "restrict",
}
_THREATEN_MODE_MAP = {"curfew": "restrict", "martial-law": "restrict"}


def gold_type(record: dict[str, Any]) -> str:
    """The PLOVER 0.8 type of a 0.5b1 gold record (see the module docstring)."""
    event, mode = str(record["event"]), record.get("mode") or ""
    if event == "COERCE" and mode == "destroy":
        return "ASSAULT"
    return _TYPE_MAP.get(event, event)


def gold_mode(record: dict[str, Any]) -> str | None:
    """The PLOVER 0.8 mode of a gold record, or None where it has none that 0.8 knows."""
    event, mode = str(record["event"]), str(record.get("mode") or "").strip()
    if event == "INVESTIGATE":
        return "investigate"
    if not mode:
        return None
    mapped = _MODE_MAP.get(mode, mode)
    if event == "THREATEN":
        mapped = _THREATEN_MODE_MAP.get(mapped, mapped)
    return mapped if mapped in PLOVER_MODES.get(gold_type(record), ()) else None


def best_event(article: Article) -> Event | None:
    """The event with the highest ``confidence["plover_type"]``; the earlier one on ties."""
    best: Event | None = None
    for event in article.events:
        if best is None or event.confidence.get("plover_type", 0.0) > best.confidence.get("plover_type", 0.0):
            best = event
    return best


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - only to list the alpha-3 codes

    return frozenset(c.alpha_3 for c in pycountry.countries)


def _gold_codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):  # '' or a stray string where no actor was coded
        return set()
    return {str(a.get("code")) for a in actors if isinstance(a, dict) and a.get("code") in _countries()}


def _codes(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country in _countries() and a.country is not None}


def _score_sets(prf: PRF, predicted: set[str], gold: set[str]) -> None:
    prf.tp += len(predicted & gold)
    prf.fp += len(predicted - gold)
    prf.fn += len(gold - predicted)


def _published(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(record.get("date")))
    except ValueError:
        return None


def read_records(path: Path) -> list[dict[str, Any]]:
    """The event records of a PLOVER GSR file (one JSON array; a folder holding
    ``PLOVER_GSR_CAMEO.txt`` will do), without its DOCUMENT records."""
    file = path / "PLOVER_GSR_CAMEO.txt" if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        msg = f"could not read PLOVER GSR records from {file}: {e}"
        raise EvalError(msg) from e
    if not isinstance(data, list):
        msg = f"{file}: not a PLOVER GSR file (a JSON array of records)"
        raise EvalError(msg)
    return [r for r in data if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]


@register_dataset("plover-gsr")
def run(path: Path, settings: Settings) -> EvalResult:
    records = read_records(path)
    pipeline = Pipeline.from_settings(settings)
    items = (
        Result(origin=str(r.get("id")), article=Article(raw=str(r["text"]), published=_published(r))) for r in records
    )
    gold_types: list[str] = []
    predicted_types: list[str] = []
    mode_hits: list[bool] = []
    sources, targets = PRF(), PRF()
    confidences: list[float] = []
    for record, result in zip(records, pipeline.run(items, total=len(records)), strict=True):
        event = best_event(result.article) if result.status == "ok" and result.article else None
        gold_types.append(gold_type(record))
        predicted_types.append(event.plover_type if event else NONE)
        mode = gold_mode(record)
        if mode is not None:
            mode_hits.append(event is not None and (event.plover_type, event.plover_mode) == (gold_types[-1], mode))
        _score_sets(sources, _codes(event.sources) if event else set(), _gold_codes(record.get("source")))
        _score_sets(targets, _codes(event.targets) if event else set(), _gold_codes(record.get("target")))
        confidences.append(float(event.confidence.get("plover_type", 0.0)) if event else 0.0)
    per_label, macro, _ = classification_report(gold_types, predicted_types, PLOVER_TYPES)
    correct = [g == p for g, p in zip(gold_types, predicted_types, strict=True)]
    chosen = [(c, ok) for c, ok, p in zip(confidences, correct, predicted_types, strict=True) if p != NONE]
    metrics = {
        "type_accuracy": sum(correct) / len(correct) if correct else 0.0,
        "type_macro_f1": macro,
        "mode_accuracy": sum(mode_hits) / len(mode_hits) if mode_hits else 0.0,
        "source_country_f1": sources.f1,
        "target_country_f1": targets.f1,
    }
    return EvalResult(
        dataset="plover-gsr",
        path=str(path),
        n=len(records),
        metrics=metrics,
        per_label=per_label,
        reliability=reliability_table([c for c, _ in chosen], [ok for _, ok in chosen]),
    )
