"""The event's place among the places a sentence mentions, and the article's focus country.

Each place name of the sentence (:func:`_candidates`) is linked to the event's trigger through
the parse (:func:`_link`), from the name up its chain of heads:

1. tier 0, attached: the chain reaches the trigger (or, for a noun trigger, the verb governing
   it) through a locative preposition ("killed in X", "protests outside X", "an attack on a
   post in X killed ..."), a place noun ("the town of X", "X district"), or as the object of a
   verb whose object is a place ("shelled X", "stormed the village of X"). For material events
   a city modifying the event's object counts too ("set fire to the Kabul police
   headquarters"); a country or demonym there does not ("stormed the French embassy").
2. tier 1, the trigger's scene: the chain reaches a verb sharing the trigger's scene (its
   conjuncts, the verb it depends on as "..., killing 20", or an "In X, ..." opening a
   sentence whose main verb governs the trigger).
3. tier 2, for material events only: another place of the sentence near the trigger's clause.

A chain through people ("U.S. forces in Najaf", "a Raqqa official", "residents of X") places
them, not the event, and ends the link; so do other clauses, origins ("from X") and the objects
of non-locative prepositions ("the battle for X"). A place after "south of", "20 km from" is a
reference point: it is linked, but any other linked place comes first, and it is placed at
precision 2. Among places of one tier the most specific wins ("in Spain's Barcelona", "the Homs
district of Baba Amr", "in Mosul, Iraq"): a village, district or building name the gazetteer
lacks over a town, a town over a region, a region over a country. An unknown name takes the
coordinates of the best known place linked with it at precision 2 ("Adil neighbourhood in
western Baghdad"), else the focus country's at precision 3.

With the trained scorer shipped (``_place_model.py``, ``tocsin/data/models/places.json``) the
rules' verdicts become features: every name of the sentence, linked or not (names NER calls people
or bodies too), is scored by a small ranker from its tier, rank, specificity, label, preposition,
dependency path, the names it lies in or holds, the words around it and its own words, and a gate
decides from the best one and the sentence whether the event is placed in its sentence at all (no
place for "captured her 41st title in Rome", "the war has killed 100,000"). The dateline and the
event's actors are never its place.

Without a chosen place, a material event falls back to the article's dateline place (precision
2 at least), then its focus country (precision 3). Verbal events (statements, demands, threats)
are placed only by their own preposition, never where they are about.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from ..models import Article, Event, Place, Span
from ._place_model import (
    PlaceModel,
    candidate_features,
    gate_features,
    gate_inputs,
    load_place_model,
    nesting_features,
    sentence_features,
)
from .actors import SECTOR_WORDS
from .embed import load_embedder

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from ..geocode import Gazetteer

__all__ = ["Candidate", "candidate_table", "focus_country", "place_of"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# how a trigger's clause hangs from a verb whose scene it shares, and a noun trigger from its verb
_TIME_NOUNS = frozenset({"day", "night", "evening", "morning", "afternoon", "time", "week", "moment", "hour", "hours"})
_NOMINAL = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr"})  # a noun the tagger took for a verb
_SCENE_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp"})
_UP_TO_VERB = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "compound", "conj", "amod", "nmod"})
_MATERIAL = frozenset({"PROTEST", "ASSAULT", "COERCE", "RETREAT", "MOBILIZE"})
# Prepositions that say where something is. "from", "to" and "between" are left out:
# on the Halterman (2019) dev set a place after them is the event's place in under 1 of 5 cases
# (origins, destinations, "fighting between X and Y").
_LOCATIVE = _words(
    """
    in at on across throughout inside near outside around over along within through off beside amid into
    upon nearby underneath beneath behind
    """
)
_NEAR = frozenset({"near", "outside", "around", "nearby", "beside", "off"})
# Prepositions a located phrase may hang from on its way up to the trigger ("attack on a post in
# X"): any but those naming an agent, an origin, a comparison, a topic or a purpose.
_NOT_THROUGH = _words("from without like as than about despite for against")
_MEDIA = _words("video footage image picture photo photograph report dispatch broadcast")
# "the town of X" (X names the noun) and "the outskirts of X" (X holds it): either way X is the
# place the noun's preposition locates.
_PLACE_NOUNS = _words(
    """
    town city village province region district neighborhood neighbourhood suburb suburbs area areas
    capital state county camp settlement settlements villages towns cities port governorate
    municipality outskirts centre center street streets road sector part parts perimeter hometown
    quarter quarters countryside locality localities commune community island islands coast border
    heart downtown districts neighborhoods neighbourhoods provinces regions valley mountains hills
    desert strip enclave territory territories side edge entrance outskirt vicinity west east north
    south ward subdistrict prefecture township hamlet zone axis flank front frontline slope slopes
    environs city-center middle corner yard corridor tip shore shores banks waters half third thirds
    percent portion section sections stronghold bastion hillside hilltop foothills fringes
    battlefields skies airspace doorstep gates gate basement lobby terminals home residence house
    rest remainder interior surroundings periphery limits approaches resort resorts seat slum slums
    peninsula plateau hinterland
    """
)
# The last word of a name that makes it a place even when NER calls it ORG or PERSON.
_PLACE_HEADS = _words(
    """
    district governorate province region county square street road avenue checkpoint airbase airport
    base camp hospital university college school hotel mosque church market bridge dam valley
    mountains mountain hill hills gorge village city town quarter neighborhood neighbourhood
    refinery prison stadium crossing highway port island islands coast strait sea ocean river lake
    desert farms orchards complex academy barracks palace roundabout junction plain plains peninsula
    gulf bay heights park ward lga state field fields canal station compound tower towers plaza
    court garden gardens courthouse center centre
    """
)
_BUILDINGS = _words(
    """
    hall hospital mosque church embassy consulate restaurant terminal hotel school university
    college academy palace prison stadium station tower towers complex compound court courthouse
    center centre headquarters building office cafe club bar house museum temple shrine cathedral
    library bank mall theater theatre cinema market airport base airbase barracks bazaar
    """
)
_BUILDING_RANK = 2
_REGION_WORDS = _words("region province governorate state county countryside prefecture oblast")
# "south of Baghdad", "100 km from X": X is a reference point, not the place.
_RELATIVE = _words(
    """
    north south east west northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern km kilometers kilometres miles mile kilometer kilometre kms meters
    metres yards
    """
)
# Verbs whose object is where the event is ("patrolled Harare", "shelled Aleppo").
_PLACE_VERBS = _words(
    """
    patrol shell bomb raid storm besiege invade occupy capture seize enter attack blockade overrun
    target strike hit destroy retake liberate surround loot burn torch bombard recapture reclaim
    encircle control reach infiltrate assault ransack sweep pound regain march rock shake plague
    hammer rocket airstrike fortify defend
    """
)
# ... of these only take a place for an object, whatever NER calls the name ("stormed Gidan Gambo").
_ONLY_PLACE_VERBS = _words("shell storm besiege invade occupy overrun retake liberate bombard recapture encircle")
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PEOPLE_SECTORS = _words("POL MIL CVL REB UAF LAB AGR REF JRN ELI GOV LEG OPP EDU MED REL")
_PEOPLE_WORDS = _words(
    """
    official officials minister mayor governor leader member diplomat lawmaker force forces resident
    residents chief head commander correspondent spokesman source worker native national citizen
    group person people boy girl son daughter wife husband brother mother father victim suspect
    prisoner detainee hostage tourist pilgrim player team unit battalion brigade division militia
    faction delegation envoy counterpart representative ally allies governments authorities agency
    council committee organization organisation company newspaper news media channel television
    radio daily
    """
)
# Names that are times or bodies, not places, though a parse may put them after "in"/"at".
_NOT_PLACES = frozenset(
    {"gmt", "utc", "a.m.", "p.m.", "am", "pm", "est", "edt", "pst", "cet", "ist", "islamic", "islamic state"}
)
# The last word of a name that makes it an organisation, not a place, whatever its parse.
_BODY_HEADS = _words(
    """
    agency news party front council ministry group army forces force brigade brigades battalion
    battalions division movement organization organisation committee company corporation union
    authority government observatory network times post press television radio tv alliance coalition
    regime militia corps police guard guards federation association league commission office
    department service services unit units command administration mission
    """
)
_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,5}$")
_CITY_POPULATION = 100_000  # an ORG- or un-tagged modifier is a place only if a city this large
_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}")
# confidences of each way of finding the place (hand-set priors, see events.py)
_CONF = {"attached": 0.8, "scene": 0.7, "sentence": 0.6, "dateline": 0.6, "focus": 0.4, "speaker": 0.3}


class _Link(NamedTuple):
    """How a place name hangs from the event's trigger (see the module docstring)."""

    span: SpacySpan
    tier: int  # 0 attached, 1 the trigger's scene, 2 elsewhere in the sentence
    near: bool  # "near X", "outside X": precision 2
    relative: bool  # "south of X", "20 km from X": a reference point
    depth: int  # heads climbed to reach the trigger


