"""Find and resolve the toponyms of any text, with the document as context.

``find_toponyms(text, gazetteer)`` returns one :class:`Toponym` ``(span, place, score, reason)``
per place name, in text order:

1. Candidates: spaCy entities GPE, LOC and FAC; NORP entities that are demonyms of a country
   ("Kazakh" stands for Kazakhstan); and, because NER often tags a place ORG or PERSON (title
   case headlines, "Almaty mayor's office"), ORG/PERSON entities and runs of capitalised proper
   nouns outside any entity that the gazetteer knows well (a country, continent, region, seat
   of government, a named feature or a place of at least :data:`STRONG_POPULATION`), and the
   places inside other names ("US" in "US dollars", "Russian" in "anti-Russian"). A word of a
   person's name in the same text ("Paul" beside "Paul Ryan") is none. A dateline at the start
   ("ALMATY, Jan 5 (Reuters) -", a town of :data:`DATELINE_POPULATION` if unsigned) is one too.
   The other ORG/PERSON/NORP entities and proper-noun runs are weak candidates (step 4).
2. Context, in rounds: every candidate is first resolved alone (the dateline's country and
   region already in context); the countries, admin-1 and admin-2 regions found that way (a
   dateline, countries named, demonyms, regions, big places) become the document's context,
   and its towns the points that a neighbour may lie near (:data:`~.gazetteer.NEAR_KM`).
3. Every candidate is then resolved again with the evidence of the others
   (:meth:`Gazetteer.explain`; never its own, so "Georgia" cannot vote for itself): a place in
   a context country or region, or near another place, is lifted; a small place outside it, a
   mid-sized town abroad when the story has countries of its own, or one of several similar
   readings gives None with the reason, not a guess of a village. A last round also takes the
   places resolved in context in the round before, so small neighbours confirm each other.
   Names still unresolved (ambiguous, small, or weak candidates) whose readings lie close
   together (:data:`~.gazetteer.NEAR_KM`) confirm each other ("Nelson" and "Castlegar" tagged as
   people are the towns of British Columbia) and are resolved once more with that evidence.
4. A weak candidate (or a part of it) is kept only when it resolves where the story is: in one
   of its admin-1 or admin-2 regions, near one of its places, or a big place of one of its
   countries ("Immokalee" tagged ORG in a Collier County story).

``resolve_spans`` resolves given spans (gold spans, for evaluation) the same way. With
``anchor_unknown`` an unknown span (a street, a building) is placed at the document's main
place at precision 2 with the reason saying so; off by default.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from tocsin.geocode._candidates import PLACE_LABELS, STRONG_POPULATION, STRONG_REASONS, parts, strong_part
from tocsin.geocode._candidates import candidates as find_candidates
from tocsin.geocode._names import key, strip_type_words
from tocsin.geocode._records import NEAR_KM, km
from tocsin.models import Place, Span

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.language import Language
    from spacy.tokens import Doc

    from tocsin.geocode.gazetteer import Gazetteer

__all__ = [
    "DATELINE_POPULATION",
    "STRONG_POPULATION",
    "Toponym",
    "dateline",
    "document_context",
    "find_toponyms",
    "resolve_spans",
]

# Hand-set confidence of each way a toponym is resolved (uncalibrated priors).
_SCORE = {
    "dateline": 0.95,
    "country": 0.95,
    "continent": 0.9,
    "feature": 0.85,
    "region": 0.85,
    "seat of government": 0.8,
    "place in context": 0.85,
    "place": 0.7,
    "near or part of": 0.6,
    "demonym": 0.5,
    "part": 0.4,
    "anchor": 0.3,
}
_BIG_PLACE_BONUS = 0.15
# A dateline in capitals with neither agency nor date ("NAIROBI —") must name a country, region
# or a town this big; a caption opening with a name in capitals ("JEWELL: ...") is not one.
DATELINE_POPULATION = 10_000
# "ALMATY, Jan 5 (Reuters) -", "KYIV, Ukraine (AP) —", "NAIROBI —": a place in capitals, or
# any place followed by an agency or a date, then a dash; also the wire services' "PLEASANTON,
# Calif.--(BUSINESS WIRE)--" (the agency's name may be lost in scraping: "--( )--") and a dash
# without a space after it ("NAIROBI—Police ..."). A hyphen or a colon needs a space after it.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?)(?:,\s*(?P<qual>[A-Z][A-Za-z.\- ]{1,30}?))?"
    r"(?P<date>,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,\s*\d{4})?)?\s*"
    r"(?P<agency>(?:--|[—–])?\s*\((?:[A-Z][\w&.\- ]{0,25}|\s*)\)\s*)?(?:[-:]\s|--|[—–])"
)


class Toponym(NamedTuple):
    """A place name found in a text: its span, the Place (None if unresolved), score, reason."""

    span: Span
    place: Place | None
    score: float
    reason: str


# A first line this short, not ending a sentence, is a headline: the dateline may open the next.
_HEADLINE_CHARS = 160


def dateline(text: str, gazetteer: Gazetteer) -> Toponym | None:
    """The dateline's place ("ALMATY, Jan 5 (Reuters) -"), when the text opens with one, or
    its first line is a headline and the next opens with one."""
    for start in _openings(text):
        found = _dateline_at(text, start, gazetteer)
        if found is not None:
            return found
    return None


def dateline_end(text: str, line: Toponym) -> int:
    """Where the dateline whose place is ``line`` ends, after its dash ("ALMATY, Jan 5 (Reuters) - ")."""
    start = text.rfind("\n", 0, line.span.start) + 1
    match = _DATELINE.match(text[start : start + 200])
    return start + match.end() if match is not None else line.span.end


def _openings(text: str) -> list[int]:
    """Where a dateline may stand: the text's start, and the line after a headline."""
    body = len(text) - len(text.lstrip())
    end = text.find("\n", body)
    if end == -1:
        return [0]
    first = text[body:end].strip()
    headline = 0 < len(first) <= _HEADLINE_CHARS and not first.endswith((".", ":", ";", ","))
    return [0, end + 1] if headline else [0]


