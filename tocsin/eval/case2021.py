"""CASE 2021 shared task 2: one ACLED sub-type per news snippet (dataset ``case2021-task2``).

Gold: a TSV with header ``id<TAB>EventSnippet<TAB>SubType`` (Haneczok et al. 2021). Each
snippet goes through the default pipeline as one article (no publication date: the snippets
carry none) and :func:`predict_subtype` turns its events into one label, one of the 25 ACLED
sub-types or ``NONE``.

Metrics:

- ``weighted_f1``, ``macro_f1`` (over the 25 sub-types) and ``accuracy`` on the rows whose gold
  label is one of the 25 ACLED sub-types ("seen" rows); ``NONE`` is always wrong there;
- ``unseen_none_rate``: the share of rows of the five "unseen" types (ORG_CRIME,
  NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) for which tocsin predicts no sub-type,
  i.e. how rarely it forces an ACLED label onto a non-ACLED event.

The reliability table compares the chosen event's ``confidence["acled_subtype"]`` with
correctness on the seen rows that received a sub-type.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..config import Settings
from ..errors import EvalError
from ..extract.classifier import classify_snippet
from ..models import ACLED_SUBTYPES, Article
from ..pipeline import Pipeline, Result
from . import EvalResult, register_dataset
from .metrics import classification_report, reliability_table

__all__ = ["NONE", "UNSEEN", "predict_subtype", "read_gold"]

NONE = "NONE"
UNSEEN: tuple[str, ...] = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")


# Without any extracted event, the snippet model must be at least this sure (out-of-domain
# text such as a museum reopening otherwise gets its least-bad military label).
NO_EVENT_MIN = 0.5


def predict_subtype(article: Article, model: str = "acled") -> tuple[str, float]:
    """``(sub-type, confidence)`` of a processed ``article``: ``("NONE", 0.0)`` when it has none.

    The shipped snippet classifier (``extract/classifier.py``: words, the extracted events and a
    distilled MiniLM embedding) decides when it is installed; without it, the sub-type of the
    event with the highest ``confidence["acled_subtype"]``, ties to the earlier event.
    """
    trained = classify_snippet(article.text, article.events, model) if model else None
    if trained is not None:
        if not article.events and trained[1] < NO_EVENT_MIN:
            return NONE, 0.0
        return trained
    best: tuple[str, float] = (NONE, 0.0)
    for event in article.events:
        if event.acled_subtype is None:
            continue
        confidence = float(event.confidence.get("acled_subtype", 0.0))
        if best[0] == NONE or confidence > best[1]:
            best = (event.acled_subtype, confidence)
    return best


_COLUMNS = ("id", "EventSnippet", "SubType")


def read_gold(path: Path) -> list[tuple[str, str, str]]:
    """``(id, snippet, label)`` rows of the TSV at ``path`` (a byte-order mark is allowed). A row
    without a snippet or a label (a short line) is left out; a file without the three columns
    is an :class:`EvalError`."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                msg = f"{path}: not a CASE 2021 task 2 TSV (no column {', '.join(missing)}; need {', '.join(_COLUMNS)})"
                raise EvalError(msg)
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        msg = f"could not read CASE 2021 snippets from {path}: {e}"
        raise EvalError(msg) from e
    return [
        (row["id"] or "", row["EventSnippet"], row["SubType"].strip())
        for row in rows
        if row.get("EventSnippet") and row.get("SubType")
    ]


@register_dataset("case2021-task2")
def run(path: Path, settings: Settings) -> EvalResult:
    rows = read_gold(path)
    pipeline = Pipeline.from_settings(settings)
    items = (Result(origin=row_id, article=Article(raw=snippet)) for row_id, snippet, _ in rows)
    predictions: list[tuple[str, float]] = []
    for result in pipeline.run(items, total=len(rows)):
        ok = result.status == "ok" and result.article is not None
        predictions.append(
            predict_subtype(result.article, settings.acled_model) if ok and result.article else (NONE, 0.0)
        )

    labels = list(ACLED_SUBTYPES)
    seen = [(gold, pred) for (_, _, gold), pred in zip(rows, predictions, strict=True) if gold in ACLED_SUBTYPES]
    unseen = [pred for (_, _, gold), (pred, _) in zip(rows, predictions, strict=True) if gold in UNSEEN]
    gold_seen = [gold for gold, _ in seen]
    pred_seen = [label for _, (label, _) in seen]
    per_label, macro, weighted = classification_report(gold_seen, pred_seen, labels)
    correct = [g == p for g, p in zip(gold_seen, pred_seen, strict=True)]
    chosen = [(conf, ok) for (_, (label, conf)), ok in zip(seen, correct, strict=True) if label != NONE]
    metrics = {
        "weighted_f1": weighted,
        "macro_f1": macro,
        "accuracy": sum(correct) / len(seen) if seen else 0.0,
        "unseen_none_rate": sum(p == NONE for p in unseen) / len(unseen) if unseen else 0.0,
    }
    return EvalResult(
        dataset="case2021-task2",
        path=str(path),
        n=len(rows),
        metrics=metrics,
        per_label=per_label,
        reliability=reliability_table([c for c, _ in chosen], [ok for _, ok in chosen]),
    )
