"""tocsin.models: vocabulary validation, stable ids, the JSON contract, offset maps; every ``__all__``."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from dataclasses import replace
from datetime import date

import pytest
from contract import ACTOR_KEYS, EVENT_KEYS, EVIDENCE_KEYS, PLACE_KEYS

import tocsin
from tocsin.errors import TocsinError
from tocsin.models import (
    ACLED_SUBTYPES,
    PLOVER_MODES,
    SECTORS,
    Actor,
    Article,
    Count,
    Event,
    Evidence,
    OffsetMap,
    Place,
    Span,
    article_id,
    normalise_text,
)

TEXT = "Police fired tear gas at protesters in Lima on Tuesday. Three people were killed."


def span(text: str, start: int = 0) -> Span:
    i = TEXT.index(text, start)
    return Span(i, i + len(text), text)


def evidence(trigger: str = "fired", sentence_index: int = 0) -> Evidence:
    sentence = span(TEXT.split(". ")[sentence_index].rstrip(".") + ".")
    return Evidence(
        article_id=article_id(TEXT),
        sentence_index=sentence_index,
        sentence=sentence,
        trigger=span(trigger),
        arguments={"source": [span("Police")]},
    )


def full_event() -> Event:
    return Event(
        plover_type="ASSAULT",
        plover_mode="crowd-control",
        acled_type="Protests",
        acled_subtype="FORCE_AGAINST_PROTEST",
        evidence=evidence(),
        sources=[Actor("Police", name="Peruvian police", country="PER", sector="POL", span=span("Police"))],
        targets=[Actor("protesters", country="PER", sector="CVL", span=span("protesters"))],
        place=Place("Lima", country="PER", admin1="Lima", geonames_id=3936456, lat=-12.04, lon=-77.03, precision=1),
        date=date(2024, 3, 5),
        date_precision="day",
        killed=Count(3, 3),
        injured=Count(10, None),
        context=["claimed"],
        confidence={"event": 0.8},
    )


# --- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"plover_type": "RIOT"},
        {"plover_type": "protest"},
        {"plover_type": "PROTEST", "plover_mode": "arrest"},  # a COERCE mode
        {"plover_type": "AGREE", "plover_mode": "demo"},  # AGREE has no modes
        {"plover_type": "PROTEST", "acled_subtype": "PEACEFUL_PROTEST"},
        {"plover_type": "PROTEST", "acled_type": "Protest"},
        {"plover_type": "PROTEST", "date_precision": "hour"},
        {"plover_type": "PROTEST", "context": ["negated", "rumoured"]},
    ],
)
def test_models_event_rejects_unknown_vocabulary(kwargs):
    with pytest.raises(TocsinError):
        Event(evidence=evidence(), **kwargs)


@pytest.mark.parametrize(("plover_type", "modes"), sorted(PLOVER_MODES.items()))
def test_models_event_accepts_every_mode_of_its_type(plover_type, modes):
    for mode in (None, *modes):
        assert Event(plover_type, evidence(), plover_mode=mode).plover_mode == mode


@pytest.mark.parametrize("subtype", sorted(ACLED_SUBTYPES))
def test_models_event_accepts_every_acled_pair(subtype):
    event = Event("PROTEST", evidence(), acled_type=ACLED_SUBTYPES[subtype], acled_subtype=subtype)
    assert event.acled_subtype == subtype


def test_models_event_rejects_acled_type_of_another_subtype():
    with pytest.raises(TocsinError):
        Event("PROTEST", evidence(), acled_type="Riots", acled_subtype="PEACE_PROTEST")


@pytest.mark.parametrize("sector", ["COP", "pol", "", "CIV"])
def test_models_actor_rejects_unknown_sector(sector):
    with pytest.raises(TocsinError, match="sector"):
        Actor("police", sector=sector)


@pytest.mark.parametrize("country", ["KE", "ken", "KENY", "Kenya", "K3N", ""])
def test_models_actor_rejects_non_alpha3_country(country):
    with pytest.raises(TocsinError, match="alpha-3"):
        Actor("Kenyan police", country=country)


def test_models_actor_accepts_every_sector():
    for sector in SECTORS:
        assert Actor("someone", country="KEN", sector=sector).sector == sector
    assert Actor("someone").to_dict() == {
        "text": "someone",
        "name": None,
        "country": None,
        "sector": None,
        "span": None,
        "inferred": False,
    }


@pytest.mark.parametrize("precision", [0, 4, -1, "1", 1.5])
def test_models_place_rejects_bad_precision(precision):
    with pytest.raises(TocsinError, match="precision"):
        Place("Lima", country="PER", precision=precision)


@pytest.mark.parametrize("country", ["KE", "Kenya"])
def test_models_place_rejects_non_alpha3_country(country):
    with pytest.raises(TocsinError):
        Place("Nairobi", country=country, precision=1)


# --- ids -------------------------------------------------------------------------------


def test_models_event_id_is_stable():
    event = full_event()
    assert re.fullmatch(r"[0-9a-f]{16}", event.id)
    assert event.id == full_event().id
    # only article, sentence, trigger span and type count: other fields may be refined later
    assert replace(event, place=None, sources=[], killed=None).id == event.id
    # pinned: ids are stored, so they must not change between versions
    assert event.id == "fc536bfcae7d8417"


def test_models_event_id_differs_for_different_events():
    base = Event("ASSAULT", evidence("fired"))
    others = [
        Event("ASSAULT", evidence("tear gas")),
        Event("ASSAULT", evidence("killed", sentence_index=1)),
        Event("PROTEST", evidence("fired")),
        Event("ASSAULT", replace(evidence("fired"), article_id="0" * 16)),
    ]
    ids = {base.id, *(event.id for event in others)}
    assert len(ids) == 1 + len(others)


@pytest.mark.parametrize(
    "variant",
    [
        "Police fired tear gas in Lima.",
        "  Police   fired\ttear gas\nin Lima.  ",
        "POLICE FIRED TEAR GAS IN LIMA.",
        "Police\u00a0fired tear\u2003gas in Lima.",  # no-break and em spaces
        "\uff30olice fired tear gas in \uff2cima\uff0e",  # fullwidth letters and stop (NFKC)
        "Police fired tear gas in Lima\ufe52",  # small full stop (NFKC)
    ],
)
def test_models_article_id_normalises(variant):
    assert article_id(variant) == article_id("Police fired tear gas in Lima.")
    assert normalise_text(variant) == "police fired tear gas in lima."


def test_models_article_id_distinguishes_texts():
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(TEXT))
    assert article_id("Police fired tear gas in Lima.") != article_id("Police fired tear gas in Lima")
    assert article_id("Police fired tear gas in Lima.") != article_id("Police fired tear gas in Quito.")


def test_models_article_id_uses_clean_text_when_there_is_one():
    article = Article(raw="SEE ALSO: promo\n" + TEXT)
    assert article.id == article_id(article.raw)
    article.text = TEXT
    assert article.id == article_id(TEXT)


# --- the JSON contract -----------------------------------------------------------------


def test_models_event_to_dict_has_the_contract_keys():
    data = full_event().to_dict()
    assert data.keys() >= EVENT_KEYS
    for actor in data["sources"] + data["targets"]:
        assert actor.keys() >= ACTOR_KEYS
    assert data["place"].keys() >= PLACE_KEYS
    assert data["evidence"].keys() >= EVIDENCE_KEYS
    assert {"start", "end"} <= data["evidence"]["trigger"].keys()


def test_models_event_to_dict_values():
    event = full_event()
    data = event.to_dict()
    assert data["id"] == event.id
    assert data["date"] == "2024-03-05"
    assert data["killed"] == {"min": 3, "max": 3}
    assert data["injured"] == {"min": 10, "max": None}
    assert data["arrested"] is None
    assert data["sources"][0] == {
        "text": "Police",
        "name": "Peruvian police",
        "country": "PER",
        "sector": "POL",
        "span": {"start": 0, "end": 6, "text": "Police"},
        "inferred": False,
    }
    ev = data["evidence"]
    assert TEXT[ev["start"] : ev["end"]] == ev["sentence"]
    assert TEXT[ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"] == "fired"


@pytest.mark.parametrize("event", [full_event(), Event("PROTEST", evidence())], ids=["full", "bare"])
def test_models_event_to_dict_is_json_serialisable(event):
    data = event.to_dict()
    assert json.loads(json.dumps(data)) == data


def test_models_article_to_dict_is_json_serialisable():
    article = Article(raw=TEXT, text=TEXT, published=date(2024, 3, 5), title="Lima")
    article.events = [full_event()]
    article.doc = object()  # the transient parse is never serialised
    data = article.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["id"] == article_id(TEXT)
    assert data["published"] == "2024-03-05"


# --- offset maps -----------------------------------------------------------------------

# The cleaner drops the "SEE ALSO" line and cuts the inline promo with the space before it.
RAW = "Hello world.\nSEE ALSO: x\nPolice fired. (RELATED: y) Crowds ran."
CLEAN = "Hello world.\nPolice fired. Crowds ran."
SEGMENTS = [(0, 0, 13), (13, 25, 13), (26, 51, 12)]


def test_models_offset_map_fixture_is_consistent():
    assert "".join(RAW[r : r + n] for _, r, n in SEGMENTS) == CLEAN
    assert [c for c, _, _ in SEGMENTS] == [0, 13, 26]


def test_models_offset_map_to_raw_every_character():
    offsets = OffsetMap(SEGMENTS)
    for i, ch in enumerate(CLEAN):
        assert RAW[offsets.to_raw(i)] == ch, i


@pytest.mark.parametrize(
    ("clean", "raw"),
    [
        (0, 0),  # start of the first run
        (12, 12),  # last character of the first run (the newline)
        (13, 25),  # first character of the second run, not the end of the first
        (25, 37),  # last character of the second run
        (26, 51),  # first character of the third run
        (37, 62),  # last character
        (38, 63),  # end of the text: the end of the last run
    ],
)
def test_models_offset_map_to_raw_boundaries(clean, raw):
    assert OffsetMap(SEGMENTS).to_raw(clean) == raw


def test_models_offset_map_empty_is_identity():
    assert [OffsetMap().to_raw(i) for i in (0, 5, 100)] == [0, 5, 100]


def test_models_offset_map_end_offset_at_inner_boundary():
    offsets = OffsetMap(SEGMENTS)
    start = CLEAN.index("Police fired.")
    end = start + len("Police fired.")
    assert RAW[offsets.to_raw(start) : offsets.to_raw(end, end=True)] == "Police fired."


# --- __all__ ---------------------------------------------------------------------------

PUBLIC_MODULES = [
    "tocsin",
    "tocsin.models",
    "tocsin.errors",
    "tocsin.pipeline",
    "tocsin.config",
    "tocsin.store",
    "tocsin.geocode",
    "tocsin.batch",
]


def _modules_with_all() -> list[str]:
    names = set(PUBLIC_MODULES)
    for info in pkgutil.walk_packages(tocsin.__path__, "tocsin."):
        if ".migrations" in info.name:  # alembic env scripts run on import
            continue
        if hasattr(importlib.import_module(info.name), "__all__"):
            names.add(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules_with_all())
def test_models_all_names_existing_members(name):
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(exported) == len(set(exported)), "duplicates in __all__"
    missing = [member for member in exported if not hasattr(module, member)]
    assert missing == []
    for member in exported:
        assert member == "__version__" or not member.startswith("_")
        defined_in = getattr(getattr(module, member), "__module__", None)
        if defined_in is not None and isinstance(getattr(module, member), type):
            assert defined_in.startswith("tocsin"), member
