"""tocsin's one data model: Article -> Sentence/Mention -> Event -> Story.

Every offset is a character offset into ``Article.text`` (the clean text, i.e. what
``tocsin extract --format json`` prints as ``article.text``). ``Article.offsets`` maps clean
offsets back to the raw input so evidence stays traceable to what was read.

Vocabularies (PLOVER types, modes and sectors; ACLED types and sub-types; context flags) are
defined here once and validated by the constructors, so a typo never reaches the store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date as Date  # noqa: N812 - Event.date is the field
from typing import Any

from .errors import TocsinError

__all__ = [
    "ACLED_SUBTYPES",
    "ACLED_TYPES",
    "CONTEXT_FLAGS",
    "DATE_PRECISIONS",
    "PLOVER_MODES",
    "PLOVER_TYPES",
    "SECTORS",
    "Actor",
    "Article",
    "Count",
    "Event",
    "Evidence",
    "Mention",
    "OffsetMap",
    "Place",
    "Sentence",
    "Span",
    "Story",
    "article_id",
    "normalise_text",
]

# PLOVER 0.8 event types and their modes (PLOVER_MANUAL.tex tables; types without a mode
# table take none). REQUEST and REJECT share modes per the manual.
_REQUEST_MODES = ("assist", "change", "yield", "meet")
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": _REQUEST_MODES,
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": _REQUEST_MODES,
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    ),
}
PLOVER_TYPES: tuple[str, ...] = tuple(PLOVER_MODES)

# ACLED's 6 event types and 25 sub-types, named as in CASE 2021 task 2 (event_types.txt).
ACLED_SUBTYPES: dict[str, str] = {
    "ABDUCT_DISSAP": "Violence against civilians",
    "AGREEMENT": "Strategic developments",
    "AIR_STRIKE": "Explosions/Remote violence",
    "ARMED_CLASH": "Battles",
    "ARREST": "Strategic developments",
    "ART_MISS_ATTACK": "Explosions/Remote violence",
    "ATTACK": "Violence against civilians",
    "CHANGE_TO_GROUP_ACT": "Strategic developments",
    "CHEM_WEAP": "Explosions/Remote violence",
    "DISR_WEAP": "Strategic developments",
    "FORCE_AGAINST_PROTEST": "Protests",
    "GOV_REGAINS_TERIT": "Battles",
    "GRENADE": "Explosions/Remote violence",
    "HQ_ESTABLISHED": "Strategic developments",
    "MOB_VIOL": "Riots",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Battles",
    "NON_VIOL_TERRIT_TRANSFER": "Strategic developments",
    "OTHER": "Strategic developments",
    "PEACE_PROTEST": "Protests",
    "PROPERTY_DISTRUCT": "Strategic developments",
    "PROTEST_WITH_INTER": "Protests",
    "REM_EXPLOS": "Explosions/Remote violence",
    "SEX_VIOL": "Violence against civilians",
    "SUIC_BOMB": "Explosions/Remote violence",
    "VIOL_DEMONSTR": "Riots",
}
ACLED_TYPES: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

# Actor sectors. PLOVER's codebook (Table "Sector Codes") with two renames asked for by
# issue #2: POL for police (PLOVER: COP) and OPP for the unarmed political opposition.
SECTORS: dict[str, str] = {
    "GOV": "government: executive, ministries, governing parties, officials",
    "MIL": "military: troops, soldiers, state armed forces",
    "POL": "police, gendarmerie, security and protective forces (PLOVER COP)",
    "SPY": "state intelligence services",
    "JUD": "judiciary: judges, courts, prosecutors",
    "LEG": "legislature: parliaments, lawmakers",
    "PTY": "political parties",
    "OPP": "political opposition, dissidents (unarmed)",
    "REB": "rebels, insurgents, armed opposition groups",
    "PRM": "paramilitaries and militias not opposed to the government",
    "UAF": "unidentified armed forces ('gunmen')",
    "CVL": "civilians, protesters, activists, residents",
    "LAB": "labour: unions, workers, strikers",
    "AGR": "farmers, peasants",
    "BUS": "business",
    "CRM": "criminals, gangs",
    "EDU": "students, teachers, schools",
    "ELI": "former officials, elites out of office",
    "JRN": "journalists and media",
    "MED": "health workers and organisations",
    "REF": "refugees and displaced people",
    "REL": "religious leaders and organisations",
    "IGO": "intergovernmental organisations",
    "NGO": "non-governmental organisations",
    "UNK": "unidentified actor",
}

# Context flags an event may carry (PLOVER auxiliary modes plus reporting status).
CONTEXT_FLAGS: tuple[str, ...] = (
    "negated",  # "police did not fire"
    "hypothetical",  # conditional, possible: "could impose a curfew if"
    "future",  # planned or announced for later: "will strike on Monday"
    "claimed",  # attributed, unverified: "the group said it had shot down"
    "background",  # historical context: "Until 2019 it was run by ..."
    "damaged",  # the evidence sentence lost text in scraping (see clean/damage.py)
)

# day: the date itself; week/month: within that window; publication: fell back to the
# article's publication date; unknown: no date at all.
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "publication", "unknown")


def _check(value: str | None, allowed: Any, what: str) -> None:
    if value is not None and value not in allowed:
        msg = f"unknown {what}: {value!r}"
        raise TocsinError(msg)


def _check_country(country: str | None) -> None:
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        msg = f"country must be ISO 3166-1 alpha-3: {country!r}"
        raise TocsinError(msg)


def normalise_text(text: str) -> str:
    """Unicode-normalise and collapse whitespace: the form hashed for ``Article.id``."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def article_id(text: str) -> str:
    """Stable article id: 16 hex digits of the SHA-256 of the normalised clean text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A character span ``[start, end)`` of ``Article.text`` and the text it covers."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class OffsetMap:
    """Maps clean-text offsets to raw-input offsets.

    ``segments`` holds ``(clean_start, raw_start, length)`` triples for each run of clean text
    copied verbatim from the raw input, in order.
    """

    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def to_raw(self, offset: int, *, end: bool = False) -> int:
        """The raw offset of clean offset ``offset``.

        A start offset maps into the run whose characters it begins; an end offset
        (``end=True``, one past a span's last character) maps to just after the raw
        character it follows, so a span ending where text was cut never takes in the cut.
        """
        for clean_start, raw_start, length in self.segments:
            last = clean_start + length
            if (clean_start < offset <= last) if end else (clean_start <= offset < last):
                return raw_start + (offset - clean_start)
        for clean_start, raw_start, length in self.segments:
            if offset == clean_start + length:  # the end of the text
                return raw_start + length
        return offset


@dataclass(slots=True)
class Sentence:
    """A sentence of ``Article.text``; ``flags`` holds e.g. ``damaged`` or ``background``."""

    index: int
    start: int
    end: int
    text: str
    flags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """A named or nominal mention found in the text (entity, place, date, number)."""

    label: str  # spaCy-style label: PERSON, ORG, NORP, GPE, LOC, FAC, DATE, CARDINAL ...
    span: Span
    sentence: int


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant: surface text, normalised name, ISO 3166-1 alpha-3 country, sector.

    ``inferred`` marks an actor no words of the article state: the country a domestic act happens
    in, taken as its target as PLOVER codes it (a protest in Kazakhstan targets Kazakhstan). It has
    no span, and lists of who was named (stories, exports) leave it out."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    span: Span | None = None
    inferred: bool = False

    def __post_init__(self) -> None:
        _check(self.sector, SECTORS, "sector")
        _check_country(self.country)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "name": self.name, "country": self.country}
        out["sector"] = self.sector
        out["span"] = self.span.to_dict() if self.span else None
        out["inferred"] = self.inferred
        return out


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location. precision: 1 the town itself, 2 near/part of a region, 3 admin1/country."""

    name: str
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 3
    span: Span | None = None

    def __post_init__(self) -> None:
        _check_country(self.country)
        if self.precision not in (1, 2, 3) or not isinstance(self.precision, int):
            msg = f"place precision must be 1, 2 or 3: {self.precision!r}"
            raise TocsinError(msg)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "geonames_id": self.geonames_id,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }
        out["span"] = self.span.to_dict() if self.span else None
        return out


