"""The event's place among the places a sentence mentions, and the article's focus country.

1. A GPE/LOC/FAC entity attached to the trigger's clause by a locative preposition ("in",
   "at", "near", ...) is where the event happened; "near"/"outside"/"around" make the
   precision 2 (near a place, not in it).
2. Else, for material events (protests, violence, coercion, retreats, mobilisation), a place
   that modifies the event's target ("set fire to the Kabul police headquarters", "stormed
   Almaty mayor's office"): a compound or possessive inside the verb's object, checked against
   the gazetteer (NER often tags such a city ORG); countries and demonyms are left out ("the
   U.S. embassy" is not in the United States).
3. Else, for material events, another place entity of the sentence that is not one of the actors.
4. Else, for material events, the article's focus country at precision 3. Verbal events
   (statements, demands, threats) are left unplaced rather than put where they are about.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..geocode.toponyms import dateline
from ..models import Article, Event, Place, Span
from .actors import SECTOR_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from ..geocode import Gazetteer

__all__ = ["dateline_place", "focus_country", "place_of"]

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
        "over",
        "along",
        "within",
        "between",
    }
)
# "the town of X", "the village of X": X takes the place noun's preposition.
_PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "province",
        "region",
        "district",
        "neighborhood",
        "neighbourhood",
        "suburb",
        "area",
        "capital",
        "state",
        "county",
        "camp",
        "settlement",
        "settlements",
        "villages",
        "towns",
        "cities",
        "port",
        "governorate",
        "municipality",
        "outskirts",
        "centre",
        "center",
        # parts of a place: "patrolled the streets of Mbabane", "the southern sector of Aleppo"
        "street",
        "road",
        "sector",
        "part",
        "perimeter",
        "hometown",
        "quarter",
    }
)
# "south of Baghdad", "100 km from X": X is a reference point, not the place.
_RELATIVE = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "km",
        "kilometers",
        "kilometres",
        "miles",
        "mile",
        "kilometer",
        "kilometre",
    }
)
# Verbs whose object is where the event is ("patrolled Harare", "shelled Aleppo").
_PLACE_VERBS = frozenset(
    {
        "patrol",
        "shell",
        "bomb",
        "raid",
        "storm",
        "besiege",
        "invade",
        "occupy",
        "capture",
        "seize",
        "enter",
        "attack",
        "blockade",
        "overrun",
        "target",
        "strike",
        "hit",
        "destroy",
        "retake",
        "liberate",
        "surround",
        "loot",
        "burn",
        "torch",
    }
)
_GUESS_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
_NEAR = frozenset({"near", "outside", "around"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PEOPLE_SECTORS = frozenset({"POL", "MIL", "CVL", "REB", "UAF", "LAB", "AGR", "REF", "JRN", "ELI"})
_PEOPLE_WORDS = frozenset({"official", "minister", "mayor", "governor", "leader", "member", "diplomat", "lawmaker"})
_CITY_POPULATION = 100_000  # an ORG- or un-tagged modifier is a place only if a city this large
_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}")
# confidences of each way of finding the place (hand-set priors, see events.py)
_CONF = {"attached": 0.8, "sentence": 0.6, "dateline": 0.6, "focus": 0.4}


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


def dateline_place(article: Article, gazetteer: Gazetteer) -> Place | None:
    """The place of the article's dateline ("ALMATY, Jan 5 (Reuters) -"), if it opens with one."""
    line = dateline(article.text, gazetteer)
    return line.place if line is not None else None


