"""A trained scorer for the event's place: which candidate name, and whether any.

``places.place_of`` links each place name of a sentence to the event's trigger by rules (tier,
reference point, specificity; see its module docstring). Rules alone leave two kinds of error
that weigh against each other on the Halterman (2019) dev set: a name the rules do not link
that is the event's place ("protested ... in Toronto"), and a sentence whose event has no place
at all though it names some (aggregates, sports senses, a name of another clause). Two small
logistic regressions (the second with boosted trees beside it), trained by
``scripts/train_places.py``, decide instead:

1. the ranker scores each candidate from the rules' verdict on it and its syntax (features
   below), the static embedding of the three words each side of it ("the town of [X]
   district", "taken to [X] on") and that of its own words (a person's name, "Edward T.
   Adams", scores lower than a town's). Boosted trees (:func:`rank_inputs`) then read each
   candidate's logit beside the others' (its rank, its gap to the best, its margin over the
   rest) and its features, and the candidate with the best mean of the two models'
   probabilities is the event's place if the gate agrees;
2. the gate says whether the event is placed in the sentence at all, from the ranker's best
   candidate (its features and logit) and the sentence: the trigger's lemma, tag and relation,
   its subject and object, the sentence's lower-case words (no names) and its static embedding
   (``embed.py``: aggregates such as "the war has killed 100,000" sit apart from incidents).
   Its probability is the mean of that logistic regression's and of boosted trees'
   (:class:`GateTrees`) that read the ranker's logits (best, runner-up, margin, how many score
   above 0), the best candidate's features and the sentence's embedding, and can weigh them
   together where a linear model only adds them up.

Features are strings; a linear model is a bias and a weight per string (plus one for the
ranker's logit in the gate, and one per dimension of each embedding), and the trees split on
named inputs; all in ``tocsin/data/models/places.json``. Without the file the rules' own
ranking stands. Features name no places: the file holds syntax, rule outcomes, common words and
the embeddings' weights.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "GateTrees",
    "PlaceModel",
    "candidate_features",
    "gate_features",
    "gate_inputs",
    "load_place_model",
    "nesting_features",
    "rank_inputs",
    "sentence_features",
]

MODEL_FILE = "places.json"
# Prepositions kept as themselves in features; others are "other".
_PREPS = frozenset(
    [
        "in",
        "at",
        "on",
        "near",
        "outside",
        "around",
        "across",
        "inside",
        "into",
        "from",
        "to",
        "of",
        "for",
        "by",
        "with",
        "between",
        "along",
        "over",
        "through",
        "off",
        "within",
        "throughout",
    ]
)
_SAY = frozenset({"say", "tell", "report", "announce", "claim", "add", "quote", "accuse"})
_QUOTES = frozenset({'"', "``", "''", "“", "”"})


def _word(token: Token) -> str:
    """A token's lemma, or its kind for a name: features hold no names ("dobj=<GPE>", not "dobj=aleppo")."""
    if token.pos_ == "PROPN" or token.ent_type_:
        return f"<{token.ent_type_ or token.pos_}>"
    return token.lemma_.lower()


def _distance(gap: int) -> str:
    gap = abs(gap)
    if gap <= 1:
        return "1"
    if gap <= 3:
        return "2-3"
    if gap <= 6:
        return "4-6"
    return "7-12" if gap <= 12 else "13+"