def focus_country(article: Article, gazetteer: Gazetteer) -> tuple[str | None, list[str]]:
    """The country the article is mostly about, and every country it names, most named first,
    then the regions (admin-1 and admin-2 codes) of the towns and regions it names: a Chilean
    story's "San Antonio" is the port near Valparaiso, not the Texan city."""
    counts: Counter[str] = Counter()
    areas: Counter[str] = Counter()
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
            place = gazetteer.resolve(mention.span.text, [*counts, *areas])
            if place is not None and place.country is not None:
                counts[place.country] += 1
                areas.update(c for c in (gazetteer.admin1_code(place), gazetteer.admin2_code(place)) if c)
    ranked = [code for code, _ in counts.most_common()]
    return (ranked[0] if ranked else None), ranked + [code for code, _ in areas.most_common()]


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
    material = event.plover_type in _MATERIAL
    actor_starts = {a.span.start - offset for a in (*event.sources, *event.targets) if a.span}
    context = [*countries, *([focus] if focus and focus not in countries else [])]
    if anchor is not None and anchor.country and anchor.country not in context:
        context.append(anchor.country)  # "KABUL, Jan 5 (Reuters) -": Afghan places first
    if anchor is not None and (region := gazetteer.admin1_code(anchor)) and region not in context:
        context.append(region)
    model = load_place_model()
    table = candidate_table(head, doc, gazetteer, context, material=material, wide=model is not None)
    table = [c for c in table if not (c.span.start_char in actor_starts and c.span.root.dep_ not in _ACTOR_OK)]
    if anchor is not None and anchor.span is not None:  # the dateline is where it was reported from
        line = range(anchor.span.start - offset, anchor.span.end - offset)
        table = [c for c in table if c.span.start_char not in line]
    best = _choose(table, doc, gazetteer, model)
    if best is not None:
        place, confidence = _placed_at(best, table, offset, gazetteer, focus, context)
        if anchor is not None and _owner_only(best, place, anchor):
            # "TBILISI - ... gathered outside Georgia's parliament": the country owns the
            # building; the dateline's town of that country says where it stands
            return replace(anchor, precision=max(anchor.precision, 2)), _CONF["dateline"]
        return place, confidence
    if material:
        # "BAMAKO - ... In Niger, the junta said its forces had killed 30": a sentence that opens
        # in another country than the dateline's happens there
        scene = _opening_scene(table)
        elsewhere = scene.place if scene is not None else None
        if elsewhere is not None and anchor is not None and elsewhere.country != anchor.country:
            return replace(elsewhere, precision=max(elsewhere.precision, 2)), _CONF["focus"]
        if anchor is not None and (focus is None or anchor.country == focus):
            return replace(anchor, precision=max(anchor.precision, 2)), _CONF["dateline"]
        if focus is not None:
            return gazetteer.country_centroid(focus), _CONF["focus"]
    elif focus is not None and _speaks_for(event, focus):
        # a statement by the focus country's own side ("Tokayev warned ...") was made in that
        # country; a foreign side's ("the Kremlin said") stays unplaced: it may be anywhere
        return gazetteer.country_centroid(focus), _CONF["speaker"]
    return None, 0.0