@dataclass(frozen=True, slots=True)
class Count:
    """A reported number as a range: ``max`` None means open ("at least 12", "claimed lives")."""

    min: int
    max: int | None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max}


@dataclass(slots=True)
class Evidence:
    """Where an event is stated: the sentence, its trigger and the span of each argument."""

    article_id: str
    sentence_index: int
    sentence: Span
    trigger: Span
    arguments: dict[str, list[Span]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "trigger": self.trigger.to_dict(),
            "arguments": {k: [s.to_dict() for s in v] for k, v in self.arguments.items()},
        }


@dataclass(slots=True)
class Event:
    """One political event stated in one article, with evidence for every field."""

    plover_type: str
    evidence: Evidence
    plover_mode: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    place: Place | None = None
    date: Date | None = None
    date_precision: str = "unknown"
    killed: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    crowd_size: Count | None = None
    context: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    story_id: str | None = None

    def __post_init__(self) -> None:
        _check(self.plover_type, PLOVER_MODES, "PLOVER type")
        _check(self.plover_mode, PLOVER_MODES[self.plover_type], f"{self.plover_type} mode")
        _check(self.acled_subtype, ACLED_SUBTYPES, "ACLED sub-type")
        _check(self.acled_type, ACLED_TYPES, "ACLED type")
        if self.acled_subtype is not None and self.acled_type != ACLED_SUBTYPES[self.acled_subtype]:
            msg = f"ACLED sub-type {self.acled_subtype} belongs to {ACLED_SUBTYPES[self.acled_subtype]!r}"
            raise TocsinError(msg)
        _check(self.date_precision, DATE_PRECISIONS, "date precision")
        for flag in self.context:
            _check(flag, CONTEXT_FLAGS, "context flag")

    @property
    def id(self) -> str:
        """Stable id: article, sentence, trigger span and type."""
        ev = self.evidence
        key = f"{ev.article_id}:{ev.sentence_index}:{ev.trigger.start}:{ev.trigger.end}:{self.plover_type}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``tocsin extract --format json`` (issue #2)."""

        def count(c: Count | None) -> dict[str, Any] | None:
            return c.to_dict() if c else None

        return {
            "id": self.id,
            "article_id": self.evidence.article_id,
            "story_id": self.story_id,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "acled_type": self.acled_type,
            "acled_subtype": self.acled_subtype,
            "sources": [a.to_dict() for a in self.sources],
            "targets": [a.to_dict() for a in self.targets],
            "place": self.place.to_dict() if self.place else None,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "killed": count(self.killed),
            "injured": count(self.injured),
            "arrested": count(self.arrested),
            "crowd_size": count(self.crowd_size),
            "context": list(self.context),
            "confidence": dict(self.confidence),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(slots=True)
class Article:
    """One input document and everything the pipeline learns about it.

    ``raw`` is the text as read; ``text`` the clean text every offset refers to. ``flags``
    records damage and skips (e.g. ``damaged``, ``skipped:empty``); ``doc`` is the transient
    spaCy ``Doc`` (never stored or serialised). ``author`` is the byline, when the page, record
    or feed entry names one.
    """

    raw: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    author: str | None = None
    published: Date | None = None
    language: str | None = None
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    flags: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    doc: Any = field(default=None, repr=False, compare=False)
    # what the classify stage's trained heads say of each sentence: {index: {"police:ARREST": 0.9}}
    sentence_labels: dict[int, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return article_id(self.text or self.raw)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "flags": list(self.flags),
            "text": self.text,
            "sentences": [asdict(s) for s in self.sentences],
        }


@dataclass(slots=True)
class Story:
    """Events from one or more articles that report the same real-world event."""

    id: str
    plover_type: str
    event_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    place: Place | None = None
    date: Date | None = None
    killed: Count | None = None