def candidate_features(
    cand: SpacySpan,
    head: Token,
    *,
    tier: int | None,
    near: bool,
    relative: bool,
    rank: int | None,
    specificity: int,
    known: bool,
    kind: str | None,
    prep: Token | None,
    weak: bool,
    links: int,
) -> list[str]:
    """One candidate's features: the rules' link (tier, rank among linked names, reference
    point), specificity, NER label, preposition, and the dependency path to the trigger."""
    t = "none" if tier is None else str(tier)
    label = cand.label_ or "none"
    word = prep.lower_ if prep is not None else "none"
    word = word if word in _PREPS or word == "none" else "other"
    side = "before" if cand.start < head.i else "after"
    gap = _distance(cand.root.i - head.i)
    out = [f"tier={t}", f"spec={specificity}", f"tier={t}&spec={specificity}", "known" if known else "unknown"]
    out += [f"label={label}", f"tier={t}&label={label}", f"dep={cand.root.dep_}", f"prep={word}"]
    out += [f"tier={t}&prep={word}", f"kind={kind}", f"side={side}", f"dist={gap}", f"{side}&dist={gap}"]
    out.append(f"links={min(links, 3)}")
    if weak:
        out += ["weak", f"weak&label={label}"]
    if tier is not None and rank is not None:
        out += [f"rank={min(rank, 3)}", f"tier={t}&rank={min(rank, 3)}"]
        out += ["near"] if near else []
        out += ["relative"] if relative else []
    out += _path(cand, head)
    if prep is not None:
        gov = _word(prep.head)
        out += [f"gov={gov}", f"govpos={prep.head.pos_}", f"prep={word}&gov={gov}"]
    if sum(1 for t in cand.doc[: cand.start] if t.text in _QUOTES) % 2:
        out.append("in_quote")
    return out


# how a name hangs from the name it lies in: "Highland Hospital in Oakland", "the Vedeno region of
# southern Chechnya", "Turkey's Middle East Technical University"
_NESTING_DEPS = frozenset({"prep", "pobj", "poss", "compound", "appos", "amod", "npadvmod", "nmod"})


def nesting_features(spans: list[SpacySpan]) -> list[list[str]]:
    """For each name, the names it hangs from and those hanging from it, within three links of
    its phrase: "in=LABEL" for the name it lies in (Oakland: in=FAC), "holds=LABEL" for one lying
    in it (Highland Hospital: holds=GPE). The Halterman annotators mostly mark the finer name; with
    these features the place scorer's cross-validated accuracy went 0.8089 -> 0.8110."""
    owner = {t.i: k for k, span in enumerate(spans) for t in span}
    for k, span in enumerate(spans):  # the noun a name modifies is its phrase's: "the Vedeno [region]"
        if span.root.dep_ in {"compound", "nmod", "amod"}:
            owner.setdefault(span.root.head.i, k)
    out: list[list[str]] = [[] for _ in spans]
    for k, span in enumerate(spans):
        node = span.root
        for _ in range(3):
            if node.dep_ not in _NESTING_DEPS or node.head.i == node.i:
                break
            node = node.head
            host = owner.get(node.i)
            if host is not None and host != k:
                out[k].append(f"in={spans[host].label_ or 'none'}")
                out[host].append(f"holds={span.label_ or 'none'}")
                break
    return [sorted(set(f)) for f in out]


def _path(cand: SpacySpan, head: Token) -> list[str]:
    """The dependency path from the candidate up to where it meets the trigger's heads."""
    above = [head, *head.ancestors]
    index = {t.i: k for k, t in enumerate(above)}
    up: list[str] = []
    node = cand.root
    while node.i not in index and node.head.i != node.i:
        up.append(node.dep_)
        node = node.head
    if node.i not in index:
        return ["nolca"]
    down = ">".join(t.dep_ for t in above[: index[node.i]][:3])
    rise = ">".join(up[:4])
    out = [f"up={rise}", f"down={down}", f"path={rise}|{down}"]
    out.append("lca=trigger" if node.i == head.i else f"lca={node.pos_}")
    if node.i != head.i:
        out.append(f"lcalem={_word(node)}")
    return out


def sentence_features(head: Token, *, material: bool) -> list[str]:
    """What the trigger's sentence says about the event, whatever its candidates."""
    out = [f"verb={head.lemma_.lower()}", f"tag={head.tag_}", f"vdep={head.dep_}"]
    out.append("material" if material else "verbal")
    out += [f"prt={c.lower_}" for c in head.children if c.dep_ == "prt"]
    if any(t.lemma_.lower() in _SAY for t in head.ancestors):
        out.append("under_said")
    if any(t.ent_type_ == "DATE" and len(t.text) == 4 and t.text.isdigit() for t in head.doc):
        out.append("year")
    for child in head.children:
        if child.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            out += [f"{child.dep_}={_word(child)}", f"{child.dep_}_ent={child.ent_type_ or 'none'}"]
    if head.dep_ == "relcl":
        out.append(f"relcl_of={_word(head.head)}")
    return out


