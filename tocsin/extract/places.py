"""The event's place among the places a sentence mentions, and the article's focus country.

1. A GPE/LOC/FAC entity attached to the trigger's clause by a locative preposition ("in",
   "at", "near", ...) is where the event happened; "near"/"outside"/"around" make the
   precision 2 (near a place, not in it).
2. Else, for material events (protests, violence, coercion, retreats, mobilisation), another
   place entity of the sentence that is not one of the actors.
3. Else, for material events, the article's focus country at precision 3. Verbal events
   (statements, demands, threats) are left unplaced rather than put where they are about.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Article, Event, Place, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..geocode import Gazetteer

__all__ = ["focus_country", "place_of"]

_MATERIAL = frozenset({"PROTEST", "ASSAULT", "COERCE", "RETREAT", "MOBILIZE"})
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "on",
        "across",
        "throughout",
        "inside",
        "near",
        "outside",
        "around",
        "from",
        "into",
        "to",
    }
)
_NEAR = frozenset({"near", "outside", "around"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}")
# confidences of each way of finding the place (hand-set priors, see events.py)
_CONF = {"attached": 0.8, "sentence": 0.6, "focus": 0.4}


def focus_country(article: Article, gazetteer: Gazetteer) -> tuple[str | None, list[str]]:
    """The country the article is mostly about, and every country it names, most named first."""
    counts: Counter[str] = Counter()
    text = f"{article.title or ''}\n{article.text}"
    for match in _CAPITALISED.finditer(text):
        phrase = match.group(0)
        code = gazetteer.country(phrase)
        if code is None and " " in phrase:
            codes = [gazetteer.country(w) for w in phrase.split()]
            code = next((c for c in codes if c), None)
        if code is not None:
            counts[code] += 1
    for mention in article.mentions:
        # cities and regions count for their country too ("Karachi shuts down")
        # (NER often tags a city in a title-case headline ORG: a one-word ORG is tried too)
        one_word_org = mention.label == "ORG" and " " not in mention.span.text
        if (mention.label in {"GPE", "LOC"} or one_word_org) and gazetteer.country(mention.span.text) is None:
            place = gazetteer.resolve(mention.span.text, list(counts))
            if place is not None and place.country is not None:
                counts[place.country] += 1
    ranked = [code for code, _ in counts.most_common()]
    return (ranked[0] if ranked else None), ranked


def place_of(  # noqa: PLR0917 - the event stage passes what it already has
    event: Event,
    head: Token,
    doc: Doc,
    offset: int,
    gazetteer: Gazetteer,
    focus: str | None,
    countries: list[str],
) -> tuple[Place | None, float]:
    """The event's place and the confidence in it."""
    actor_spans = [(a.span.start, a.span.end) for a in (*event.sources, *event.targets) if a.span]
    clause = _clause_tokens(head)
    attached = []
    others = []
    for ent in doc.ents:
        # an actor that is a place ("Russia warned") is not where the event happened, but a
        # place modifying an actor ("Almaty mayor's office") is; NER often tags such
        # modifiers ORG, so those are tried too
        start = offset + ent.start_char
        inside_actor = any(s <= start < e for s, e in actor_spans)
        if start in {s for s, _ in actor_spans} and ent.root.dep_ != "compound":
            continue
        if ent.label_ not in _PLACE_LABELS and not (
            ent.label_ == "ORG" and ent.root.dep_ == "compound" and inside_actor
        ):
            continue
        prep = ent.root.head if ent.root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in _LOCATIVE and (prep.head.i in clause or prep.head.head.i in clause):
            attached.append((ent, prep.lower_ in _NEAR))
        elif ent.root.dep_ in {"pobj", "compound", "nmod", "npadvmod"} or ent.root.head.i in clause:
            others.append((ent, _near_before(ent)))
    candidates = [(attached, _CONF["attached"])]
    if event.plover_type in _MATERIAL:
        candidates.append((others, _CONF["sentence"]))
    for group, conf in candidates:
        for ent, near in group:
            place = gazetteer.resolve(ent.text, countries)
            if place is None:
                continue
            precision = 2 if near and place.precision == 1 else place.precision
            span = Span(offset + ent.start_char, offset + ent.end_char, ent.text)
            return replace(place, precision=precision, span=span), conf
    if event.plover_type in _MATERIAL and focus is not None:
        return gazetteer.country_centroid(focus), _CONF["focus"]
    return None, 0.0


def _clause_tokens(head: Token) -> set[int]:
    """The trigger, its governing verb and their direct dependents' indexes."""
    clause = {head.i, head.head.i}
    clause.update(t.i for t in head.children)
    return clause


def _near_before(ent: object) -> bool:
    """ "a town near the capital city of Almaty": a 'near' just before the place."""
    doc = ent.doc  # type: ignore[attr-defined]
    start = ent.start  # type: ignore[attr-defined]
    return any(t.lower_ in _NEAR for t in doc[max(0, start - 6) : start])
