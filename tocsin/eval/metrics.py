"""Precision, recall and F1 per label, macro and weighted averages, and reliability tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = ["PRF", "classification_report", "reliability_table"]


class PRF:
    """Counts of true positives, false positives and false negatives (like spaCy's PRFScore)."""

    __slots__ = ("fn", "fp", "tp")

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def score(self, predicted: bool, gold: bool) -> None:
        self.tp += predicted and gold
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        support = self.tp + self.fn
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "support": support}


def classification_report(
    gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str] | None = None
) -> tuple[dict[str, dict[str, float]], float, float]:
    """Per-label P/R/F1 over ``labels`` (default: the gold labels), macro F1 and weighted F1.

    A prediction outside ``labels`` (e.g. NONE) counts as a miss for the gold label only.
    """
    names = sorted(set(labels) if labels is not None else set(gold))
    scores = {name: PRF() for name in names}
    for g, p in zip(gold, predicted, strict=True):
        for name, prf in scores.items():
            prf.score(p == name, g == name)
    per_label = {name: prf.to_dict() for name, prf in scores.items()}
    support = Counter(g for g in gold if g in scores)
    total = sum(support.values())
    macro = sum(prf.f1 for prf in scores.values()) / len(scores) if scores else 0.0
    weighted = sum(scores[n].f1 * support[n] for n in scores) / total if total else 0.0
    return per_label, macro, weighted


def reliability_table(confidences: Sequence[float], correct: Sequence[bool], bins: int = 5) -> list[dict[str, float]]:
    """Predicted confidence vs observed accuracy in ``bins`` equal-width bins (calibration check)."""
    table = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        members = [
            ok for c, ok in zip(confidences, correct, strict=True) if low <= c < high or (i == bins - 1 and c == 1.0)
        ]
        if not members:
            continue
        mean_conf = sum(c for c in confidences if low <= c < high or (i == bins - 1 and c == 1.0)) / len(members)
        table.append(
            {
                "low": low,
                "high": high,
                "n": len(members),
                "confidence": mean_conf,
                "accuracy": sum(members) / len(members),
            }
        )
    return table