def _dateline_at(text: str, start: int, gazetteer: Gazetteer) -> Toponym | None:
    head = text[start : start + 200]
    match = _DATELINE.match(head)
    if match is None:
        return None
    name = match.group("place").strip()
    signed = bool(match.group("agency") or match.group("date"))
    if not (name.isupper() or signed):
        return None
    surface = name.title() if name.isupper() else name
    qual = match.group("qual")
    query = f"{surface}, {qual.title() if qual.isupper() else qual}" if qual else surface
    place = gazetteer.resolve(query)
    if place is None:
        return None
    if not signed and place.precision == 1 and gazetteer.population(place) < DATELINE_POPULATION:
        return None  # "JEWELL: Boyd Carney and ..." opens a caption with a name
    begin = start + match.start("place")
    span = Span(begin, begin + len(name), name)
    return Toponym(span, replace(place, span=span), _SCORE["dateline"], "dateline")


def document_context(resolved: Iterable[Toponym], gazetteer: Gazetteer) -> list[str]:
    """Countries (ISO3), admin-1 and admin-2 codes of a document's resolved toponyms, most named first."""
    counts: Counter[str] = Counter()
    for toponym in resolved:
        place = toponym.place
        if place is None or place.country is None:
            continue
        weight = 3 if toponym.reason == "dateline" else 1
        counts[place.country] += weight
        for code in (gazetteer.admin1_code(place), gazetteer.admin2_code(place)):
            if code is not None:
                counts[code] += weight
    return [name for name, _ in counts.most_common()]