def _opening_scene(table: list[Candidate]) -> Candidate | None:
    """The name a sentence opens with as its scene: "In Niger, ...", "In northern Mali, ..."."""
    for candidate in table:
        span = candidate.span
        opener = span.doc[span.sent.start]
        if opener.lower_ == "in" and span.start <= span.sent.start + 3 and span.root.head.i == opener.i:
            return candidate
    return None


def _owner_only(best: Candidate, place: Place, anchor: Place) -> bool:
    """Whether the chosen name is a country named only as an owner ("Georgia's parliament")
    and the dateline is a finer place of that country."""
    return (
        best.span.root.dep_ == "poss"
        and place.precision == 3
        and place.admin1 is None
        and anchor.country == place.country
        and anchor.precision < 3
    )


def _speaks_for(event: Event, focus: str) -> bool:
    """Whether every coded source of a verbal ``event`` is of the ``focus`` country (and one is)."""
    countries = {a.country for a in event.sources}
    return countries == {focus}


_ACTOR_OK = frozenset({"compound", "pobj", "poss"})  # "Russia warned" is the actor; "in Russia" is not


class Candidate(NamedTuple):
    """A place name of the sentence, what the rules say of it, and its features for the model."""

    span: SpacySpan
    link: _Link | None  # None: the rules do not link it to the trigger
    place: Place | None  # the gazetteer's reading in the document's context (None for buildings)
    features: list[str]
    context: np.ndarray | None = None  # the static embedding of the words around it (not its own)
    name: np.ndarray | None = None  # the static embedding of its own words