def gate_features(doc: Doc, best: list[str] | None, candidates: int) -> list[str]:
    """The gate's features: the best candidate's (prefixed), the count, the sentence's words."""
    out = [f"best:{f}" for f in best] if best is not None else ["nocand"]
    out.append(f"ncand={min(candidates, 5)}")
    out += sorted({f"w={t.lemma_.lower()}" for t in doc if t.is_alpha and t.is_lower and not t.ent_type_})
    return out


def gate_inputs(best: list[str] | None, logits: Sequence[float]) -> dict[str, float]:
    """The gate trees' inputs besides the sentence's embedding: the ranker's best logit, the
    runner-up's, their margin, how many candidates score above 0 and how many there are, and the
    best candidate's features as 0/1 ("best:tier=0")."""
    ordered = sorted(logits, reverse=True)
    top = ordered[0] if ordered else 0.0
    second = ordered[1] if len(ordered) > 1 else top - 5.0
    out = {
        "__logit__": top,
        "__second__": second,
        "__margin__": min(top - second, 5.0),
        "__npos__": float(sum(v > 0 for v in ordered)),
        "__ncand__": float(len(ordered)),
    }
    out.update(dict.fromkeys((f"best:{f}" for f in best or ()), 1.0))
    return out


def rank_inputs(features: list[str], logits: Sequence[float], j: int) -> dict[str, float]:
    """The ranker trees' inputs for candidate ``j`` of a sentence: its linear logit, its rank
    among the sentence's candidates (0 = best), its gap to the best logit, its margin over the
    best of the others, the number of candidates and its position among them, and its
    features as 0/1."""
    mine = logits[j]
    others = [v for i, v in enumerate(logits) if i != j]
    out = {
        "__rlogit__": mine,
        "__rrank__": float(sum(v > mine for v in others)),
        "__rgap__": max(logits) - mine,
        "__rmargin__": mine - max(others) if others else 5.0,
        "__rncand__": float(len(logits)),
        "__rpos__": float(j),
    }
    out.update(dict.fromkeys(features, 1.0))
    return out


_DENSE = "__dense"  # the trees' name for a dimension of the sentence's embedding: "__dense17__"


