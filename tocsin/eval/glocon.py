"""GLOCON Gold sample: does a document / sentence report a protest event? (dataset ``glocon``).

Gold: a folder with ``document/Sabinet_R.json`` (JSON lines ``{"id","url","text","label"}``)
and ``sentence/Sabinet.json`` (JSON lines ``{"id","url","sent_num","sentence","label","last"}``),
the CASE 2021 task 1 scheme (Hürriyetoğlu et al.). Each document, and each sentence on its own,
goes through the default pipeline as one article (no publication date: the files carry none).

What counts as positive follows the gold, not just the word "protest": the token layer of
this sample (``token/*.folia.xml``) types its events as demonstrations (``demonst``),
industrial and individual action (``ind_act``), group clashes (``group_clash``) and armed
militancy (``arm_mil``), and the gold sentences labelled 1 include
"an overnight rebel attack on a Colombian oil pipeline" and "130 people who were killed during
the night of coordinated violence". So a text is predicted positive when tocsin finds in it an
event that

- is not ``negated``, ``hypothetical`` or ``future``: the scheme codes events that happened or
  are happening, not calls, plans or threats (a ``claimed`` one still counts), and
- is a PROTEST event (any mode: demonstration, strike, riot, boycott, obstruction ...), or
  carries an ACLED sub-type of the Protests or Riots types, or
- is an ASSAULT by an armed actor (sector MIL, POL, REB, UAF, PRM or SPY): clashes, armed
  militancy and repression are in the scheme, ordinary crime ("a man was stabbed") is not, and
  nor is sexual violence (``sexual`` mode: "the alleged rape of a woman by police" is a crime
  report, in none of the scheme's event types), or
- is an ASSAULT or COERCE event against protesters (a target whose text names protesters,
  strikers, marchers, a crowd ...): police dispersing a march reports the march.

When this runner was written, the alternatives scored (macro F1 / precision / recall of the
positive class, sentences then documents): PROTEST-like events only 0.64/0.88/0.24 and
0.77/0.65/0.53; plus every ASSAULT 0.73/0.79/0.42 and 0.67/0.32/0.78 (crime stories flood the
documents); the rule above 0.68/0.87/0.32 and 0.83/0.69/0.69.

Rows labelled 2 (5 documents and 14 sentences in the full sample; undocumented, most likely
"unsure") are left out: they are neither scored nor counted in ``n``.

Metrics: ``doc_macro_f1`` and ``sent_macro_f1`` (macro F1 over the classes 0 and 1), and the
precision and recall of the positive class, ``doc_precision`` ... ``sent_recall``. The
reliability table compares, on the sentences predicted positive, the best protest event's
``confidence["event"]`` with the gold label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..config import Settings
from ..extract.actors import ARMED_SECTORS
from ..models import ACLED_SUBTYPES, Article, Event
from ..pipeline import Pipeline, Result
from . import EvalResult, read_jsonl, register_dataset
from .metrics import classification_report, reliability_table

__all__ = ["is_protest_event", "protest_confidence"]

DOCUMENTS = Path("document") / "Sabinet_R.json"
SENTENCES = Path("sentence") / "Sabinet.json"

_UNCERTAIN = frozenset({"negated", "hypothetical", "future"})
_PROTEST_ACLED = frozenset(k for k, v in ACLED_SUBTYPES.items() if v in {"Protests", "Riots"})
_PROTESTERS = re.compile(
    r"\b(?:protest(?:er|or)s?|demonstrators?|strikers?|marchers?|rioters?|crowds?|mobs?|picketers?"
    r"|(?:striking|protesting) \w+)\b",
    re.IGNORECASE,
)


def is_protest_event(event: Event) -> bool:
    """Whether ``event`` reports a protest or political-violence event that happened (module docstring)."""
    if _UNCERTAIN & set(event.context):
        return False
    if event.plover_type == "PROTEST" or event.acled_subtype in _PROTEST_ACLED:
        return True
    armed = any(actor.sector in ARMED_SECTORS for actor in event.sources)
    if event.plover_type == "ASSAULT" and armed and event.plover_mode != "sexual":
        return True
    if event.plover_type in {"ASSAULT", "COERCE"}:
        return any(_PROTESTERS.search(actor.text) for actor in event.targets)
    return False


def protest_confidence(article: Article) -> float | None:
    """The highest ``confidence["event"]`` of the article's protest events; None when it has none."""
    scores = [float(e.confidence.get("event", 0.0)) for e in article.events if is_protest_event(e)]
    return max(scores) if scores else None


def _read(path: Path) -> list[dict[str, Any]]:
    return read_jsonl(path, "GLOCON records")


def _scores(pipeline: Pipeline, rows: list[tuple[str, str]]) -> list[float | None]:
    items = (Result(origin=origin, article=Article(raw=text)) for origin, text in rows)
    out: list[float | None] = []
    for result in pipeline.run(items, total=len(rows)):
        ok = result.status == "ok" and result.article is not None
        out.append(protest_confidence(result.article) if ok and result.article else None)
    return out


def _binary(prefix: str, gold: list[int], scores: Iterable[float | None]) -> tuple[dict[str, float], dict[str, Any]]:
    predicted = ["1" if s is not None else "0" for s in scores]
    per_label, macro, _ = classification_report([str(g) for g in gold], predicted, ["0", "1"])
    metrics = {
        f"{prefix}_macro_f1": macro,
        f"{prefix}_precision": per_label["1"]["precision"],
        f"{prefix}_recall": per_label["1"]["recall"],
    }
    return metrics, {f"{prefix}/{label}": scores for label, scores in per_label.items()}


@register_dataset("glocon")
def run(path: Path, settings: Settings) -> EvalResult:
    documents = [d for d in _read(path / DOCUMENTS) if int(d["label"]) in {0, 1}]
    sentences = [s for s in _read(path / SENTENCES) if int(s["label"]) in {0, 1}]
    pipeline = Pipeline.from_settings(settings)
    doc_scores = _scores(pipeline, [(str(d["id"]), str(d["text"])) for d in documents])
    sent_scores = _scores(pipeline, [(str(s["id"]), str(s["sentence"])) for s in sentences])
    doc_gold = [int(d["label"]) for d in documents]
    sent_gold = [int(s["label"]) for s in sentences]
    doc_metrics, doc_labels = _binary("doc", doc_gold, doc_scores)
    sent_metrics, sent_labels = _binary("sent", sent_gold, sent_scores)
    chosen = [(s, g == 1) for s, g in zip(sent_scores, sent_gold, strict=True) if s is not None]
    return EvalResult(
        dataset="glocon",
        path=str(path),
        n=len(documents) + len(sentences),
        metrics={**doc_metrics, **sent_metrics},
        per_label={**doc_labels, **sent_labels},
        reliability=reliability_table([c for c, _ in chosen], [ok for _, ok in chosen]),
    )