def _resolve(span: Span, label: str, evidence: _Evidence, gazetteer: Gazetteer) -> Toponym:
    context, near = evidence
    place, reason = gazetteer.explain(span.text, context, near)
    if place is None and reason != "demonym" and " " in span.text.strip():
        part = strong_part(span, gazetteer, context, prefix=True)
        if part is not None:
            inner = _resolve(part, label, evidence, gazetteer)
            if inner.place is not None:
                place = replace(inner.place, precision=max(inner.place.precision, 2))
                return Toponym(span, replace(place, span=span), _SCORE["part"], f"part of name ({part.text})")
    if place is None and reason == "demonym":
        place = gazetteer.demonym_place(span.text)
    if place is None:
        return Toponym(span, None, 0.0, reason)
    score = _SCORE.get(reason, 0.5)
    if reason in {"place", "place in context"} and gazetteer.population(place) >= STRONG_POPULATION:
        score = min(0.95, score + _BIG_PLACE_BONUS)
    if label not in PLACE_LABELS and label != "NORP":
        score *= 0.9  # found by the gazetteer, not by NER
    return Toponym(span, replace(place, span=span), round(score, 3), reason)


def _parse(text: str, nlp: Language | None) -> Doc:
    if nlp is None:
        from tocsin.nlp.parse import load_nlp  # noqa: PLC0415 - spaCy only when needed

        nlp = load_nlp()
    return nlp(text)


# The evidence a toponym is resolved with: the document's context codes and the points of its
# other places.
_Evidence = tuple[list[str], list[tuple[float, float]]]


def _trusted(toponym: Toponym, threshold: float) -> bool:
    return toponym.place is not None and (
        toponym.reason in STRONG_REASONS or toponym.reason in {"demonym", "dateline"} or toponym.score >= threshold
    )


def _evidence(
    text: str, resolved: Iterable[Toponym], line: Toponym | None, gazetteer: Gazetteer, threshold: float
) -> _Evidence:
    """The document's context and points leaving out the readings of ``text`` itself ("Georgia"
    must not vote for the country Georgia when Atlanta and the United States say otherwise)."""
    others = [t for t in resolved if t.span.text != text and _trusted(t, threshold)]
    if line is not None and line.span.text != text:
        others.insert(0, line)
    # towns, and regions (not countries or features: they have no admin-1)
    near = [
        (t.place.lat, t.place.lon)
        for t in others
        if t.place
        and (t.place.precision == 1 or (t.place.precision == 3 and t.place.admin1 not in {None, t.place.name}))
        and t.place.lat is not None
        and t.place.lon is not None
    ]
    return document_context(others, gazetteer), near


def _resolve_all(
    candidates: tuple[list[tuple[Span, str]], list[tuple[Span, str]]], line: Toponym | None, gazetteer: Gazetteer
) -> list[Toponym]:
    """Steps 2 to 4 of the module docstring: each candidate resolved with the others' evidence.

    The first round takes only what stands alone (countries, regions, big places, the dateline);
    later rounds also take places resolved in context, so that small neighbours confirm each
    other ("Rockingham" by Safety Bay). Weak candidates come last and stay only when local.
    """
    strong, weak = candidates
    seed: _Evidence = (document_context([line], gazetteer), []) if line else ([], [])
    resolved = [_resolve(span, label, seed, gazetteer) for span, label in strong]
    for threshold in _ROUNDS:
        memo: dict[str, _Evidence] = {}
        previous = resolved
        resolved = []
        for span, label in strong:
            if span.text not in memo:
                memo[span.text] = _evidence(span.text, previous, line, gazetteer, threshold)
            resolved.append(_resolve(span, label, memo[span.text], gazetteer))
    extra: list[Toponym] = []
    chosen = _close_together(strong, weak, resolved, gazetteer)
    if chosen:  # one more round, with the evidence of the names that lie close together
        pinned = [
            Toponym(span, replace(chosen[span.text], span=span), _SCORE["place in context"], "place in context")
            for span, _ in (*strong, *weak)
            if span.text in chosen
        ]
        evidence = [t for t in resolved if t.place is not None] + pinned
        resolved = [
            _resolve(span, label, _evidence(span.text, evidence, line, gazetteer, _ROUNDS[-1]), gazetteer)
            for span, label in strong
        ]
        extra = [t for t in pinned if not any(t.span == s for s, _ in strong)]
    taken = [t.span for t in resolved] + ([line.span] if line else [])
    for span, label in weak:
        toponym = _local(span, label, resolved + extra, line, gazetteer)
        if toponym is not None and not any(_overlaps(toponym.span, other) for other in taken):
            resolved.append(toponym)
            taken.append(toponym.span)
    return resolved