def candidate_table(
    head: Token,
    doc: Doc,
    gazetteer: Gazetteer,
    context: list[str],
    *,
    material: bool,
    wide: bool = True,
) -> list[Candidate]:
    """Every place name the event may be at, linked or not. ``wide`` is for the trained scorer: it
    adds names the rules do not take for places (the model weighs them) and each name's two
    embeddings (of the words around it and of its own), which only the model reads. A verbal event
    keeps its attached names only."""
    scene = _Scene(head)
    names_of = _names_of(doc, gazetteer)
    strong = names_of.strong
    names = [*strong, *(names_of.others if wide else [])]
    found: list[tuple[SpacySpan, _Link | None, Place | None]] = []
    for cand in sorted(names, key=lambda s: s.start):
        link = _link(cand, scene, gazetteer, material=material) if cand in strong else None
        if not material and (link is None or link.tier != 0):
            continue
        # a small place out of the document's countries is no place (explain): "the Shalman area"
        # of Pakistan is not the Iranian village of that name; a building is no town ("City Hall")
        place = None if _building(cand) else names_of.reading(cand.text, context)
        found.append((cand, link, place))
    linked = sorted((f for f in found if f[1] is not None), key=lambda f: _rank(f[1], f[2], gazetteer))  # type: ignore[arg-type]
    ranks = {f[0].start: k for k, f in enumerate(linked)}
    sentence = sentence_features(head, material=material)
    nesting = nesting_features([f[0] for f in found])
    table = []
    for (cand, link, place), nested in zip(found, nesting, strict=True):
        features = candidate_features(
            cand,
            head,
            tier=link.tier if link else None,
            near=bool(link and link.near),
            relative=bool(link and link.relative),
            rank=ranks.get(cand.start),
            specificity=_specificity(cand, place, gazetteer),
            known=place is not None,
            kind=gazetteer.name_kind(cand.text),
            prep=_prep_of(cand),
            weak=cand not in strong,
            links=len(linked),
        )
        context_vector, name_vector = _vectors(cand) if wide else (None, None)
        table.append(Candidate(cand, link, place, features + nested + sentence, context_vector, name_vector))
    return table


_CONTEXT = 3  # words each side of a name that the ranker's embedding reads: "the town of X district"


def _vectors(cand: SpacySpan) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The static embeddings of the words around a name, the name left out ("[the town of] X [,
    north of]"), and of the name's own words ("Al-Zahrani School", "Edward T. Adams")."""
    embedder = load_embedder()
    if embedder is None:
        return None, None
    doc = cand.doc
    around = [*doc[max(0, cand.start - _CONTEXT) : cand.start], *doc[cand.end : cand.end + _CONTEXT]]
    return embedder.embed(" ".join(t.text for t in around)), embedder.embed(cand.text)


def _choose(table: list[Candidate], doc: Doc, gazetteer: Gazetteer, model: PlaceModel | None) -> Candidate | None:
    """The candidate the event is at: the model's when trained (if its gate agrees), else the
    rules' best linked name."""
    if model is None:
        linked = [c for c in table if c.link is not None]
        return min(linked, key=lambda c: _rank(c.link, c.place, gazetteer)) if linked else None  # type: ignore[arg-type]
    if not table:
        return None
    logits = [model.rank(c.features, c.context, c.name) for c in table]
    k = model.best([c.features for c in table], logits)
    vector = _sentence_vector(doc.text) if model.dense else None
    inputs = gate_inputs(table[k].features, logits) if model.trees is not None else None
    # the gate reads the ranker's best logit, whichever candidate its trees chose
    if model.gate(gate_features(doc, table[k].features, len(table)), max(logits), vector, inputs) < model.threshold:
        return None
    return table[k]


def _sentence_vector(text: str) -> np.ndarray | None:
    embedder = load_embedder()
    return embedder.embed(text) if embedder is not None else None


def _placed_at(  # noqa: PLR0917
    best: Candidate,
    table: list[Candidate],
    offset: int,
    gazetteer: Gazetteer,
    focus: str | None,
    context: list[str],
) -> tuple[Place, float]:
    """The chosen candidate as a place: resolved, near or unknown (module docstring)."""
    link = best.link or _Link(
        best.span, tier=2, near=False, relative=False, depth=99
    )  # a name the model took, unlinked
    span = Span(offset + best.span.start_char, offset + best.span.end_char, best.span.text)
    if best.place is None:
        # else a town the sentence names in the focus country ("clashes near Place de la
        # Nation" in a sentence about the Paris march)
        names_of = _names_of(best.span.doc, gazetteer)
        towns = [
            town
            for cand in names_of.strong
            if cand.start != best.span.start
            and (town := names_of.reading(cand.text, context)) is not None
            and town.precision == 1
            and (focus is None or town.country == focus)
        ]
        links = [c.link for c in table if c.link is not None]
        resolved = {c.span.start: c.place for c in table}
        return _unknown(link, links, resolved, span, gazetteer, focus, towns), _CONF["sentence"]
    near = link.near or link.relative or _near_before(best.span)
    place = best.place
    precision = 2 if near and place.precision == 1 else place.precision
    return replace(place, precision=precision, span=span), _CONF[("attached", "scene", "sentence")[link.tier]]


def _rank(link: _Link, place: Place | None, gazetteer: Gazetteer) -> tuple[int, bool, int, bool, int, int]:
    """Sort key: tier, reference points last, most specific first, a known place before an
    unknown name as specific, then closest to the trigger, then first."""
    specific = _specificity(link.span, place, gazetteer)
    return (link.tier, link.relative, -specific, place is None, link.depth, link.span.start)


