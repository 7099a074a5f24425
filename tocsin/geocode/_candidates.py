"""Step 1 of ``toponyms``: the toponym candidates of a parsed text.

:func:`candidates` returns the strong candidates, resolved and lending their context to the
others, and the weak ones, kept only where the story is (see ``toponyms``'s module docstring).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tocsin.geocode._names import DIRECTION_WORDS, FACILITY_WORDS, key
from tocsin.models import Place, Span

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token

    from tocsin.geocode.gazetteer import Gazetteer

__all__ = [
    "PLACE_LABELS",
    "STRONG_POPULATION",
    "STRONG_REASONS",
    "candidates",
    "own_name",
    "parts",
    "strong_part",
]

# A place this big is a toponym even when NER missed it or called it ORG/PERSON ("Karachi shuts
# down" in a headline); smaller names must be tagged GPE/LOC/FAC.
STRONG_POPULATION = 100_000
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_GUESS_LABELS = frozenset({"ORG", "PERSON"})
_PART_LABELS = frozenset({"FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "MONEY"})
STRONG_REASONS = frozenset({"country", "continent", "region", "feature", "seat of government"})


def candidates(doc: Doc, gazetteer: Gazetteer) -> tuple[list[tuple[Span, str]], list[tuple[Span, str]]]:
    """``(span, label)`` of every toponym candidate, by step 1 of the module docstring: the
    strong ones, and the weak ones kept only when the document's context places them (step 4)."""
    found: list[tuple[Span, str]] = []
    weak: list[tuple[Span, str]] = []
    taken: set[int] = set()
    people = _person_words(doc)
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
        label = ent.label_
        span = Span(ent.start_char, ent.end_char, ent.text)
        if not any(c.isupper() for c in ent.text):
            continue  # "bush", "the west": not a name
        if label == "NORP" and gazetteer.name_kind(ent.text) != "demonym":
            if gazetteer.explain(ent.text)[1] == "continent":  # "European", "African"
                found.append((span, label))
            else:  # "anti-Russian", "Austro-Hungarian", "Russian-European"
                found.extend((piece, label) for piece in _hyphen_pieces(span, gazetteer))
                weak.append((span, label))
            continue
        if label in PLACE_LABELS or label == "NORP":
            found.append((span, label))
        elif label in _GUESS_LABELS and ent.text in people:
            continue  # "Paul" of "Paul Ryan", "Chen" of "Chen Guangcheng"
        elif label in _GUESS_LABELS and _strong(ent.text, gazetteer, guess=True):
            found.append((span, label))
        elif label in _GUESS_LABELS or label in _PART_LABELS:
            # "the Honolulu Star-Advertiser", "the Russian Foreign Ministry": the place inside
            # a person's name may hold a place ("Seattle Seahawks") or not ("Mary Ann"): weak
            part = strong_part(span, gazetteer) if label != "PERSON" else None
            if part is not None:
                found.append((part, "PART"))
            elif _facility(span.text):
                found.append((span, "FAC"))  # "Barclays Center", "Royal Street" tagged ORG
            else:
                weak.append((span, label))
    run: list[int] = []
    for token in [*doc, None]:
        if token is not None and token.i not in taken and _proper(token):
            run.append(token.i)
            continue
        if run:
            tokens = doc[run[0] : run[-1] + 1]
            span = Span(tokens.start_char, tokens.end_char, tokens.text)
            if _facility(span.text):
                found.append((span, "FAC"))
            elif span.text in people or _compass_in_name(doc, run[0], run[-1]):
                pass
            elif _strong(span.text, gazetteer, guess=True):
                found.append((span, "PROPN"))
            else:  # its parts too: "France" of "Air France KLM" (step 4)
                weak.append((span, "PROPN"))
            run = []
    for match in _ROAD.finditer(doc.text):  # "the A417", "Interstate 95", "Route 1"
        road = Span(match.start(), match.end(), match.group())
        if not any(road.start < span.end and span.start < road.end for span, _ in found):
            found.append((road, "FAC"))
    found.sort(key=lambda c: c[0].start)
    return found, weak


# Numbered roads: British A/B/M roads, US interstates, routes and highways.
_ROAD = re.compile(
    r"\b(?:(?:(?<=the )|(?<=via )|(?<=on )|(?<=, )|(?<=and ))(?:[AM][1-9]\d{0,3}|B[1-9]\d{2,3})(?:\(M\))?\b"
    r"|[ABM][1-9]\d{0,3}(?=\s+(?:road|southbound|northbound|eastbound|westbound|carriageway|junction)\b)"
    r"|(?:Interstate|I-|Route|Highway|Hwy\.?|State Route|U\.S\. Route|US Route)[ -]?[1-9]\d{0,2}\b)"
)


def _proper(token: Token) -> bool:
    """A proper noun, or a word in capitals that NER's tagger took for a common one ("IMMOKALEE")."""
    text = token.text
    return (token.pos_ == "PROPN" and text[:1].isupper()) or (len(text) > 3 and text.isupper() and text.isalpha())


def _compass_in_name(doc: Doc, first: int, last: int) -> bool:
    """Whether tokens ``first..last`` are compass words beside another capitalised word: a
    part of a name NER took apart ("West" of "Mashonaland West", "West Surrey Racing"), not
    "the West" alone."""
    if not set(key(doc[first : last + 1].text).split()) <= DIRECTION_WORDS:
        return False
    return any(0 <= i < len(doc) and doc[i].text[:1].isupper() for i in (first - 1, last + 1))