def _close_together(
    strong: list[tuple[Span, str]], weak: list[tuple[Span, str]], resolved: list[Toponym], gazetteer: Gazetteer
) -> dict[str, Place]:
    """Readings of names left unresolved (ambiguous, small, or weak candidates) that lie within
    :data:`NEAR_KM` of a reading of another such name: the spatial minimality of geoparsers.
    "Nelson", "Castlegar" and "Creston" (tagged as people) are the towns of British Columbia,
    and they then lend the story its country and region. A name with several such readings
    takes the one most names support, then the first (biggest)."""
    names = [s.text for (s, _), t in zip(strong, resolved, strict=True) if t.place is None and t.reason in _CLOSE]
    names += [s.text for s, _ in weak if _WEAK_NAME.fullmatch(s.text)]
    readings = {name: gazetteer.readings(name) for name in dict.fromkeys(names)}
    readings = {name: places for name, places in readings.items() if places}
    if len(readings) < 2:  # one name cannot confirm itself
        return {}
    chosen: dict[str, Place] = {}
    for name, places in readings.items():
        best: tuple[int, Place] | None = None
        for place in places:
            support = sum(
                any(_km(place.lat, place.lon, p.lat or 0.0, p.lon or 0.0) <= NEAR_KM for p in theirs)
                for other, theirs in readings.items()
                if other != name and other not in name and name not in other
            )
            if support and (best is None or support > best[0]):
                best = (support, place)
        if best is not None:
            chosen[name] = best[1]
    return chosen


# Why a strong candidate was left unresolved, when names close to it may place it.
_CLOSE = frozenset({"ambiguous", "small place out of context", "out of context"})
# A weak candidate that may be a place close to another: one to three capitalised words.
_WEAK_NAME = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}")


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _local(
    span: Span, label: str, resolved: list[Toponym], line: Toponym | None, gazetteer: Gazetteer
) -> Toponym | None:
    """A weak candidate (or a part of it) resolved, when it lies where the story is: in one of its
    admin-1 or admin-2 regions or near one of its places ("Immokalee" in a Collier County story,
    "Cirencester" tagged PERSON beside Cheltenham), or is a big place of one of its countries;
    else None."""
    # a word of a person's name is no place ("Jordan" of "Andrew Jordan", "Tyler" of "Tyler
    # Williams"), though the whole name may be one ("Klamath Falls" tagged PERSON)
    for part in [span, *(parts(span) if " " in span.text and label != "PERSON" else [])]:
        evidence = _evidence(part.text, resolved, line, gazetteer, _ROUNDS[-1])
        toponym = _resolve(part, label, evidence, gazetteer)
        place = toponym.place
        codes, near = evidence
        if place is not None and (toponym.reason in _ANYWHERE or gazetteer.name_kind(part.text) == "capital"):
            return toponym  # "Azerbaijani" that NER took for a person, "France" of "Air France", "Tunis"
        if place is not None and toponym.reason == "region" and place.country in codes:
            return toponym  # "Benue State" in a Nigerian story; not "Chihuahua" puppies in Canada
        if place is None or toponym.reason != "place in context":
            continue
        if (
            gazetteer.admin1_code(place) in codes
            or gazetteer.admin2_code(place) in codes
            or any(_km(place.lat, place.lon, lat, lon) <= NEAR_KM for lat, lon in near)
            or gazetteer.population(place) >= STRONG_POPULATION  # big, in a context country
        ):
            return Toponym(part, place, round(toponym.score * _WEAK_FACTOR, 3), toponym.reason)
    return None