def _specificity(span: SpacySpan, place: Place | None, gazetteer: Gazetteer) -> int:
    """How fine a place: 4 a district or village the gazetteer lacks, 3 a town, 2 a region, 1 a
    country, 0 a doubtful name; a building counts as its town ("outside City Hall" in a sentence
    naming New York is placed in New York, as the Halterman annotators did)."""
    if _building(span):
        return _BUILDING_RANK
    if place is None:
        if _REGION_WORDS.intersection(span.text.lower().split()) or _named_region(span):
            return 2  # "Khyber region", "Idlib province"
        if _placed_by_noun(span) or _has_place_head(span) or _after_locative(span):
            return 4
        return 1 if span.label_ in _PLACE_LABELS else 0  # "captured Ocalan" (tagged GPE)
    if place.precision < 3:
        return 3
    return 1 if gazetteer.name_kind(span.text) in {"country", "part"} or place.admin1 is None else 2


def _unknown(  # noqa: PLR0917
    best: _Link,
    links: list[_Link],
    resolved: dict[int, Place | None],
    span: Span,
    gazetteer: Gazetteer,
    focus: str | None,
    towns: list[Place],
) -> Place:
    """A name the gazetteer lacks, at the best known place linked with it, else a town of the
    sentence, at precision 2; else the focus country's centroid at precision 3."""
    known = [link for link in links if resolved[link.span.start] is not None and link.tier <= best.tier]
    if known:
        host = min(known, key=lambda link: _rank(link, resolved[link.span.start], gazetteer))
        place = resolved[host.span.start]
        if place is not None:
            return replace(place, name=span.text, geonames_id=None, precision=max(place.precision, 2), span=span)
    if towns:
        return replace(towns[0], name=span.text, geonames_id=None, precision=2, span=span)
    base = gazetteer.country_centroid(focus) if focus else None
    lat, lon = (base.lat, base.lon) if base else (None, None)
    return Place(span.text, focus, None, None, lat, lon, 3, span)


class _Scene:
    """The trigger and the verbs around it: who shares its place, and who may lend it one."""

    def __init__(self, head: Token) -> None:
        self.head = head
        verb = _verb_of(head)
        self.event = {head.i, verb.i}
        # "were killed and wounded in X": coordinated verbs with no subject of their own share it
        for node in (head, verb):
            for conj in node.conjuncts:
                if conj.pos_ in {"VERB", "AUX"} and not _has_subject(conj):
                    self.event.add(conj.i)
            if node.dep_ == "conj" and not _has_subject(node):
                self.event.add(node.head.i)
        # the verbs it depends on or that depend on it ("..., killing 20", "when youths set fire")
        self.related: set[int] = set()
        for node in (head, verb):
            self.related.update(t.i for t in node.conjuncts)
            self.related.update(t.i for t in node.children if t.dep_ in {"xcomp", "advcl"})
            up = node
            for _ in range(3):
                if up.dep_ == "relcl" and up.head.lemma_.lower() in _TIME_NOUNS:
                    up = _verb_of(up.head)  # "clashes broke out in the evening when youths set fire"
                elif up.dep_ in _SCENE_DEPS or (up.dep_ == "acl" and up.head.dep_ in {"dobj", "pobj"}):
                    up = up.head
                else:
                    break
                self.related.add(up.i)
        self.related -= self.event
        # every verb above the trigger (reported speech, "In X, police said ...")
        self.above: set[int] = set()
        node = verb
        while node.head.i != node.i:
            node = node.head
            self.above.add(node.i)


def _verb_of(head: Token) -> Token:
    """The verb a trigger's event hangs from: itself, or up from a noun or a preposition
    ("fired tear gas", "the protests erupted", "shows the office in flames")."""
    node = head
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i or node.dep_ not in _UP_TO_VERB:
            break
        node = node.head
    return node if node.pos_ in {"VERB", "AUX"} else head


def _has_subject(verb: Token) -> bool:
    return any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in verb.children)