def place_of(  # noqa: PLR0917 - the event stage passes what it already has
    event: Event,
    head: Token,
    doc: Doc,
    offset: int,
    gazetteer: Gazetteer,
    focus: str | None,
    countries: list[str],
    anchor: Place | None = None,
) -> tuple[Place | None, float]:
    """The event's place and the confidence in it (steps in the module docstring)."""
    actor_starts = {a.span.start for a in (*event.sources, *event.targets) if a.span}
    attached: list[tuple[SpacySpan, bool]] = []
    others: list[tuple[SpacySpan, bool]] = []
    clause = _clause_tokens(head)
    for cand in _candidates(doc, gazetteer):
        if offset + cand.start_char in actor_starts and cand.root.dep_ not in {"compound", "pobj"}:
            continue  # "Russia warned": the actor, not the place
        how = _attachment(cand, head, direct=event.plover_type not in _MATERIAL)
        if how is not None:
            attached.append((cand, how))
        elif cand.label_ in _PLACE_LABELS and _nearby(cand, clause) and not _modifies_actor(cand, gazetteer):
            others.append((cand, False))
    context = [*countries, *([focus] if focus and focus not in countries else [])]
    for cand, near in attached:
        place = gazetteer.resolve(cand.text, context)
        span = Span(offset + cand.start_char, offset + cand.end_char, cand.text)
        if place is None:
            if cand.label_ not in _PLACE_LABELS and not _after_locative(cand) and not _names_place_noun(_prep_of(cand)):
                continue
            # a village or district the gazetteer lacks: keep the span, coarsely
            base = gazetteer.country_centroid(focus) if focus else None
            lat, lon = (base.lat, base.lon) if base else (None, None)
            return Place(cand.text, focus, None, None, lat, lon, 3, span), _CONF["sentence"]
        precision = 2 if (near or _near_before(cand)) and place.precision == 1 else place.precision
        return replace(place, precision=precision, span=span), _CONF["attached"]
    if event.plover_type in _MATERIAL:
        for cand in _candidates(doc, gazetteer):
            if not _modifies_patient(cand, head) or gazetteer.name_kind(cand.text) in {"country", "demonym"}:
                continue
            place = gazetteer.resolve(cand.text, context)
            if place is not None and (cand.label_ in _PLACE_LABELS or _is_city(cand, place, gazetteer)):
                span = Span(offset + cand.start_char, offset + cand.end_char, cand.text)
                return replace(place, span=span), _CONF["sentence"]
        for cand, _ in others:
            place = gazetteer.resolve(cand.text, context)
            if place is None:
                continue
            precision = 2 if _near_before(cand) and place.precision == 1 else place.precision
            span = Span(offset + cand.start_char, offset + cand.end_char, cand.text)
            return replace(place, precision=precision, span=span), _CONF["sentence"]
    if event.plover_type in _MATERIAL:
        if anchor is not None and (focus is None or anchor.country == focus):
            return replace(anchor, precision=max(anchor.precision, 2)), _CONF["dateline"]
        if focus is not None:
            return gazetteer.country_centroid(focus), _CONF["focus"]
    return None, 0.0


def _candidates(doc: Doc, gazetteer: Gazetteer) -> list[SpacySpan]:
    """Place entities, and proper-noun runs after a locative preposition (NER misses many)."""
    found = [ent for ent in doc.ents if ent.label_ in _PLACE_LABELS]
    taken = {t.i for ent in doc.ents if ent.label_ not in _GUESS_LABELS for t in ent}
    runs = [ent for ent in doc.ents if ent.label_ in _GUESS_LABELS]
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_:
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_:
            j += 1
        runs.append(doc[i : j + 1])
        i = j + 1
    for run in runs:
        prep = _prep_of(run)
        named = _names_place_noun(prep) and run.root.dep_ == "pobj" and run.label_ != "PERSON"
        placed = (prep is not None and (prep.lower_ in _LOCATIVE or named)) or (gazetteer.resolve(run.text) is not None)
        if placed and (gazetteer.country(run.text) is None or gazetteer.name_kind(run.text) in {"country", "part"}):
            found.append(run)
    return sorted(found, key=lambda s: s.start)


def _names_place_noun(prep: Token | None) -> bool:
    """ "the town of Umm Batna": the run after a place noun's "of" names that place."""
    return prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS


def _after_locative(cand: SpacySpan) -> bool:
    prep = _prep_of(cand)
    return prep is not None and prep.lower_ in _LOCATIVE


def _modifies_actor(cand: SpacySpan, gazetteer: Gazetteer) -> bool:
    """A country naming whose people act ("U.S. soldiers", "Brazil's drug lord"), not where."""
    root = cand.root
    if root.dep_ not in {"compound", "poss", "amod", "nmod"} or root.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    if root.head.lemma_.lower() in _PLACE_NOUNS:
        return False
    return gazetteer.name_kind(cand.text) in {"country", "demonym"}


def _is_city(cand: SpacySpan, place: Place, gazetteer: Gazetteer) -> bool:
    """A name NER tagged ORG or missed that the gazetteer knows as a large city ("Almaty")."""
    return cand.label_ in {"ORG", ""} and place.precision == 1 and gazetteer.population(place) >= _CITY_POPULATION