def _km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float:
    return math.inf if lat1 is None or lon1 is None else km(lat1, lon1, lat2, lon2)


# How a weak candidate may resolve wherever the story is.
_ANYWHERE = frozenset({"country", "continent", "feature", "demonym", "seat of government"})
# A weak candidate found local is less sure than one NER called a place.
_WEAK_FACTOR = 0.9

# Score a toponym needs to lend its country and point to the others, round by round.
_ROUNDS = (0.85, 0.7)


# ", Washington", ", Va.", ", SC": a qualifier after a town; then no more names of a list.
_COMMA = re.compile(r",[ \t]*")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,4}\.(?:[A-Z][a-z]?\.)?|[A-Z]{2}\b")
_LIST_GOES_ON = re.compile(
    r"[ \t]+(?:and|or|&)[ \t]+[A-Z]|,[ \t]*[A-Z][\w'’.]*(?:[ \t]+[A-Z][\w'’.]*)*[ \t]+(?:and|or|&)[ \t]+[A-Z]"
)


def _qualified(text: str, resolved: list[Toponym], gazetteer: Gazetteer) -> list[Toponym]:
    """Towns with a qualifier ("Tacoma, Washington", "Gainesville, Va.") resolved inside it, and
    the qualifier as the region or country that holds the town (the state, not Washington, D.C.).
    A list ("Washington, New York and Boston") is no town with its qualifier."""
    by_start = {t.span.start: i for i, t in enumerate(resolved)}
    out = list(resolved)
    for i, toponym in enumerate(resolved):
        comma = _COMMA.match(text, toponym.span.end)
        if comma is None or toponym.reason in STRONG_REASONS:
            continue
        j = by_start.get(comma.end())
        abbreviation = _ABBREVIATION.match(text, comma.end())
        qual = resolved[j].span.text if j is not None else abbreviation.group() if abbreviation else None
        if qual is None or _LIST_GOES_ON.match(text, comma.end() + len(qual)):
            continue
        place = gazetteer.resolve(f"{toponym.span.text}, {qual}")
        if place is None or place.precision != 1:
            continue
        held = gazetteer.resolve(qual, [c for c in (gazetteer.admin1_code(place), place.country) if c])
        if (
            held is None
            or held.precision != 3
            or held.geonames_id is None  # a feature ("Croft, Yorkshire") does not hold it
            or held.country != place.country
            or held.admin1 not in {None, place.admin1}
        ):
            continue  # not a qualifier that holds the town ("Clarinda, Axne said")
        out[i] = Toponym(
            toponym.span, replace(place, span=toponym.span), _SCORE["place in context"], "place in context"
        )
        if j is not None:
            out[j] = Toponym(
                resolved[j].span, replace(held, span=resolved[j].span), resolved[j].score, resolved[j].reason
            )
    return out


# "Utah, Virginia, Washington and Wyoming": list separators; "Washington state", "the state of X".
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_STATE_AFTER = re.compile(r"\s+state\b")
_STATE_BEFORE = re.compile(r"\bstate\s+of\s+$")


def _is_admin1(place: Place | None) -> bool:
    return place is not None and place.precision == 3 and place.admin1 is not None and place.admin1 == place.name