class GateTrees:
    """Boosted regression trees over named inputs (the gate's: :func:`gate_inputs` and the
    sentence's embedding; the ranker's: :func:`rank_inputs`), exported
    from scikit-learn's ``HistGradientBoostingClassifier`` (a sample goes left when its input is
    at most the node's threshold). All trees are walked at once with numpy."""

    def __init__(self, inputs: Sequence[str], bias: float, trees: Sequence[dict[str, list[Any]]]) -> None:
        self.inputs = tuple(inputs)  # the names the trees' ``feature`` indices refer to
        self.bias = bias
        self.trees = [dict(t) for t in trees]  # per tree: feature (-1 at a leaf), threshold, left, right, value
        self._named = {name: j for j, name in enumerate(self.inputs) if not name.startswith(_DENSE)}
        dense = [(j, int(name[len(_DENSE) : -2])) for j, name in enumerate(self.inputs) if name.startswith(_DENSE)]
        self._dense_at = np.array([j for j, _ in dense], dtype=np.int64)  # where each dimension goes
        self._dense_dims = np.array([dim for _, dim in dense], dtype=np.int64)
        # all trees' nodes in flat arrays; a leaf points to itself, so walking on past it stays put
        roots: list[int] = []
        feature: list[int] = []
        left: list[int] = []
        right: list[int] = []
        threshold: list[float] = []
        value: list[float] = []
        for tree in self.trees:
            base = len(feature)
            roots.append(base)
            for f, t, lo, hi in zip(tree["feature"], tree["threshold"], tree["left"], tree["right"], strict=True):
                me = len(feature)
                feature.append(max(f, 0))
                threshold.append(t)
                left.append(me if f < 0 else base + lo)
                right.append(me if f < 0 else base + hi)
            value += tree["value"]
        self._roots = np.array(roots, dtype=np.int64)
        self._feature = np.array(feature, dtype=np.int64)
        self._threshold = np.array(threshold, dtype=float)
        self._left = np.array(left, dtype=np.int64)
        self._right = np.array(right, dtype=np.int64)
        self._value = np.array(value, dtype=float)
        self._depth = max((_depth(t) for t in self.trees), default=0)

    def probability(self, inputs: dict[str, float], vector: Sequence[float] | np.ndarray | None = None) -> float:
        """The trees' probability (for the gate's: that the event is placed in its sentence)."""
        x = np.zeros(len(self.inputs) + 1)  # + 1: a leaf's "feature" 0 exists even with no inputs
        for name, value in inputs.items():
            j = self._named.get(name)
            if j is not None:
                x[j] = value
        if vector is not None and len(self._dense_at):
            x[self._dense_at] = np.asarray(vector, dtype=float)[self._dense_dims]
        node = self._roots
        for _ in range(self._depth):
            node = np.where(x[self._feature[node]] <= self._threshold[node], self._left[node], self._right[node])
        z = self.bias + float(self._value[node].sum())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, Any]:
        return {"inputs": list(self.inputs), "bias": self.bias, "trees": self.trees}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GateTrees:
        return cls([str(n) for n in data["inputs"]], float(data["bias"]), data["trees"])

    @classmethod
    def from_sklearn(cls, classifier: Any, names: Sequence[str]) -> GateTrees:
        """A fitted binary ``HistGradientBoostingClassifier`` (numeric inputs, no missing values)
        whose columns are ``names``; only the inputs its trees split on are kept. Reads the
        fitted trees' node arrays, which scikit-learn does not expose publicly."""
        raw = [predictors[0].nodes for predictors in classifier._predictors]  # noqa: SLF001
        used = sorted({int(n["feature_idx"]) for nodes in raw for n in nodes if not n["is_leaf"]})
        remap = {f: j for j, f in enumerate(used)}
        trees: list[dict[str, list[Any]]] = [
            {
                "feature": [-1 if n["is_leaf"] else remap[int(n["feature_idx"])] for n in nodes],
                "threshold": [float(n["num_threshold"]) for n in nodes],
                "left": [int(n["left"]) for n in nodes],
                "right": [int(n["right"]) for n in nodes],
                "value": [round(float(n["value"]), 6) for n in nodes],
            }
            for nodes in raw
        ]
        bias = float(np.ravel(classifier._baseline_prediction)[0])  # noqa: SLF001
        return cls([names[f] for f in used], bias, trees)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GateTrees) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash((self.inputs, self.bias, len(self.trees)))