def _people(noun: Token) -> bool:
    """A noun naming people ("official", "soldiers", "protesters"), not a building or a body."""
    word = noun.lemma_.lower()
    return word in _PEOPLE_WORDS or SECTOR_WORDS.get(word) in _PEOPLE_SECTORS


def _governor(head: Token) -> Token:
    """The verb governing a trigger: itself, or up from a noun ("in flames", "the attack")."""
    node = head
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
            break
        node = node.head
    return node


def _modifies_patient(cand: SpacySpan, head: Token) -> bool:
    """A place inside the event's object phrase: "stormed the Almaty mayor's office"."""
    root = cand.root
    if root.dep_ not in {"compound", "poss", "nmod"}:
        return False
    noun = root.head
    while noun.dep_ in {"compound", "poss", "nmod"} and noun.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head  # "the Kabul police headquarters", "Almaty mayor's office"
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.lemma_.lower() in _PLACE_NOUNS or _people(noun):
        return False  # "a Raqqa official was killed": whose people, not where
    while noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head  # "the residence and Almaty mayor's office"
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        prep = noun.head  # "set fire to the Kabul police headquarters"
        if prep.lower_ in _LOCATIVE or prep.lower_ == "of":
            return False
        governor = prep.head
    elif noun.dep_ in {"dobj", "nsubjpass"}:
        governor = noun.head
    else:
        return False
    return governor.i in {head.i, _governor(head).i}


def _prep_of(span: SpacySpan) -> Token | None:
    """The preposition governing a place, through "the town of X" and "X's Y"."""
    root = span.root
    if root.dep_ == "poss" and root.head.dep_ == "pobj":
        root = root.head  # "in Syria's Raqqa": Raqqa's preposition
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.dep_ == "pobj":
        root = root.head
    if root.dep_ == "appos" and root.head.dep_ == "pobj":
        root = root.head
    if root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS and prep.head.dep_ == "pobj":
        return prep.head.head  # "in the town of Fotokol"
    return prep


def _attachment(cand: SpacySpan, head: Token, *, direct: bool = False) -> bool | None:
    """None if the place is not where ``head``'s event is; else whether it is only near it."""
    prep = _prep_of(cand)
    if prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS:
        noun = prep.head  # "stormed the village of Mainok"
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.i == head.i and head.lemma_.lower() in _PLACE_VERBS:
            return False
        return None
    if prep is None:
        if cand.root.dep_ in {"dobj", "nsubjpass"} and cand.root.head.i == head.i and cand.root.head.pos_ == "VERB":
            return False if head.lemma_.lower() in _PLACE_VERBS else None  # "patrolled Harare"
        return None
    if prep.lower_ not in _LOCATIVE or any(t.lower_ in _RELATIVE for t in prep.lefts):
        return None
    if prep.lower_ == "of" or prep.head.lower_ in _RELATIVE:
        return None  # "100 km south of Baghdad": a reference point
    # a noun trigger ("fired tear gas", "the protests") takes the places of its governing verb
    verb = head.head if head.pos_ in {"NOUN", "PROPN"} and head.dep_ != "ROOT" else head
    node = prep.head
    for _ in range(8):  # up through nouns and prepositions to the governing verb
        if node.i in {head.i, verb.i}:
            return prep.lower_ in _NEAR
        if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
            break
        node = node.head
    if direct:  # a statement is placed only by its own "in"/"at": "warned ... not to interfere in X"
        return None
    related = {head.i, *(t.i for t in head.conjuncts)}
    if head.dep_ in {"xcomp", "conj", "advcl", "relcl"}:
        related.add(head.head.i)
    related.update(t.i for t in head.children if t.dep_ in {"xcomp", "conj"})
    if node.i in related:
        return prep.lower_ in _NEAR
    return None


def _nearby(cand: SpacySpan, clause: set[int]) -> bool:
    """A place elsewhere in the trigger's clause that is no reference point ("south of X")."""
    prep = _prep_of(cand)
    if prep is not None and (prep.lower_ == "of" or prep.head.lower_ in _RELATIVE or prep.lower_ in {"from", "to"}):
        return False
    return cand.root.dep_ in {"pobj", "compound", "nmod", "npadvmod"} or cand.root.head.i in clause


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