def _read_as_regions(text: str, resolved: list[Toponym], line: Toponym | None, gazetteer: Gazetteer) -> list[Toponym]:
    """Names that the story reads as admin-1 regions, not as the towns of the same name:
    "Washington state" and "the state of Washington"; a name in a list of regions of one country
    ("Utah, Virginia, Washington and Wyoming", "Kansas and Ohio"); a name of the dateline's region
    ("Washington" under "CAMP MURRAY, Wash.")."""
    order = sorted(range(len(resolved)), key=lambda i: resolved[i].span.start)
    out = list(resolved)
    home = line.place if line is not None and _is_admin1(line.place) else None
    for n, i in enumerate(order):
        toponym = resolved[i]
        if toponym.reason in STRONG_REASONS or _is_admin1(toponym.place):
            continue
        countries: list[str] = []
        if _STATE_AFTER.match(text, toponym.span.end) or _STATE_BEFORE.search(text[: toponym.span.start]):
            countries = [c for c in (toponym.place.country if toponym.place else None, "USA") if c]
        else:
            countries = _list_countries(text, [resolved[j] for j in order], n)
        if home is not None and home.country is not None and home.name == toponym.span.text:
            countries.append(home.country)
        for country in countries:
            region = gazetteer.admin1_region(toponym.span.text, country)
            if region is not None:
                place = replace(region, span=toponym.span)
                out[i] = Toponym(toponym.span, place, _SCORE["region"], "region")
                break
    return out


def _list_countries(text: str, ordered: list[Toponym], n: int) -> list[str]:
    """The country of the admin-1 regions that the n-th toponym is listed with, if it is in a list
    (three names or more, or two joined by "and"/"or") whose other names are mostly such regions."""
    run = [n]
    for step in (-1, 1):
        j = n
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            gap = _LIST_SEPARATOR.fullmatch(text, a.span.end, b.span.start)
            if gap is None:
                break
            j += step
            run.append(j)
    run.sort()
    joined = any(
        re.search(r"\b(?:and|or)\b|&", text[ordered[a].span.end : ordered[b].span.start]) for a, b in pairwise(run)
    )
    if len(run) < 2 or (len(run) < 3 and not joined):
        return []
    places = [ordered[j].place for j in run if j != n]
    regions = Counter(place.country for place in places if place is not None and _is_admin1(place))
    if not regions:
        return []
    country, count = regions.most_common(1)[0]
    return [country] if country and 2 * count >= len(run) - 1 else []


def _context_of(
    text: str, candidates: tuple[list[tuple[Span, str]], list[tuple[Span, str]]], gazetteer: Gazetteer
) -> tuple[list[Toponym], Toponym | None]:
    """Every candidate resolved in the document's context, and the dateline."""
    line = dateline(text, gazetteer)
    resolved = _resolve_all(candidates, line, gazetteer)
    regions = _read_as_regions(text, _qualified(text, resolved, gazetteer), line, gazetteer)
    return _bare_regions(regions, regions, gazetteer), line


def _inside(place: Place, region: Place, gazetteer: Gazetteer) -> bool:
    """Whether a town lies in an admin-1 or admin-2 region."""
    code = gazetteer.admin2_code(region)
    if code is not None:
        return gazetteer.admin2_code(place) == code
    return gazetteer.admin1_code(place) is not None and gazetteer.admin1_code(place) == gazetteer.admin1_code(region)


def _bare_regions(resolved: list[Toponym], named: Iterable[Toponym], gazetteer: Gazetteer) -> list[Toponym]:
    """A region's bare name in a story that names it in full is that region ("Suffolk" after
    "Suffolk County" is the county, not Suffolk, Virginia; "Nyanza" after "Nyanza Province" the
    former Kenyan province, not the Rwandan town): one sense per story. A country or
    region read so on its own, a big town ("Washington" beside "Washington County") or a town
    inside the region ("Frederick, Maryland" beside Frederick County) keeps its reading."""
    regions: dict[str, tuple[Place, str]] = {}
    for toponym in named:
        base, kind = strip_type_words(toponym.span.text)
        if toponym.reason in {"region", "feature"} and toponym.place is not None and kind == "admin":
            regions.setdefault(key(base), (toponym.place, toponym.reason))
    if not regions:
        return resolved
    out = []
    for toponym in resolved:
        region, reason = regions.get(key(toponym.span.text), (None, ""))
        place = toponym.place
        if (
            region is not None
            and toponym.reason not in STRONG_REASONS
            and (place is None or gazetteer.population(place) < STRONG_POPULATION)
            and not (place is not None and _inside(place, region, gazetteer))
        ):
            out.append(Toponym(toponym.span, replace(region, span=toponym.span), _SCORE[reason], reason))
        else:
            out.append(toponym)
    return out