def _depth(tree: dict[str, list[Any]]) -> int:
    """The number of splits on the longest path from the root to a leaf."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, depth = stack.pop()
        if tree["feature"][node] < 0:
            deepest = max(deepest, depth)
        else:
            stack += [(tree["left"][node], depth + 1), (tree["right"][node], depth + 1)]
    return deepest


@dataclass(frozen=True)
class PlaceModel:
    """The ranker's and the gate's weights (see the module docstring)."""

    rank_bias: float
    rank_weights: dict[str, float]
    gate_bias: float
    gate_weights: dict[str, float]
    gate_logit: float  # the gate's weight on the ranker's logit of its best candidate
    threshold: float  # the gate's probability from which the event is placed in the sentence
    gate_dense: tuple[float, ...] = ()  # the gate's weights on the sentence's embedding
    rank_dense: tuple[float, ...] = ()  # the ranker's weights on the embedding of a name's context
    rank_name: tuple[float, ...] = ()  # ... and on the embedding of the name itself
    trees: GateTrees | None = None  # the gate's boosted trees, averaged with its linear model
    rank_trees: GateTrees | None = None  # the ranker's, over rank_inputs
    rank_mix: float = 0.5  # the ranker trees' share of a candidate's probability

    @property
    def dense(self) -> bool:
        """Whether the gate reads the sentence's embedding."""
        return bool(self.gate_dense)

    def rank(
        self, features: list[str], context: Iterable[float] | None = None, name: Iterable[float] | None = None
    ) -> float:
        """The ranker's logit for one candidate (``context``: the embedding of the words around
        it, ``name``: of its own words; without them their dense weights are left out)."""
        weights = self.rank_weights
        z = self.rank_bias + sum(weights.get(f, 0.0) for f in features)
        return z + _dot(self.rank_dense, context) + _dot(self.rank_name, name)

    def best(self, table: Sequence[list[str]], logits: Sequence[float]) -> int:
        """Which candidate (index into ``table``, each candidate's features) the ranker picks:
        the best logit, or with trees shipped the best mean of their probability and the
        logit's (``rank_mix`` to the trees). Ties go to the earlier candidate."""
        if self.rank_trees is None:
            scores = list(logits)
        else:
            mix = self.rank_mix
            scores = [
                mix * self.rank_trees.probability(rank_inputs(features, logits, j))
                + (1 - mix) / (1.0 + math.exp(-max(-30.0, min(30.0, logits[j]))))
                for j, features in enumerate(table)
            ]
        return max(range(len(scores)), key=lambda j: (scores[j], -j))

    def gate(
        self,
        features: list[str],
        logit: float | None,
        vector: Sequence[float] | np.ndarray | None = None,
        inputs: dict[str, float] | None = None,
    ) -> float:
        """The probability that the event is placed in its sentence (``vector``: the sentence's
        embedding; without it the dense weights are left out). With ``inputs``
        (:func:`gate_inputs`) and trees shipped, the mean of the linear model's probability and
        the trees'."""
        weights = self.gate_weights
        z = self.gate_bias + sum(weights.get(f, 0.0) for f in features)
        if logit is not None:
            z += self.gate_logit * logit
        z += _dot(self.gate_dense, vector)
        linear = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        if self.trees is None or inputs is None:
            return linear
        return (linear + self.trees.probability(inputs, vector)) / 2

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": {
                "bias": self.rank_bias,
                "weights": self.rank_weights,
                **({"dense": list(self.rank_dense)} if self.rank_dense else {}),
                **({"name": list(self.rank_name)} if self.rank_name else {}),
                **({"trees": self.rank_trees.to_dict(), "mix": self.rank_mix} if self.rank_trees is not None else {}),
            },
            "gate": {
                "bias": self.gate_bias,
                "weights": self.gate_weights,
                "logit": self.gate_logit,
                "threshold": self.threshold,
                **({"dense": list(self.gate_dense)} if self.gate_dense else {}),
                **({"trees": self.trees.to_dict()} if self.trees is not None else {}),
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlaceModel:
        rank, gate = data["rank"], data["gate"]
        return cls(
            float(rank["bias"]),
            {str(k): float(v) for k, v in rank["weights"].items()},
            float(gate["bias"]),
            {str(k): float(v) for k, v in gate["weights"].items()},
            float(gate["logit"]),
            float(gate["threshold"]),
            tuple(float(w) for w in gate.get("dense", ())),
            tuple(float(w) for w in rank.get("dense", ())),
            tuple(float(w) for w in rank.get("name", ())),
            GateTrees.from_dict(gate["trees"]) if "trees" in gate else None,
            GateTrees.from_dict(rank["trees"]) if "trees" in rank else None,
            float(rank.get("mix", 0.5)),
        )


def _dot(weights: tuple[float, ...], vector: Iterable[float] | None) -> float:
    if vector is None or not weights:
        return 0.0
    return math.fsum(w * float(x) for w, x in zip(weights, vector, strict=True))


@lru_cache(maxsize=4)
def load_place_model(path: str = "") -> PlaceModel | None:
    """The shipped model (or the JSON file at ``path``); None when it has not been trained."""
    file = Path(path) if path else Path(str(resources.files("tocsin") / "data" / "models" / MODEL_FILE))
    if not file.is_file():
        return None
    return PlaceModel.from_dict(json.loads(file.read_text(encoding="utf-8")))
