"""IndiaPoliceEvents: what did the police do? (dataset ``india-police-events``)

Gold (Halterman et al. 2021): a folder with ``docs.jsonl`` (``{"doc_id","doc_text","doc_labels"}``),
``sents.jsonl`` (``{"doc_id","sent_id","sent_text","sent_labels"}``) and, optionally,
``metadata.jsonl`` (``{"doc_id","date",...}``): Times of India articles of March 2002, lower-cased, each
sentence and document answering five yes/no questions. Every document is run through the
default pipeline as one article, and every sentence on its own, both with the document's
publication date from ``metadata.jsonl``.

The labels are derived from tocsin's events whose *source* includes a police actor (sector
``POL``), or that have no source and are acts only state forces perform (coercion such as
arrests and curfews, crowd control, police deployed); the gold counts the army standing in
for the police as police too ("the army was deployed", "nabbed by an army contingent"), so
an army source, or an army deployed by the government or no one named, counts as well
(``by_forces``), except for FAIL. "certain" means not ``negated``, ``hypothetical`` or
``future``:

- ``KILL``: a certain ASSAULT with ``killed.min`` > 0 or a killing or death trigger (killed,
  shot dead, gunned down, murdered, massacre, lynched, died, death);
- ``ARREST``: a certain COERCE event of mode ``arrest``, or with an ``arrested`` count;
- ``FORCE``: a certain ASSAULT (any mode, crowd-control included); so KILL implies FORCE, as
  in the gold scheme;
- ``FAIL`` ("did police fail to intervene?"): a *negated* event whose source names the police
  ("police did not stop the mob"; the police model of the classify stage states a failure to
  act, "police looked the other way", as such an event), or a police REJECT ("police refused
  to register the complaint"), not ``future``; neither an act with no source ("no arrests have
  been made") nor the police at work (MOBILIZE/police) on a negated verb;
- ``ANY_ACTION``: any certain police event (a curfew merely in force, "the town remained under
  curfew", is no event: ``events._in_force``).

Metrics: ``sent_f1_<LABEL>`` and ``doc_f1_<LABEL>`` for the five labels and their means
``mean_sent_f1`` and ``mean_doc_f1``; ``per_label`` holds P/R/F1 as ``sent/<LABEL>`` and
``doc/<LABEL>``. The reliability table compares, per sentence with a certain police event,
the best such event's ``confidence["event"]`` with the gold ANY_ACTION label. No subsampling:
the whole folder is scored (sentences are short and the lower-cased documents are split into
few sentences, so a run takes well under a minute on two cores).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ..config import Settings
from ..extract.actors import by_police
from ..models import Article, Event
from ..pipeline import Pipeline, Result
from . import EvalResult, read_jsonl, register_dataset
from .metrics import PRF, reliability_table

__all__ = ["LABELS", "by_forces", "police_labels"]

LABELS: tuple[str, ...] = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")

_UNCERTAIN = frozenset({"negated", "hypothetical", "future"})
_KILLING = re.compile(
    r"\b(?:kill|shot dead|shoot dead|gunned|gun down|murder|massacre|lynch|died|dies|die\b|dead|death)", re.IGNORECASE
)

_ROUNDS = re.compile(r"\brounds?\b", re.IGNORECASE)


def by_forces(event: Event) -> bool:
    """Whether the state's security forces did ``event``: the police (``by_police``), or the
    army, which the gold counts as police too when it stands in for them ("the army was
    deployed", "nabbed by an army contingent"): an army source, or an army (or police: "150
    policemen were deployed by the state") deployed by no one named or by the government.
    Force on militants by no one named ("a militant was shot dead near the border") is the
    forces' too, unless a bomb did it, and so are rounds fired by no one named at no one of
    the forces ("some 20 rounds were fired")."""
    if by_police(event) or any(a.sector == "MIL" for a in event.sources):
        return True
    if (
        event.plover_type == "ASSAULT"
        and not event.sources
        and event.plover_mode != "explosives"
        and any(a.sector == "REB" for a in event.targets)
    ):
        return True  # "two militants were killed in an encounter": no one else kills militants
    if event.plover_type == "ASSAULT" and not event.sources and _ROUNDS.search(event.evidence.trigger.text):
        # "some 20 rounds were fired": rounds counted, fired by no one named, are the police's
        return not any(a.sector in {"POL", "MIL"} for a in event.targets)
    return (
        event.plover_type == "MOBILIZE"
        and all(a.sector == "GOV" for a in event.sources)
        and any(a.sector in {"MIL", "POL"} for a in event.targets)
    )


# Acts whose negation is a failure to intervene: not to arrest, act, come or help ("police did
# not expect trouble" or "did not fire" is none).
_FAILING_TYPES = frozenset({"COERCE", "MOBILIZE", "AID", "REJECT"})


def _failed(event: Event) -> bool:
    """Whether ``event`` states a failure of the police to act: a negated act of intervention
    (``_FAILING_TYPES``) or a REJECT ("police were unwilling to register cases") whose source
    names the police. An act only the state performs with no one named ("no arrests have been
    made so far") reports the state of a case, not who failed; nor is the police model's "at
    work" act (MOBILIZE/police) that happens to land on a negated verb ("the police does not
    anticipate trouble") a failure."""
    if event.plover_type not in _FAILING_TYPES or ("negated" not in event.context and event.plover_type != "REJECT"):
        return False
    return any(a.sector == "POL" for a in event.sources) and event.plover_mode != "police"


def _trigger_words(event: Event) -> str:
    """The trigger and the word after it ("shot" of "shot dead")."""
    trigger, sentence = event.evidence.trigger, event.evidence.sentence
    after = sentence.text[trigger.end - sentence.start :].split(maxsplit=1)
    return f"{trigger.text} {after[0]}" if after else trigger.text


def police_labels(article: Article) -> set[str]:
    """The IndiaPoliceEvents labels that the events of a processed ``article`` support."""
    labels: set[str] = set()
    for event in article.events:
        if not by_forces(event):
            continue
        flags = set(event.context)
        if _failed(event) and "future" not in flags:
            labels.add("FAIL")
        if flags & _UNCERTAIN:
            continue
        labels.add("ANY_ACTION")
        if event.plover_type == "ASSAULT":
            labels.add("FORCE")
            killed = event.killed is not None and event.killed.min > 0
            if killed or _KILLING.search(_trigger_words(event)):
                labels.add("KILL")
        if event.plover_type == "COERCE" and (event.plover_mode == "arrest" or event.arrested is not None):
            labels.add("ARREST")
    return labels


def _police_confidence(article: Article) -> float | None:
    scores = [
        float(e.confidence.get("event", 0.0))
        for e in article.events
        if by_forces(e) and not _UNCERTAIN & set(e.context)
    ]
    return max(scores) if scores else None


def _read(path: Path) -> list[dict[str, Any]]:
    return read_jsonl(path, "IndiaPoliceEvents records")


def _dates(path: Path) -> dict[Any, date]:
    """Each document's publication date from ``metadata.jsonl``; none when the file is absent (the
    labels do not depend on dates) or a date is not ISO."""
    if not path.is_file():
        return {}
    out: dict[Any, date] = {}
    for row in _read(path):
        try:
            out[row["doc_id"]] = date.fromisoformat(str(row["date"])[:10])
        except (KeyError, ValueError):
            continue
    return out


def _predict(pipeline: Pipeline, rows: list[tuple[str, str, date | None]]) -> list[Article | None]:
    items = (Result(origin=origin, article=Article(raw=text, published=day)) for origin, text, day in rows)
    return [result.article if result.status == "ok" else None for result in pipeline.run(items, total=len(rows))]


def _score(prefix: str, gold: list[set[str]], articles: list[Article | None]) -> dict[str, PRF]:
    scores = {label: PRF() for label in LABELS}
    for labels, article in zip(gold, articles, strict=True):
        predicted = police_labels(article) if article is not None else set()
        for label, prf in scores.items():
            prf.score(label in predicted, label in labels)
    return {f"{prefix}/{label}": prf for label, prf in scores.items()}


@register_dataset("india-police-events")
def run(path: Path, settings: Settings) -> EvalResult:
    dates = _dates(path / "metadata.jsonl")
    docs = _read(path / "docs.jsonl")
    sents = _read(path / "sents.jsonl")
    pipeline = Pipeline.from_settings(settings)
    sent_articles = _predict(
        pipeline, [(f"{s['doc_id']}:{s['sent_id']}", s["sent_text"], dates.get(s["doc_id"])) for s in sents]
    )
    doc_articles = _predict(pipeline, [(str(d["doc_id"]), d["doc_text"], dates.get(d["doc_id"])) for d in docs])
    scores = {
        **_score("sent", [set(s["sent_labels"]) for s in sents], sent_articles),
        **_score("doc", [set(d["doc_labels"]) for d in docs], doc_articles),
    }
    metrics: dict[str, float] = {}
    for prefix in ("sent", "doc"):
        f1s = [scores[f"{prefix}/{label}"].f1 for label in LABELS]
        metrics[f"mean_{prefix}_f1"] = sum(f1s) / len(f1s)
        metrics.update({f"{prefix}_f1_{label}": f1 for label, f1 in zip(LABELS, f1s, strict=True)})
    chosen = [
        (conf, "ANY_ACTION" in s["sent_labels"])
        for s, article in zip(sents, sent_articles, strict=True)
        if article is not None and (conf := _police_confidence(article)) is not None
    ]
    return EvalResult(
        dataset="india-police-events",
        path=str(path),
        n=len(docs) + len(sents),
        metrics=metrics,
        per_label={key: prf.to_dict() for key, prf in scores.items()},
        reliability=reliability_table([c for c, _ in chosen], [ok for _, ok in chosen]),
    )