def _facility(text: str) -> bool:
    """A name that ends in (or opens with) a word for a street, building or site of several words:
    "Royal Street", "Barclays Center", "Hotel Kyjev" (not "Whole Foods")."""
    words = key(text).split()
    return len(words) > 1 and (words[-1] in FACILITY_WORDS or words[0] in FACILITY_WORDS)


def _person_words(doc: Doc) -> set[str]:
    """The words of the document's names of people ("Paul", "Ryan" of "Paul Ryan")."""
    return {token.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}


def _hyphen_pieces(span: Span, gazetteer: Gazetteer) -> list[Span]:
    """The demonyms of a hyphenated word: "Russian" and "European" of "Russian-European"; a
    compass word only so ("anti-Western", not "Western" of "Western Australian")."""
    return [
        Span(span.start + match.start(), span.start + match.end(), match.group())
        for match in re.finditer(r"[A-Z][\w'’]+", span.text)
        if match.group() != span.text
        and ("-" in span.text or key(match.group()) not in DIRECTION_WORDS)
        and gazetteer.explain(match.group())[1] in {"demonym", "continent"}
    ]


def _strong(text: str, gazetteer: Gazetteer, *, guess: bool = False) -> bool:
    """Whether the gazetteer knows a name well enough to take it alone; for a name NER did not
    call a place (``guess``) a big city must be named by its own name ("Levi" is no Lévis)."""
    place, reason = gazetteer.explain(text)
    if place is None:
        return False
    if reason in STRONG_REASONS:
        return True
    return (not guess or own_name(text, place)) and gazetteer.population(place) >= STRONG_POPULATION


_WORD = re.compile(r"[A-Z][\w.'’]*(?:-[A-Z][\w.'’]*)*")
_PART_MIN_POPULATION = 20_000
_FEATURE = re.compile(
    r"\b(?:Ocean|Sea|Delta|Peninsula|River|Gulf|Bay|Lake|Mountains?|Valley|Desert|Coast|Island|Islands|Strait)\b"
)
# A street is named after a place elsewhere ("Atlantic Avenue", "Northumberland Avenue", "Victoria
# St."): its leading word does not place it.
_STREET = re.compile(
    r"\b(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Drive|Boulevard|Blvd\.?|Highway|Way|Place|Crescent|Terrace)$"
)


def parts(span: Span) -> list[Span]:
    """The runs of capitalised words inside a multi-word span, longest first, then leftmost; not
    compass words alone ("West" is the Western world on its own, a direction in "West Wing",
    "Mashonaland West" or "Western Blot")."""
    words = list(_WORD.finditer(span.text))
    whole = bool(words) and span.text[words[0].start() : words[-1].end()] == span.text.strip()
    out = []
    # all the capitalised words are a part too when the span has others ("15 billion US dollars")
    for size in range(len(words) - 1 if whole else len(words), 0, -1):
        for i in range(len(words) - size + 1):
            first, last = words[i], words[i + size - 1]
            if span.text[first.start() : last.end()].count(" ") != size - 1:
                continue  # not adjacent words ("Embassy of the Republic")
            text = span.text[first.start() : last.end()]
            if size > 1 or not text.endswith("."):
                text = text.rstrip(".")  # "Calif." keeps its dot, a sentence end does not
            start = span.start + first.start()
            out.append(Span(start, start + len(text), text))
    return [p for p in out if p.text and not set(key(p.text).split()) <= DIRECTION_WORDS]


def strong_part(span: Span, gazetteer: Gazetteer, context: Iterable[str] = (), *, prefix: bool = False) -> Span | None:
    """The longest part of a name that is a known place on its own ("Cavan County Council").

    With ``prefix`` (resolving a whole name by its part) only a leading part counts, or a country,
    region or continent after a last "of" ("Bank of Mexico"), not a demonym ("the Russian
    Embassy" is in Washington), and never that of a natural feature
    ("Niger Delta", "Indian Ocean" lie far from Niger and India), nor that of a street
    ("Atlantic Avenue").
    """
    ctx = list(context)
    if prefix and (_FEATURE.search(span.text) or _STREET.search(span.text.strip())):
        return None
    first = _WORD.search(span.text)
    for part in parts(span):
        of_place = prefix and _OF.search(span.text[: part.start - span.start]) and part.end == span.end
        if prefix and (first is None or part.start != span.start + first.start()) and not of_place:
            continue
        place, reason = gazetteer.explain(part.text, ctx)
        if of_place and (reason not in _OF_REASONS or _ABROAD.search(span.text)):
            continue  # "Bank of Mexico"; not "Mall of Asia", nor the "Embassy of Armenia" abroad
        if reason == "demonym" and not prefix:
            return part
        if place is not None and reason in STRONG_REASONS:
            return part
        if place is not None and reason == "place in context" and gazetteer.population(place) >= _PART_MIN_POPULATION:
            return part
        if place is not None and gazetteer.population(place) >= STRONG_POPULATION:
            return part
    return None


# "Bank of", "University of the": a name whose last words, after "of", name a country or region.
_OF = re.compile(r"\s(?:of|of the)\s+$")
_OF_REASONS = frozenset({"country", "region"})
_ABROAD = re.compile(r"\b(?:Embassy|Consulate|High Commission|Mission)\b")


def own_name(text: str, place: Place) -> bool:
    """Whether ``text`` is the place's own name ("Seattle"), not an old or foreign one ("Sam")."""
    return key(place.name) in {key(text), key(text.removesuffix("'s")), f"{key(text)} city"}