def _link(cand: SpacySpan, scene: _Scene, gazetteer: Gazetteer, *, material: bool) -> _Link | None:
    """How ``cand`` hangs from the trigger, or None (rules in the module docstring)."""
    node = cand.root
    prep: str | None = None  # the innermost preposition: how the place relates to its head
    near = relative = False
    modifier = False  # the place modifies a noun that is not a place ("the Kabul police HQ")
    through_place = False  # the chain went through a place noun ("the town of X", "X district")
    for depth in range(1, 16):
        dep, parent = node.dep_, node.head
        if parent.i == node.i:
            break
        if dep == "pobj" or (dep == "pcomp" and parent.pos_ == "ADP"):
            word, governor = parent.lower_, parent.head
            if prep is None and (any(t.lower_ in _RELATIVE for t in parent.lefts) or governor.lower_ in _RELATIVE):
                prep, relative = word, True  # "100 km south of X", "north of X"
            elif word == "of" and prep is None:
                if not _is_named_place(governor) and governor.lemma_.lower() not in _BUILDINGS:
                    return None  # "the mayor of X", "the start of the battle for X"; not "the town hall of X"
                through_place = True
            elif prep is None:
                if word not in _LOCATIVE:
                    if modifier and material and word not in _NOT_THROUGH:
                        node = parent  # "set fire to the Kabul police headquarters": the target
                        continue
                    return None
                prep, near = word, word in _NEAR
            elif word in _NOT_THROUGH and not (word == "from" and governor.lemma_.lower() in _MEDIA):
                return None  # but "a video from a town near X shows ...": where it was filmed
            node = parent
            continue
        if dep == "prep":
            if parent.i in scene.event:
                return _Link(cand, 0, near, relative, depth)
            if parent.pos_ == "VERB" and parent.dep_ == "acl" and parent.tag_ in {"VBG", "VBN"}:
                node = parent  # "a van carrying a team in X", "positions located near X": the noun's place
                continue
            if parent.pos_ in {"VERB", "AUX"}:
                node = parent
                break
            node = parent
            continue
        if dep in {"compound", "poss", "nmod", "amod"} and (
            parent.pos_ in {"NOUN", "PROPN"} or parent.dep_ in _NOMINAL
        ):
            if not _is_place_noun(parent):
                if _people(parent) and cand.label_ not in _PLACE_LABELS and parent.dep_ not in {"poss", "compound"}:
                    return None  # "Pereira's cousin", "Brazil's drug lord"; not "the Almaty mayor's office"
                if not through_place and not _city_like(cand, gazetteer):
                    return None  # "U.S. embassy", "the Syrian government", "ISIS attack"
                modifier = True
                if parent.i in scene.event:
                    return _Link(cand, 0, near, relative, depth)  # "the Almaty protests"
            else:
                through_place = True
            node = parent
            continue
        if dep in {"appos", "conj", "npadvmod"} and parent.pos_ in {"NOUN", "PROPN"}:
            if node.i == cand.root.i and dep == "appos" and cand.label_ == "PERSON" and not _placed_by_noun(cand):
                return None  # "in the Gaza Strip, Mohammed Musaabah, 28, ...": a person
            node = parent  # "the capital, Abidjan", "in Aleppo and Idlib"
            continue
        if parent.i in scene.event:
            if prep is not None or relative:
                return _Link(cand, 0, near, relative, depth)  # "An attack on a post in X killed"
            if dep not in {"dobj", "nsubjpass", "attr", "oprd"} and not (modifier and dep == "nsubj"):
                return None  # "Israel captured": the actor; but "the Venice theater burned"
            if parent.lemma_.lower() in _PLACE_VERBS and (through_place or not modifier):
                return _Link(cand, 0, near, relative, depth)  # "shelled X", "stormed the town of X"
            if modifier and material and dep != "attr":
                return _Link(cand, 0, near, relative, depth)  # "set fire to the Kabul police HQ"
            return None
        if parent.pos_ in {"VERB", "AUX"} or parent.dep_ == "ROOT":
            if (
                dep in {"dobj", "nsubjpass"}
                and parent.i in scene.related
                and prep is None
                and parent.lemma_.lower() in _PLACE_VERBS
                and _place_like(cand, gazetteer)
                and (through_place or not modifier)
            ):
                return _Link(cand, 1, near, relative, depth)  # "struck the Idlib governorate, killing 50"
            node = parent
            break
        node = parent
    else:
        return None
    return _scene_link(cand, node, scene, (prep, near, relative), material=material)


def _scene_link(
    cand: SpacySpan, node: Token, scene: _Scene, how: tuple[str | None, bool, bool], *, material: bool
) -> _Link | None:
    """The link of a place that reached ``node`` without reaching the trigger itself."""
    prep, near, relative = how
    if prep is None and not relative:
        return None
    if node.i in scene.related:
        return _Link(cand, 1, near, relative, 2)
    if node.i in scene.above and cand.start < scene.head.i and cand.end <= node.i and _fronted(cand, node):
        return _Link(cand, 1, near, relative, 3)  # "In Mosul, police said gunmen killed ..."
    return _Link(cand, 2, near, relative, 99) if material and _nearby(cand) else None


def _fronted(cand: SpacySpan, verb: Token) -> bool:
    """ "In X, ...": the place's phrase opens the sentence, before the verb's subject."""
    first = cand.doc[cand.sent.start] if cand.sent is not None else cand.doc[0]
    return cand.start - first.i <= 6 and any(t.is_punct for t in cand.doc[cand.end : verb.i])


def _nearby(cand: SpacySpan) -> bool:
    """A place elsewhere that may stand for the event's (tier 2): a place entity, no reference point."""
    return cand.label_ in _PLACE_LABELS


