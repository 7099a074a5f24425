"""Trained linear classifiers over words and extracted structure (ACLED sub-types).

Features are strings: lower-cased word unigrams and bigrams of the text (numbers folded to
``<num>``) plus what the rule stage found (``plover=ASSAULT``, ``mode=firearms``,
``trig=shot``, ``src=POL``, ``tgt=CVL``, ``killed``...). A model is a vocabulary, a weight
matrix and a bias per label (multinomial logistic regression, trained by ``make train`` from
``training/*.jsonl`` plus the development gold sets; see ``scripts/train.py``); inference is a
sparse dot product in numpy, microseconds per text, so it runs inside the pipeline.

Shipped weights live in ``tocsin/data/models/NAME.npz``; when a file is missing the callers
fall back to the rule-based sub-type.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .acled import codebook_cues
from .actors import NON_STATE_ARMED

if TYPE_CHECKING:
    from ..models import Event

__all__ = ["LinearModel", "classify_snippet", "event_features", "keep_side", "load_model", "text_features"]

_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*|\d+(?:[.,]\d+)*")
# Words too common to carry a label (kept short on purpose: negations and prepositions matter).
_STOP = frozenset({
    "the", "a", "an", "of", "to", "and", "in", "on", "at", "for", "by", "with", "from", "as", "is", "was", "were",
    "be", "been", "has", "have", "had", "it", "its", "this", "that",
})  # fmt: skip


def text_features(text: str) -> list[str]:
    """Word unigrams and bigrams of ``text``."""
    words = ["<num>" if w[0].isdigit() else w for w in _WORD.findall(text.lower())]
    kept = [w for w in words if w not in _STOP]
    return [*kept, *(f"{a} {b}" for a, b in pairwise(kept))]


# Sectors of the state's side (ACLED's "state forces" and the government they answer to).
_STATE_SIDE = frozenset({"GOV", "MIL", "POL", "SPY", "JUD", "LEG"})
_CROWD_SIDE = frozenset({"CVL", "OPP", "LAB", "EDU", "AGR", "REF"})


def _side(sector: str | None) -> str:
    """The side of a conflict a sector stands on: state, crowd, armed non-state, or other."""
    if sector in _STATE_SIDE:
        return "state"
    if sector in _CROWD_SIDE:
        return "crowd"
    return "armed" if sector in NON_STATE_ARMED else "other"


def event_features(events: list[Event]) -> list[str]:
    """What the rule stage found, as feature strings."""
    out: list[str] = []
    for event in events:
        out.append(f"plover={event.plover_type}")
        if event.plover_mode:
            out.append(f"mode={event.plover_mode}")
        if event.acled_subtype:
            out.append(f"rule={event.acled_subtype}")
        out.append(f"trig={event.evidence.trigger.text.lower()}")
        out += [f"src={a.sector}" for a in event.sources]
        out += [f"tgt={a.sector}" for a in event.targets]
        # who acts decides between sub-types of one act: a town taken by the army is regained,
        # by rebels overtaken; force by police on a crowd is against protesters, by a mob is not
        act = f"{event.plover_type}/{event.plover_mode}"
        out += [f"{act}|src={_side(a.sector)}" for a in event.sources] or [f"{act}|src=none"]
        out += [f"{act}|tgt={_side(a.sector)}" for a in event.targets]
        out += [name for name in ("killed", "injured", "arrested", "crowd_size") if getattr(event, name)]
        out += [f"ctx={flag}" for flag in event.context]
    if not events:
        out.append("no_event")
    return out


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over binary, L2-normalised feature strings.

    Multinomial (one label per text, softmax) by default; with ``thresholds`` it is
    multi-label: one independent sigmoid per label, and a label holds when its probability
    reaches its threshold (chosen on held-out folds by ``make train`` for the best F1).
    """

    labels: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray  # (len(vocab), len(labels))
    bias: np.ndarray  # (len(labels),)
    dense_weights: np.ndarray | None = None  # (embedding dim, len(labels)): see embed.py
    thresholds: np.ndarray | None = None  # (len(labels),): multi-label models only

    def scores(self, features: list[str], dense: np.ndarray | None = None) -> np.ndarray:
        """Probabilities for one feature list (and sentence embedding, if the model has one):
        a distribution over the labels, or one probability per label when multi-label."""
        index = sorted({self.vocab[f] for f in features if f in self.vocab})
        logits = self.bias.astype(np.float64).copy()
        if index:
            logits += self.weights[index].sum(axis=0, dtype=np.float64) / math.sqrt(len(index))
        if self.dense_weights is not None and dense is not None:
            logits += dense.astype(np.float64) @ self.dense_weights
        if self.thresholds is not None:
            sigmoid: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
            return sigmoid
        logits -= logits.max()
        probs = np.exp(logits)
        result: np.ndarray = probs / probs.sum()
        return result

    def labels_of(self, features: list[str], dense: np.ndarray | None = None) -> dict[str, float]:
        """Multi-label models: every label that holds, with its probability."""
        if self.thresholds is None:
            raise TypeError("labels_of() needs a multi-label model")
        probs = self.scores(features, dense)
        return {label: float(p) for label, p, t in zip(self.labels, probs, self.thresholds, strict=True) if p >= t}

    def predict(
        self, features: list[str], allowed: frozenset[str] | None = None, dense: np.ndarray | None = None
    ) -> tuple[str, float]:
        """The most probable label (among ``allowed``, renormalised) and its probability."""
        probs = self.scores(features, dense)
        if allowed is not None:
            mask = np.array([label in allowed for label in self.labels])
            if not mask.any():
                return "", 0.0
            probs = np.where(mask, probs, 0.0)
            probs = probs / probs.sum()
        best = int(probs.argmax())
        return self.labels[best], float(probs[best])

    def save(self, path: Path) -> None:
        vocab = np.array(sorted(self.vocab, key=self.vocab.__getitem__))
        arrays: dict[str, Any] = {
            "labels": np.array(self.labels),
            "vocab": vocab,
            "weights": self.weights.astype(np.float16),
            "bias": self.bias,
        }
        if self.dense_weights is not None:
            arrays["dense_weights"] = self.dense_weights.astype(np.float32)
        if self.thresholds is not None:
            arrays["thresholds"] = self.thresholds.astype(np.float32)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            vocab = {str(w): i for i, w in enumerate(data["vocab"])}
            return cls(
                labels=tuple(str(x) for x in data["labels"]),
                vocab=vocab,
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                dense_weights=data["dense_weights"] if "dense_weights" in data.files else None,
                thresholds=data["thresholds"] if "thresholds" in data.files else None,
            )