def find_toponyms(
    text: str,
    gazetteer: Gazetteer,
    *,
    nlp: Language | None = None,
    doc: Doc | None = None,
    anchor_unknown: bool = False,
) -> list[Toponym]:
    """Every toponym of ``text`` with its place (or None), score and reason, in text order.

    With ``anchor_unknown`` a name NER calls a place (GPE, LOC, FAC), or that names a street or
    building, that the gazetteer does not know or will not guess ("Uhuru Park", "Royal Street",
    "Delft" in a Cape Town story) is placed at the document's main place at precision 2, as
    :func:`resolve_spans` does.
    """
    doc = doc if doc is not None else _parse(text, nlp)
    found = find_candidates(doc, gazetteer)
    out, line = _context_of(text, found, gazetteer)
    overlapped = [t for t in out if line is not None and _overlaps(t.span, line.span)]
    if line is not None and all(t.place is not None for t in overlapped):
        # the dateline's own reading stands for the place it overlaps ("CAIRO -"), so that it
        # weighs as a dateline in the story's main place; an unknown head ("CAMP MURRAY, Wash.")
        # stays unknown, to be anchored
        out = [t for t in out if t not in overlapped] + [line]
    out.sort(key=lambda t: t.span.start)
    if anchor_unknown and (anchor := _anchor(out, gazetteer)) is not None:
        named = {(span.start, span.end) for span, label in found[0] if label in PLACE_LABELS}
        out = [
            _at(t.span, _nearby_town(text, t.span, out) or anchor, t.reason)
            if t.place is None and t.reason in _ANCHORABLE and (t.span.start, t.span.end) in named
            else t
            for t in out
        ]
    return out


# Why a place name was left unresolved, when the document's main place may stand in for it.
_ANCHORABLE = frozenset(
    {"unknown", "small place out of context", "out of context", "ambiguous", "small region out of context"}
)


def _nearby_town(text: str, span: Span, found: Iterable[Toponym]) -> Place | None:
    """The town named next to ``span`` in its sentence ("Royal Street in Bywater", "the Convention
    Centre, Dublin"): the closest within :data:`_NEARBY_CHARS` with no sentence end between."""
    best: tuple[int, Place] | None = None
    for toponym in found:
        place = toponym.place
        if (
            place is None
            or place.precision != 1
            or toponym.reason not in {"place in context", "dateline"}
            or _overlaps(toponym.span, span)
        ):
            continue
        gap = (
            text[span.end : toponym.span.start]
            if toponym.span.start >= span.end
            else text[toponym.span.end : span.start]
        )
        if len(gap) > _NEARBY_CHARS or _SENTENCE_END.search(gap):
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), place)
    return best[1] if best else None


# How far from an unknown name a town may stand to place it; a full stop between them forbids it.
_NEARBY_CHARS = 40
_SENTENCE_END = re.compile(r"[.!?;:]\s|\n")


def _at(span: Span, anchor: Place, reason: str) -> Toponym:
    """A name placed at the document's main place ``anchor``, near it (precision 2 at least)."""
    place = replace(anchor, precision=max(anchor.precision, 2), span=span)
    return Toponym(span, place, _SCORE["anchor"], f"anchor ({reason}: at {anchor.name})")