class _SentenceNames:
    """The place names of one parsed sentence and their gazetteer readings, computed once for
    all the events of the sentence (a sentence with three events read its names three times)."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc, self.gazetteer = doc, gazetteer
        self.strong = _candidates(doc, gazetteer)
        self.others = _other_names(doc, gazetteer, self.strong)
        self._readings: dict[tuple[str, tuple[str, ...]], Place | None] = {}

    def reading(self, text: str, context: list[str]) -> Place | None:
        key = (text, tuple(context))
        if key not in self._readings:
            self._readings[key] = self.gazetteer.explain(text, context)[0]
        return self._readings[key]


_last_names: list[_SentenceNames] = []  # the sentence last read (events come sentence by sentence)


def _names_of(doc: Doc, gazetteer: Gazetteer) -> _SentenceNames:
    if not _last_names or _last_names[0].doc is not doc or _last_names[0].gazetteer is not gazetteer:
        _last_names[:] = [_SentenceNames(doc, gazetteer)]
    return _last_names[0]


def _candidates(doc: Doc, gazetteer: Gazetteer) -> list[SpacySpan]:
    """Place names: place entities, and other names or proper-noun runs in a place's position."""
    names = [ent for ent in doc.ents if ent.label_ not in _NOT_NAMES]
    taken = {t.i for ent in doc.ents for t in ent}
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.i in taken or not token.text[:1].isupper():
            i += 1
            continue
        if token.pos_ != "PROPN":
            if token.pos_ in {"ADJ", "NOUN"} and token.dep_ in {"amod", "compound"} and _is_place_noun(token.head):
                names.append(doc[i : i + 1])  # "drove through Madduvil area" (tagged ADJ)
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in taken:
            j += 1
        names.append(doc[i : j + 1])
        i = j + 1
    names.sort(key=lambda s: s.start)
    found: list[SpacySpan] = []
    for name in names:
        if _junk(name, gazetteer):
            continue
        if name.label_ in _PLACE_LABELS or _placed(name, gazetteer):
            found.append(name)
    # "the villages of X, Y and Z": a name listed with a place is one
    roots = {span.root.i for span in found}
    for name in names:
        if name not in found and not _junk(name, gazetteer) and name.root.dep_ == "conj" and name.root.head.i in roots:
            found.append(name)
            roots.add(name.root.i)
    return sorted(found, key=lambda s: s.start)


def _other_names(doc: Doc, gazetteer: Gazetteer, found: list[SpacySpan]) -> list[SpacySpan]:
    """Names :func:`_candidates` did not take for places: entities NER calls people or bodies
    and proper-noun runs ("Dahiyat Al-Assad", "Jezzine" tagged NORP), for the model to weigh."""
    taken = {i for span in found for i in range(span.start, span.end)}
    taken.update(t.i for ent in doc.ents if ent.label_ in _NOT_NAMES for t in ent)  # "on Monday"
    names = [ent for ent in doc.ents if ent.label_ not in _NOT_NAMES]
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN":
                j += 1
            names.append(doc[i : j + 1])
            i = j + 1
        else:
            i += 1
    out: list[SpacySpan] = []
    for name in names:
        if taken.intersection(range(name.start, name.end)) or _junk(name, gazetteer):
            continue
        taken.update(range(name.start, name.end))
        out.append(name)
    return out


def _junk(name: SpacySpan, gazetteer: Gazetteer) -> bool:
    """A time zone, an event, a body ("the Amaq News Agency"), an unknown acronym, a demonym, a
    lower-case word NER took for a name."""
    text = name.text.removeprefix("the ").removeprefix("The ")
    if text.lower() in _NOT_PLACES or not any(c.isalpha() for c in text) or name.label_ == "EVENT":
        return True
    if not any(c.isupper() for c in text) and _cased(name):
        return True  # "at metro stations" (tagged FAC): in cased text a name has a capital
    if text.split()[-1].lower() in _BODY_HEADS:
        return True
    if _ACRONYM.match(text) and gazetteer.country(text) is None and name.label_ not in {"GPE", "LOC"}:
        return True  # "UN", "ISIS", "SAA": a body, whatever village shares the letters
    kind = gazetteer.name_kind(text)
    return kind == "demonym" or (kind is None and gazetteer.country(text) is not None and name.label_ == "NORP")


def _cased(name: SpacySpan) -> bool:
    """Whether the name's sentence capitalises words after its first (not an all-lower-case text)."""
    sent = name.sent if name.doc.has_annotation("SENT_START") else name.doc[:]
    return any(t.text[:1].isupper() for t in sent[1:] if t.i not in range(name.start, name.end))