@lru_cache(maxsize=8)
def load_model(name: str) -> LinearModel | None:
    """The shipped model ``name`` (e.g. ``"acled"``) or the ``.npz`` file at path ``name``;
    None when it has not been trained."""
    shipped = resources.files("tocsin") / "data" / "models" / f"{name}.npz"
    path = Path(name) if name.endswith(".npz") else Path(str(shipped))
    return LinearModel.load(path) if path.is_file() else None


def classify_snippet(text: str, events: list[Event], name: str = "acled") -> tuple[str, float] | None:
    """The label of a whole snippet (ACLED sub-type or NONE) and its probability; None untrained."""
    from .embed import load_embedder  # noqa: PLC0415 - the embedder loads a 7 MB table once

    model = load_model(name)
    if model is None:
        return None
    embedder = load_embedder()
    dense = embedder.embed(text) if embedder is not None else None
    label, prob = model.predict(text_features(text) + codebook_cues(text) + event_features(events), dense=dense)
    return keep_side(label, [e.acled_subtype for e in events]), prob


# Sub-types of one act that differ only by who acts: the actors decide between them, once the
# rules have found who (``acled.refine_acled``), whatever the words suggest to a model.
SIDE_PAIRS: tuple[frozenset[str], ...] = (frozenset({"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}),)


def keep_side(label: str, rules: list[str | None]) -> str:
    """``label``, or the rules' sub-type of the same pair where they found exactly one."""
    for pair in SIDE_PAIRS:
        found = {r for r in rules if r in pair}
        if label in pair and len(found) == 1:
            return found.pop()
    return label