def _anchor(toponyms: Iterable[Toponym], gazetteer: Gazetteer) -> Place | None:
    """The document's main place: the dateline's town, else the town best supported by the
    document, else region, else country.

    A dateline names the town the story was filed from, and the streets, schools and suburbs it
    does not explain are around it ("CAIRO -" over Liverpool, a football club named eight times:
    GeoWebNews dev). Without one, a town's support is its own mentions, plus the mentions of other
    places in its region (the region named itself counts 2, a region's dateline 3) or towns near it
    (:data:`NEAR_KM`) and a quarter of those in its country, so that a town named once in a story
    full of its state beats a namesake abroad named twice ("New Orleans" in a Louisiana story, not
    the Washington Square of Philadelphia); ties go to the bigger town. Failing towns, the region
    or country of the most named country wins.
    """
    towns: dict[tuple[str, int | None], Place] = {}
    own: Counter[tuple[str, int | None]] = Counter()
    sizes: dict[tuple[str, int | None], int] = {}
    regions: Counter[tuple[str | None, str | None]] = Counter()
    countries: Counter[str | None] = Counter()
    coarse: Counter[tuple[str, int | None]] = Counter()
    coarse_places: dict[tuple[str, int | None], Place] = {}
    toponyms = list(toponyms)
    for toponym in toponyms:
        if toponym.reason == "dateline" and toponym.place is not None and toponym.place.precision == 1:
            return toponym.place
    for toponym in toponyms:
        place = toponym.place
        if place is None or toponym.reason == "anchor" or toponym.reason.startswith("part of"):
            continue
        weight = 3 if toponym.reason == "dateline" else 1
        ident = (place.name, place.geonames_id)
        countries[place.country] += weight
        if place.admin1 is not None:
            regions[(place.country, place.admin1)] += weight * (2 if place.precision == 3 else 1)
        if place.precision == 1:
            towns[ident] = place
            own[ident] += weight
            sizes[ident] = gazetteer.population(place)
        else:
            rank = 3 if place.admin1 is None else 2
            coarse[ident] += weight * (10 if rank == 2 else 1)
            coarse_places[ident] = place

    def support(ident: tuple[str, int | None]) -> tuple[float, int]:
        town = towns[ident]
        others = regions[(town.country, town.admin1)] - own[ident] if town.admin1 is not None else 0
        near = sum(
            own[other]
            for other, place in towns.items()
            if other != ident
            and (town.admin1 is None or place.admin1 != town.admin1)
            and _km(town.lat, town.lon, place.lat or 0.0, place.lon or 0.0) <= NEAR_KM
        )
        return own[ident] + others + near + 0.25 * countries[town.country], sizes[ident]

    if towns:
        return towns[max(towns, key=support)]
    if coarse:  # a region before its country, a country before a continent or sea
        best = max(
            coarse,
            key=lambda ident: (
                coarse_places[ident].country is not None,
                countries[coarse_places[ident].country],
                coarse[ident],
            ),
        )
        return coarse_places[best]
    return None


def resolve_spans(
    text: str,
    spans: Iterable[Span],
    gazetteer: Gazetteer,
    *,
    nlp: Language | None = None,
    doc: Doc | None = None,
    anchor_unknown: bool = False,
) -> list[Toponym]:
    """Resolve given spans of ``text`` (e.g. gold toponyms) with the document as context."""
    doc = doc if doc is not None else _parse(text, nlp)
    found = find_toponyms(text, gazetteer, doc=doc)
    line = next((t for t in found if t.reason == "dateline"), None)
    known = {(t.span.start, t.span.end): t for t in found}
    anchor = _anchor(found, gazetteer) if anchor_unknown else None
    memo: dict[str, _Evidence] = {}
    out = []
    for span in spans:
        toponym = known.get((span.start, span.end))
        if toponym is None:
            if span.text not in memo:
                memo[span.text] = _evidence(span.text, found, line, gazetteer, _ROUNDS[-1])
            toponym = _resolve(span, "GPE", memo[span.text], gazetteer)
        out.append(toponym)
    out = _read_as_regions(text, out, dateline(text, gazetteer), gazetteer)
    out = _bare_regions(out, [*found, *out], gazetteer)
    if anchor is not None:
        out = [
            _at(t.span, _nearby_town(text, t.span, found) or anchor, t.reason) if t.place is None else t for t in out
        ]
    return out
