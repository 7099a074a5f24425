"""Dataset "event-location": which of a sentence's places is where its event happened.

Gold: Halterman (2019) records (``labeled_text.jsonl``: JSON lines, or the original single JSON
array), each a sentence with one ``VERB`` span and zero or more ``LOCATION`` spans saying where
that event took place. tocsin parses the sentence, types the verb as an event (lexicon, else a
material event) and asks ``extract.places.place_of`` for its place, with the sentence alone as
the document (no focus country).

``accuracy``: a record with gold locations counts as right when tocsin's chosen place span
overlaps one of them; a record without counts as right when tocsin chooses no place in the
sentence (no place, or a country fallback with no span). ``accuracy_located`` and
``accuracy_unlocated`` split it by those two kinds; ``accuracy_non_ra`` and ``accuracy_ra`` by
annotator: the dev records marked ``"annotator": "RA"`` (research assistants, sources ``*_RA``)
and the others. The dataset calls its re-labelled records (source ``RELABEL``) the gold standard,
and tocsin's place ranker follows the non-assistant labels (see ``scripts/train_places.py``), so
``accuracy_non_ra`` is the figure to watch on the dev set.

To keep a run under about two minutes on two cores at most :data:`MAX_RECORDS` records are
scored, every k-th in file order (deterministic); ``n`` says how many.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..extract.lexicon import VERBS
from ..extract.places import place_of
from ..geocode import get_gazetteer
from ..models import Event, Evidence, Span
from . import EvalResult, register_dataset

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["MAX_RECORDS", "by_assistant", "read_records"]

MAX_RECORDS = 4_000
_DEFAULT_TYPE = "ASSAULT"  # the dataset's verbs are material events: killed, shelled, protested


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records with a VERB span, from JSON lines or one JSON array. Prodigy marks a task its
    annotator rejected or skipped with ``"answer": "reject"`` or ``"ignore"``: its spans say
    nothing, so only accepted records (or records without an answer) are kept."""
    file = path / "labeled_text.jsonl" if path.is_dir() else path
    try:
        raw = file.read_text(encoding="utf-8")
        records = json.loads(raw) if raw.lstrip().startswith("[") else [json.loads(x) for x in raw.splitlines() if x]
    except (OSError, ValueError) as e:
        msg = f"could not read event-location records from {file}: {e}"
        raise EvalError(msg) from e
    return [
        r
        for r in records
        if r.get("text")
        and r.get("answer", "accept") == "accept"
        and any(s.get("label") == "VERB" for s in r.get("spans", []))
    ]


def by_assistant(record: dict[str, Any]) -> bool:
    """Whether a record was labelled by a research assistant (``"annotator": "RA"``, source ``*_RA``)."""
    return record.get("annotator") == "RA" or str(record.get("source", "")).endswith("_RA")


def _chars(record: dict[str, Any], span: dict[str, Any]) -> tuple[int, int]:
    """A span's character offsets, from its tokens when it has them (some char offsets are off)."""
    tokens = record.get("tokens") or []
    first, last = span.get("token_start"), span.get("token_end")
    if tokens and first is not None and last is not None and last < len(tokens):
        return int(tokens[first]["start"]), int(tokens[last]["end"])
    return int(span["start"]), int(span["end"])


@register_dataset("event-location")
def run_event_location(path: Path, settings: Settings) -> EvalResult:
    """Score the event place chosen for each gold verb."""
    from ..nlp.parse import load_nlp  # noqa: PLC0415 - spaCy only when evaluating

    records = read_records(path)
    if not records:
        msg = f"no records with a VERB span in {path}"
        raise EvalError(msg)
    step = max(1, math.ceil(len(records) / MAX_RECORDS))
    records = records[::step]
    gazetteer = get_gazetteer()
    nlp = load_nlp(settings.spacy_model)
    right = {True: 0, False: 0}
    total = {True: 0, False: 0}
    by_kind = {True: [0, 0], False: [0, 0]}  # assistant or not: [right, total]
    for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=256), strict=True):
        verb_start, verb_end = _chars(record, next(s for s in record["spans"] if s["label"] == "VERB"))
        gold = [_chars(record, s) for s in record["spans"] if s["label"] == "LOCATION"]
        head = next((t for t in doc if verb_start <= t.idx < verb_end), None)
        located = bool(gold)
        total[located] += 1
        kind = by_kind[by_assistant(record)]
        kind[1] += 1
        if head is None:
            right[located] += not located
            kind[0] += not located
            continue
        plover = (VERBS[head.lemma_.lower()].plover if head.lemma_.lower() in VERBS else None) or _DEFAULT_TYPE
        span = Span(verb_start, verb_end, record["text"][verb_start:verb_end])
        event = Event(plover_type=plover, evidence=Evidence("eval", 0, Span(0, len(doc.text), doc.text), span))
        countries = [c for ent in doc.ents if (c := gazetteer.country(ent.text))]
        place, _ = place_of(event, head, doc, 0, gazetteer, None, countries)
        chosen = place.span if place is not None else None
        ok = (
            chosen is not None and any(chosen.start < e and s < chosen.end for s, e in gold)
            if located
            else chosen is None
        )
        right[located] += ok
        kind[0] += ok
    n = total[True] + total[False]
    metrics = {
        "accuracy": (right[True] + right[False]) / n if n else 0.0,
        "accuracy_located": right[True] / total[True] if total[True] else 0.0,
        "accuracy_unlocated": right[False] / total[False] if total[False] else 0.0,
    }
    for assistant, name in ((False, "accuracy_non_ra"), (True, "accuracy_ra")):
        if by_kind[assistant][1]:
            metrics[name] = by_kind[assistant][0] / by_kind[assistant][1]
    return EvalResult("event-location", str(path), n, metrics)