def _placed(name: SpacySpan, gazetteer: Gazetteer) -> bool:
    """A non-place entity or proper-noun run standing where places stand, or a known place."""
    if name.label_ == "NORP" and gazetteer.explain(name.text)[0] is None:
        return False  # "the Shiite neighborhood of X", "a Jewish settlement": who lives there
    prep = _prep_of(name)
    if prep is not None and prep.lower_ in _LOCATIVE and (name.label_ != "PERSON" or name.root.dep_ == "pobj"):
        return True
    if _placed_by_noun(name) or _has_place_head(name):
        return True
    root = name.root
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in _ONLY_PLACE_VERBS:
        return True  # "stormed Gidan Gambo"
    place = gazetteer.resolve(name.text)
    if place is None:
        return False
    if name.label_ == "PERSON":
        return gazetteer.population(place) >= _CITY_POPULATION or place.precision == 3
    return True


def _placed_by_noun(name: SpacySpan) -> bool:
    """ "the town of X", "X district", "the capital, X": a place noun names it."""
    root = name.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _is_place_noun(root.head.head):
        return True
    if root.dep_ in {"compound", "appos"} and _is_place_noun(root.head):
        return True
    return root.dep_ == "appos" and root.head.dep_ in {"pobj", "dobj"} and _is_named_place(root.head)


def _building(name: SpacySpan) -> bool:
    words = name.text.split()
    return bool(words) and words[-1].lower().strip(".,") in _BUILDINGS


def _after_locative(name: SpacySpan) -> bool:
    prep = _prep_of(name)
    return prep is not None and prep.lower_ in _LOCATIVE


def _named_region(name: SpacySpan) -> bool:
    """ "the Khyber region", "Wanni region": a region noun names it."""
    root = name.root
    return root.dep_ in {"compound", "amod", "nmod"} and root.head.lower_ in _REGION_WORDS


def _has_place_head(name: SpacySpan) -> bool:
    words = name.text.split()
    return len(words) > 1 and words[-1].lower().strip(".,") in _PLACE_HEADS


def _is_place_noun(token: Token) -> bool:
    """A common noun for a place ("town", "district"), not a word inside a name ("Sadr City")."""
    return (token.pos_ == "NOUN" or token.is_lower) and (
        token.lemma_.lower() in _PLACE_NOUNS or token.lower_ in _PLACE_NOUNS or token.lower_ in _PLACE_HEADS
    )


def _is_named_place(token: Token) -> bool:
    """A token inside a place entity ("the Kurdish city of Afrin": the head is 'city')."""
    return token.ent_type_ in _PLACE_LABELS or _is_place_noun(token)


def _place_like(cand: SpacySpan, gazetteer: Gazetteer) -> bool:
    """A verb's object that is a place, not a person captured or attacked ("captured Ocalan")."""
    if cand.label_ in {"GPE", "LOC"} or _placed_by_noun(cand) or _has_place_head(cand):
        return True
    if cand.root.head.lemma_.lower() in _ONLY_PLACE_VERBS:
        return True
    return cand.label_ in {"ORG", ""} and _city_like(cand, gazetteer)


def _city_like(cand: SpacySpan, gazetteer: Gazetteer) -> bool:
    """A modifier that is a town or region, not a country, demonym or organisation."""
    if gazetteer.name_kind(cand.text) in {"country", "demonym", "seat", "part"}:
        return False
    place = gazetteer.resolve(cand.text)
    if place is None:
        return False
    if cand.label_ in _PLACE_LABELS:
        return True
    return place.precision == 1 and gazetteer.population(place) >= _CITY_POPULATION


def _people(noun: Token) -> bool:
    """A noun naming people ("official", "soldiers", "protesters"), not a building or a body."""
    if noun.ent_type_ == "PERSON":
        return True
    word = noun.lemma_.lower()
    if word in _BUILDINGS or noun.lower_ in _BUILDINGS:
        return False  # "office", "embassy", "palace": sector words, but buildings
    return word in _PEOPLE_WORDS or noun.lower_ in _PEOPLE_WORDS or SECTOR_WORDS.get(word) in _PEOPLE_SECTORS


def _prep_of(span: SpacySpan) -> Token | None:
    """The preposition governing a place, through "the town of X" and "X's Y"."""
    root = span.root
    if root.dep_ == "poss" and root.head.dep_ == "pobj":
        root = root.head  # "in Syria's Raqqa": Raqqa's preposition
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.dep_ == "pobj":
        root = root.head
    if root.dep_ in {"appos", "conj"} and root.head.dep_ == "pobj":
        root = root.head
    if root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ == "of" and _is_place_noun(prep.head) and prep.head.dep_ == "pobj":
        return prep.head.head  # "in the town of Fotokol"
    return prep


def _near_before(ent: SpacySpan) -> bool:
    """ "a town near the capital city of Almaty": a 'near' just before the place."""
    doc = ent.doc
    return any(t.lower_ in _NEAR - {"off"} for t in doc[max(0, ent.start - 6) : ent.start])
