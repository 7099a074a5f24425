"""The offline gazetteer: country names, demonyms and metonyms, and toponym resolution.

:func:`get_gazetteer` returns one :class:`Gazetteer` per process. Its index is a SQLite file
built once from GeoNames, ISO 3166 and tocsin's name lists (see ``_build``) and cached at
``$TOCSIN_CACHE_DIR/gazetteer-v5.sqlite`` (default ``~/.cache/tocsin``); it is rebuilt when it
is missing, unreadable or built from other sources. Country and admin-1 names are held in
memory (a few MB); populated places are read from the file on demand and memoised.

:meth:`Gazetteer.resolve` ranks the readings of a toponym in this order:

1. A country name wins ("Kazakhstan" is the country, not a village), unless the document's
   ``context`` countries exclude it and hold a region or a big city of that name ("Georgia"
   in a US story is the state).
2. A seat of government ("the Kremlin") is placed at its country's capital.
3. A named feature of ``features.tsv`` (a sea, river, mountain range, macro-region or former
   country: "the Balkans", "Soviet Union") comes next.
4. Admin-1 and admin-2 regions and populated places compete on a score: a place scores its
   population, a region :data:`ADMIN1_SCORE` (a county or district :data:`ADMIN2_SCORE`); all
   are multiplied by :data:`CONTEXT_BOOST` when their country is in ``context``, and places
   matched only by a foreign or old name by :data:`ALT_NAME_FACTOR`. A region loses outright to
   a big place of the same name in its own country ("Almaty" the city, not the Almaty
   city-region). Two or three capitals ("WA", "NSW") never match a town's own name; alone they
   are a region's ISO 3166-2 code when its country is in ``context``. A context country does
   not lift a small town over a world city of another country (:data:`WORLD_NAMES`) unless the
   town's region is in context or it lies near another place of the document: "Geneva" in a
   story naming the US is in Switzerland, in one naming New York state it is Geneva, N.Y.
5. Failing all that, type words ("Almaty Region", "city of Almaty") and compass words
   ("northern Kazakhstan") are taken off and the rest tried again; a city found that way inside
   a region or direction gets precision 2.

``context`` may also hold admin-1 and admin-2 codes (``"KZ.02"``, ``"US.OH.035"``, from
:meth:`Gazetteer.admin1_code` and :meth:`Gazetteer.admin2_code`): places and regions there get
:data:`CONTEXT_BOOST` once more.
Continents ("Europe", "Africa") resolve to GeoNames' continent points, with no country; a named
region of ``features.tsv`` of the same name comes first ("North America": the US and Canada).

:meth:`Gazetteer.explain` is :meth:`resolve` with a reason, and it refuses to guess: a place
smaller than :data:`SMALL_PLACE` outside the context, or one of several similar readings in
different countries, gives None with the reason.

A trailing qualifier ("Paris, Texas", "Paris, TX", "Almaty, Kazakhstan") limits the readings to
that region or country; an unknown head then resolves to the qualifier itself.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tocsin.errors import GeocodeError
from tocsin.geocode import _build
from tocsin.geocode._build import ADMIN_ABBREV, ADMIN_ACRONYM, ADMIN_BASE, ADMIN_COMPASS, ADMIN_FULL
from tocsin.geocode._names import (
    ARABIC_ARTICLE_COUNTRIES,
    COMMON_WORDS,
    GENERIC_NOUNS,
    GENERIC_WORDS,
    is_lower,
    is_upper,
    key,
    strip_arabic_article,
    strip_direction,
    strip_type_words,
)
from tocsin.geocode._names import variants as surface_variants
from tocsin.geocode._records import NEAR_KM, Admin2, Context, Feature, Reading, Row, as_context, to_row
from tocsin.geocode._tables import (
    AP_PROVINCES,
    AP_STATES,
    CITY_TYPES,
    CONTINENT_ALIASES,
    COUNTRY_ABBREVIATIONS,
    NOT_PLACES,
    REGION_DEMONYMS,
    SHORT_FEATURES,
    ap_province,
    ap_state,
    short_acronym,
    with_precision,
)
from tocsin.models import Place

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "ADMIN1_SCORE",
    "ADMIN2_SCORE",
    "ALT_BIG_PLACE",
    "ALT_NAME_FACTOR",
    "CONTEXT_BOOST",
    "NEAR_BOOST",
    "NEAR_KM",
    "SMALL_ADMIN2",
    "SMALL_COUNTRY",
    "SMALL_PLACE",
    "SMALL_REGION",
    "Gazetteer",
    "default_index_path",
    "get_gazetteer",
]

# Admin-2 regions (counties, districts) score like admin-1 ones, lower: "Kent" in an English story
# is the county, not Kent, Washington (130,000), but Norfolk, Virginia (240,000) beats Norfolk
# county without an English context. Scaled down below this population like admin-1.
ADMIN2_SCORE = 150_000.0
ADMIN2_FULL_POPULATION = 500_000
# Calibrated on the cases in tests/test_geocode.py: a region beats every place smaller than a
# big city ("Texas" the state; "Washington", 690,000, the city), a context country lifts a
# place thirtyfold ("Hyderabad" in a Pakistani story, "San Antonio", 90,000, in a Chilean one;
# "Paris" in a US one stays in France). GeoWebNews / GeoVirus acc161 at 10: 0.8811 / 0.8336
# (gold spans 0.9431 / 0.8599); 20: 0.8823 / 0.8332; 30: 0.8823 / 0.8341 (0.9446 / 0.8604);
# 40 and 60 within a toponym of 30; 100: 0.8780 / 0.8332.
ADMIN1_SCORE = 500_000.0
# ... scaled down for a region with fewer people than this (by the square root of the share):
# "St. Louis" is the city of 280,000, not the Seychelles district of 3,000 (GeoWebNews dev).
ADMIN1_FULL_POPULATION = 1_000_000
CONTEXT_BOOST = 30.0
# Matched by an alternate (foreign, old) name only: "Kiev" (Kyiv, 2.9 M) and "Bombay" still
# win, but Hong Kong's old name "Victoria" (7.5 M) does not beat the Australian state.
ALT_NAME_FACTOR = 0.05
# A place at least this big in the region's own country is what its name means ("Almaty",
# "New York", "Washington" over the regions of the same name); it also lets a context
# country's place displace a foreign country's name ("Armenia" in a Colombian story).
BIG_PLACE = 100_000
# A place matched only by another of its names must be this big to be what a region's name means:
# "New York" is New York City (8 M, filed as "New York"), but "Kansas" is the state, not Kansas City
# (475,000, also filed as "Kansas"), and "Rio Grande do Sul" the state, not the city of Rio Grande.
ALT_BIG_PLACE = 1_000_000
# So is a place of the region's name inside the region, from this size ("Kherson", 66,000).
REGION_SEAT = 10_000
# Lower-case input matches places only from this size (countries and regions always).
LOWER_CASE_MIN_POPULATION = 100_000
_MAX_PLACE_ROWS = 500
# A place smaller than this is not guessed without its country or region in context: "Almaty"
# in a story about France is still the city; a hamlet named like a word is not (GeoWebNews dev).
SMALL_PLACE = 5_000
# An admin-2 region of fewer people than this (in its populated places) is not guessed outside
# the document's countries and regions, nor an admin-1 region of a country smaller than
# SMALL_COUNTRY ("Paul" is a man, not the Cape Verde municipality; "Michael" not the Manx
# parish); a county named without its type word ("Williams", "Al") needs SMALL_ADMIN2.
SMALL_REGION = 50_000
SMALL_COUNTRY = 1_000_000
SMALL_ADMIN2 = 200_000
# Two readings in different countries whose scores are within this factor are ambiguous.
AMBIGUOUS_RATIO = 2.0

# A reading near another place of the document (within NEAR_KM, ``near``) is lifted like one in a
# context country: "Gloucester" beside Cheltenham is in England, not Ontario; "Rockingham"
# beside Safety Bay is in Western Australia (GeoWebNews dev).
NEAR_BOOST = 10.0

# A place known by this many alternate names in GeoNames (other languages, old names) is a world
# city: 634 of cities500 are ("Geneva" 60, "Venice" 66; their American namesakes 9 to 17;
# "Nelson", New Zealand, 44, is not). The story's country alone does not make a small namesake
# there (under BIG_PLACE), or a place that bears the name only as an alternate, what the name
# means (its region, a neighbour or a qualifier does: "Geneva, N.Y."), nor is the world city
# refused as out of context or ambiguous (GeoWebNews dev: Geneva and Venice in stories that name
# the US). A city of the story's country stays ("San Jose", 143,000, in a Philippine story), and
# so does a namesake with at least 1/FAME_RATIO of the world city's names ("Cambridge",
# Massachusetts, 63, beside England's 54).
WORLD_NAMES = 50
FAME_RATIO = 3.0

_CITY, _ADMIN1 = 1, 3  # Place.precision of a town and of a region or country


def _eclipsed(row: Row, known: dict[str, int]) -> bool:
    """Whether a world city of another country bears as its own the name of a small place far
    less known, or of one that bears it only as an alternate ("Venice" of Dayton, Ohio)."""
    if not row.alt and row.population >= BIG_PLACE:
        return False
    own = 0 if row.alt else row.names
    return any(
        country != row.country and names >= WORLD_NAMES and names >= FAME_RATIO * max(own, 1)
        for country, names in known.items()
    )


def default_index_path() -> Path:
    """``$TOCSIN_CACHE_DIR`` or ``$XDG_CACHE_HOME/tocsin`` or ``~/.cache/tocsin``, plus the file."""
    base = os.environ.get("TOCSIN_CACHE_DIR")
    if base:
        root = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = (Path(xdg) if xdg else Path.home() / ".cache") / "tocsin"
    return root / f"gazetteer-v{_build.INDEX_VERSION}.sqlite"


def _stored_fingerprint(path: Path) -> str | None:
    """The fingerprint stored in ``path``; None when it is missing or not a readable index."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


class Gazetteer:
    """Country and toponym lookups over a cached index.

    ``Gazetteer(path)`` opens (building if needed, unless ``build=False``) the index at
    ``path``, default :func:`default_index_path`. Raises :class:`GeocodeError` when the index
    can be neither opened nor built. Lookups are thread-safe.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, build: bool = True) -> None:
        self.path = (Path(path) if path is not None else default_index_path()).absolute()
        self.build_stats: _build.BuildStats | None = None
        if _stored_fingerprint(self.path) != _build.fingerprint():
            if not build:
                msg = f"no usable gazetteer index at {self.path} (building is off)"
                raise GeocodeError(msg)
            self.build_stats = _build.build_index(self.path)
        self._lock = threading.Lock()
        try:
            self._con = self._connect()
            self._load()
        except sqlite3.Error as e:
            msg = f"could not read the gazetteer index at {self.path}: {e}"
            raise GeocodeError(msg) from e
        self._place_rows = functools.lru_cache(maxsize=50_000)(self._query_places)
        self._admin2_rows = functools.lru_cache(maxsize=20_000)(self._query_admin2)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, check_same_thread=False)

    def _after_fork(self) -> None:
        """A SQLite connection must not cross fork(): a worker process opens its own."""
        self._lock = threading.Lock()
        self._con = self._connect()

    def _load(self) -> None:
        con = self._con
        self._countries: dict[str, Place] = {}
        self._capitals: dict[str, int] = {}
        self._country_population: dict[str, int] = {}
        for iso3, name, gid, capital, lat, lon, pop in con.execute(
            "SELECT iso3, name, geonames_id, capital_id, lat, lon, population FROM countries"
        ):
            self._countries[iso3] = Place(name, iso3, None, gid, lat, lon, _ADMIN1)
            self._country_population[iso3] = pop
            if capital is not None:
                self._capitals[iso3] = capital
        self._country_names: dict[str, tuple[str, int, bool]] = {
            k: (iso3, kind, bool(upper)) for k, iso3, kind, upper in con.execute("SELECT * FROM country_names")
        }
        self._admin1: dict[str, tuple[Place, str, int]] = {}
        for code, iso3, name, kind, gid, lat, lon, pop in con.execute("SELECT * FROM admin1"):
            self._admin1[code] = (Place(name, iso3, name, gid, lat, lon, _ADMIN1), kind or "", pop)
        self._admin1_names: dict[str, list[tuple[str, int]]] = {}
        for k, code, how in con.execute("SELECT * FROM admin1_names"):
            self._admin1_names.setdefault(k, []).append((code, how))
        self._continents: dict[str, Place] = {
            k: Place(name, None, None, gid, lat, lon, _ADMIN1)
            for k, name, gid, lat, lon in con.execute("SELECT * FROM continents")
        }
        self._admin1_by_gid = {place.geonames_id: code for code, (place, _, _) in self._admin1.items()}
        self._features: dict[str, list[Feature]] = {}
        for k, name, kind, iso3, lat, lon in con.execute("SELECT * FROM features"):
            self._features.setdefault(k, []).append(Feature(name, kind, iso3, lat, lon))
        # admin-2 regions met so far, by GeoNames id: (admin-1 code, admin-2 code, population)
        self._admin2_by_gid: dict[int, tuple[str | None, str, int]] = {}

    def close(self) -> None:
        """Close the index file; the object must not be used afterwards."""
        with self._lock:
            self._con.close()

    # ----- countries -------------------------------------------------------------------------

    def _country_hit(self, form: str, kinds: int) -> tuple[str, int] | None:
        """(iso3, kind) for one surface form whose kind is at most ``kinds``."""
        k = key(form)
        hit = self._country_names.get(k)
        if hit is None or hit[1] > kinds:
            return None
        iso3, kind, upper = hit
        if upper and not is_upper(form):
            return None  # "us", "Us"
        if is_lower(form) and (kind != _build.KIND_NAME or k in COMMON_WORDS):
            return None  # "turkey", "kremlin", "russian"
        return iso3, kind

    def country(self, text: str) -> str | None:
        """ISO 3166-1 alpha-3 of a country name, demonym, capital or seat; else None.

        ``"Kazakhstan"``, ``"Kazakhstanis"``, ``"Russia's"``, ``"the United States"``, ``"U.S."``,
        ``"the Kremlin"`` and ``"Downing Street"`` all resolve; acronyms must be in capitals and
        lower-case forms match only country names that are not common words ("us", "chad").
        """
        for form in surface_variants(text):
            hit = self._country_hit(form, _build.KIND_CAPITAL)
            if hit:
                return hit[0]
        return None

    def country_centroid(self, iso3: str) -> Place:
        """The country as a Place (precision 3) at its capital; GeocodeError if unknown."""
        place = self._countries.get(iso3)
        if place is None:
            msg = f"unknown country code {iso3!r}"
            raise GeocodeError(msg)
        return place

    # ----- places ----------------------------------------------------------------------------

    def _query_places(self, name_key: str) -> tuple[Row, ...]:
        with self._lock:
            rows = self._con.execute(
                "SELECT p.geonames_id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, "
                "n.alt, p.admin2, p.names FROM place_names n JOIN places p USING (geonames_id) WHERE n.key = ? "
                "ORDER BY p.population DESC LIMIT ?",
                (name_key, _MAX_PLACE_ROWS),
            ).fetchall()
        return tuple(to_row(row) for row in rows)

    def _query_admin2(self, name_key: str) -> tuple[Admin2, ...]:
        with self._lock:
            rows = self._con.execute(
                "SELECT a.code, n.how, a.country, a.admin1, a.name, a.type, a.geonames_id, a.lat, a.lon, "
                "a.population FROM admin2_names n JOIN admin2 a USING (code) WHERE n.key = ? "
                "ORDER BY a.population DESC LIMIT ?",
                (name_key, _MAX_PLACE_ROWS),
            ).fetchall()
        out = tuple(Admin2(c, h, iso3, a1, n, t or "", g, la, lo, p) for c, h, iso3, a1, n, t, g, la, lo, p in rows)
        for region in out:
            if region.geonames_id is not None:
                self._admin2_by_gid[region.geonames_id] = (region.admin1, region.code, region.population)
        return out

    def _admin2_place(self, region: Admin2) -> Place:
        admin1 = self._admin1.get(region.admin1) if region.admin1 else None
        return Place(
            region.name,
            region.country,
            admin1[0].name if admin1 else None,
            region.geonames_id,
            region.lat,
            region.lon,
            _ADMIN1,
        )

    def feature(self, text: str) -> Place | None:
        """A sea, river, mountain range, macro-region or former country ("the Balkans"), or None."""
        for form in surface_variants(text):
            if is_lower(form):
                continue
            hits = self._features.get(key(form))
            if hits:
                hit = hits[0]
                return Place(hit.name, hit.country, None, None, hit.lat, hit.lon, _ADMIN1)
        return None

    def _place(self, row: Row, precision: int = _CITY) -> Place:
        admin1 = self._admin1.get(row.admin1) if row.admin1 else None
        return Place(
            row.name,
            row.country,
            admin1[0].name if admin1 else None,
            row.geonames_id,
            row.lat,
            row.lon,
            precision,
        )

    def _capital_place(self, iso3: str) -> Place:
        gid = self._capitals.get(iso3)
        if gid is not None:
            with self._lock:
                row = self._con.execute(
                    "SELECT geonames_id, name, country, admin1, lat, lon, population, 0, admin2, names "
                    "FROM places WHERE geonames_id = ?",
                    (gid,),
                ).fetchone()
            if row:
                return self._place(to_row(row))
        return self.country_centroid(iso3)

    def _scored(
        self,
        form: str,
        context: frozenset[str],
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin_how: tuple[int, ...] = (ADMIN_FULL,),
    ) -> list[Reading]:
        """Admin-1 and place readings of one form, best first."""
        name_key = key(form)
        lower = is_lower(form)
        if not name_key or (lower and name_key in COMMON_WORDS) or name_key in GENERIC_NOUNS:
            return []
        # "WA", "SC": capitals that spell a place's own name are an abbreviation of something
        # else; they match only a short name ("NYC") filed for the place.
        acronym = short_acronym(form)
        rows = [
            r
            for r in self._place_rows(name_key)
            if (country is None or r.country == country)
            and (admin1 is None or r.admin1 == admin1)
            and not (lower and (r.alt or r.population < LOWER_CASE_MIN_POPULATION))
            and not (acronym and (r.alt or key(r.name) == name_key))
            and not (r.acronym and not is_upper(form))  # "La", "Sf" are not "LA", "SF"
        ]
        out: list[Reading] = []
        if acronym and not any(code in self._countries for code in context):
            admin_how = ()  # "NV" of "VistaPrint NV" is no state without a country in the story
        elif acronym:
            admin_how = (ADMIN_ACRONYM,)  # "ACT" for the Australian Capital Territory, not "Act"
        elif is_upper(form):
            admin_how = (*admin_how, ADMIN_ACRONYM)
        out.extend(self._admin2_readings(name_key, rows, context, country, admin1, admin_how))
        if admin1 is None:
            big = {r.country for r in rows if r.population >= (ALT_BIG_PLACE if r.alt else BIG_PLACE)}
            seats = {r.admin1 for r in rows if not r.alt and r.population >= REGION_SEAT}
            for code, how in self._admin1_names.get(name_key, ()):
                place, admin_type, pop = self._admin1[code]
                if how == ADMIN_COMPASS and (lower or place.country not in context):
                    continue  # "North West" is South Africa's province only in a South African story
                if (how not in admin_how and how != ADMIN_COMPASS) or (country and place.country != country):
                    continue
                if ADMIN_BASE not in admin_how and (place.country in big or code in seats) and code not in context:
                    continue  # plain "Almaty" is the city; "Almaty oblast" is not
                boost = CONTEXT_BOOST if place.country in context else 1.0
                boost *= CONTEXT_BOOST if code in context else 1.0
                boost *= min(1.0, max(pop, 1) / ADMIN1_FULL_POPULATION) ** 0.5
                out.append(Reading(ADMIN1_SCORE * boost, pop, place, admin_type, level=1))
        near = context.is_near if isinstance(context, Context) else None
        known: dict[str, int] = {}  # country -> the most alternate names of a place of this name there
        for r in rows:
            if not r.alt:
                known[r.country] = max(known.get(r.country, 0), r.names)
        for r in rows:
            score = r.population * (ALT_NAME_FACTOR if r.alt else 1.0)
            local = 1.0
            local *= CONTEXT_BOOST if r.admin1 is not None and r.admin1 in context else 1.0
            local *= CONTEXT_BOOST if r.admin2 is not None and r.admin2 in context else 1.0
            local *= NEAR_BOOST if near is not None and near(r.lat, r.lon) else 1.0
            if r.country in context and (local > 1.0 or not _eclipsed(r, known)):
                score *= CONTEXT_BOOST
            score *= local
            out.append(Reading(score, r.population, self._place(r), own_name=not r.alt))
        out.sort(key=lambda reading: (reading.score, reading.tiebreak), reverse=True)
        return out

    def _admin2_readings(  # noqa: PLR0917 - the filters of _scored, passed on
        self,
        name_key: str,
        rows: list[Row],
        context: frozenset[str],
        country: str | None,
        admin1: str | None,
        admin_how: tuple[int, ...],
    ) -> list[Reading]:
        """Admin-2 readings of a name: like admin-1 ones, scored :data:`ADMIN2_SCORE`."""
        big = {r.country for r in rows if r.population >= (ALT_BIG_PLACE if r.alt else BIG_PLACE)}
        seats = {r.admin2 for r in rows if not r.alt and r.population >= REGION_SEAT}
        # a name without a type word, looked up on its own: not "Horry County", not "..., SC"
        bare = ADMIN_BASE not in admin_how and country is None and admin1 is None
        bare = bare and strip_type_words(name_key)[1] != "admin"
        out = []
        for region in self._admin2_rows(name_key):
            if (
                region.how not in admin_how
                or (country and region.country != country)
                or (admin1 and region.admin1 != admin1)
            ):
                continue
            if (
                ADMIN_BASE not in admin_how
                and (region.country in big or region.code in seats)
                and region.code not in context
            ):
                continue  # "Norfolk" in Virginia is the city
            boost = CONTEXT_BOOST if region.country in context else 1.0
            boost *= CONTEXT_BOOST if region.admin1 in context else 1.0
            boost *= CONTEXT_BOOST if region.code in context else 1.0
            if bare and boost == 1.0 and region.population < SMALL_ADMIN2:
                continue  # a bare name out of context ("Hamdan", "Williams") is no small county
            boost *= min(1.0, max(region.population, 1) / ADMIN2_FULL_POPULATION) ** 0.5
            place = self._admin2_place(region)
            out.append(Reading(ADMIN2_SCORE * boost, region.population, place, region.type, level=2))
        return out

    def _abbreviation(self, form: str, context: frozenset[str]) -> Place | None:
        """A region's ISO 3166-2 code standing alone ("BC", "NSW"), when its country is in context."""
        if not short_acronym(form):
            return None
        found = {
            self._admin1[code][0].country: self._admin1[code][0]
            for code, how in self._admin1_names.get(key(form), ())
            if how == ADMIN_ABBREV and self._admin1[code][0].country in context
        }
        for iso3 in COUNTRY_ABBREVIATIONS.get(key(form), ()):
            if iso3 in context:
                found.setdefault(iso3, self.country_centroid(iso3))
        return next(iter(found.values())) if len(found) == 1 else None

    def _short_feature(self, k: str, context: frozenset[str]) -> Place | None:
        """The feature a short name stands for among the story's countries ("the Gulf"), else
        a region of that name in a context country, else None."""
        for name, countries in SHORT_FEATURES[k]:
            if countries & context:
                return self.feature(name)
        regions = [r for r in self._scored(k, context) if r.level and r.place.country in context]
        return regions[0].place if regions else None

    def _region_of_context(self, form: str, feature: Place, context: frozenset[str]) -> bool:
        """Whether a context country has an admin-1 region of this name that a feature abroad must
        give way to: "Midlands" in a Zimbabwean story is the province, not the English Midlands."""
        if feature.country is None or feature.country in context:
            return False
        return any(
            self._admin1[code][0].country in context and self._admin1[code][0].country != feature.country
            for code, how in self._admin1_names.get(key(form), ())
            if how == ADMIN_FULL
        )

    def _resolve_form(self, form: str, context: frozenset[str]) -> Place | None:
        """Steps 1-3 of the module docstring for one surface form."""
        if key(form) in REGION_DEMONYMS and not is_lower(form) and not self._compass_region(form, context):
            return None  # "Kurdish", "Texans": peoples, placed by demonym_place()
        hit = self._country_hit(form, _build.KIND_SEAT)
        if hit and hit[1] == _build.KIND_SEAT:
            return self._capital_place(hit[0])
        if hit and hit[1] == _build.KIND_DEMONYM:
            return None  # "Russian" is a people, not a place
        if not is_lower(form):
            k = key(form)
            feature = self.feature(form)
            continent = self._continents.get(CONTINENT_ALIASES.get(k, k))
            if continent is not None:
                # a named region of the continent's name is what news means by it: "North
                # America" is the US and Canada (GeoNames' Northern America), not Panama too
                return feature or continent
            if k in SHORT_FEATURES:
                return self._short_feature(k, context)
            if feature is not None and not hit and not self._region_of_context(form, feature, context):
                return feature
            if ap_state(form):  # "Calif.", "D.C.", "N.J."
                region = self._admin1_by_abbrev("USA", AP_STATES[k])
                if region is not None:
                    return region
            if ap_province(form):  # "B.C.", "Ont.", "N.B."
                region = self._admin1_by_abbrev("CAN", AP_PROVINCES[k])
                if region is not None:
                    return region
        scored = self._scored(form, context)
        if not hit and not scored:
            return self._abbreviation(form, context)
        if hit and hit[1] == _build.KIND_NAME:
            iso3 = hit[0]
            if iso3 not in context:
                for reading in scored:
                    # a region must outweigh the country: Georgia's towns hold more people than
                    # the country of Georgia, Nigeria's Niger State's far fewer than Niger
                    outweighs = reading.level == 1 and reading.tiebreak >= self._country_population.get(iso3, 0)
                    if (
                        reading.place.country in context
                        and reading.own_name  # not Arak, once "Iraq"
                        and (outweighs or (reading.level == 0 and reading.tiebreak >= BIG_PLACE))
                    ):
                        return reading.place  # "Georgia" in a US story
            return self.country_centroid(iso3)
        if hit:  # a part that stands for its country: "Gaza", "England"
            own = [r for r in scored if r.place.country == hit[0]]
            return own[0].place if own else self.country_centroid(hit[0])
        return scored[0].place if scored else None

    def _compass_region(self, form: str, context: frozenset[str]) -> bool:
        """Whether a context country has a region named by these compass words ("Western" in a
        Sri Lankan story is the province, not the Western world)."""
        return any(
            how == ADMIN_COMPASS and self._admin1[code][0].country in context
            for code, how in self._admin1_names.get(key(form), ())
        )

    def _resolve_typed(self, form: str, context: frozenset[str]) -> Place | None:
        """Step 4 for type and compass words: "Almaty Region", "city of X", "northern Y"."""
        base, kind = strip_type_words(form)
        if kind == "admin":
            # a county must bear the type word it is named with ("Collier County"; the Polish
            # powiat of Police is not the "Police Department")
            words = set(key(form).split()) - set(key(base).split())
            regions = [
                r
                for r in self._scored(base, context, admin_how=(ADMIN_FULL, ADMIN_BASE))
                if r.admin_type is not None
                and (r.level != 2 or bool(words & set(key(f"{r.place.name} {r.admin_type}").split())))
            ]
            if regions:
                # Prefer a region proper ("Almaty oblysy") to a city-region ("Almaty", City).
                proper = [r for r in regions if r.admin_type not in CITY_TYPES]
                return (proper or regions)[0].place
        if kind == "city":
            cities = [r for r in self._scored(base, context) if r.admin_type is None]
            if cities:
                return cities[0].place
        if kind is not None:
            place = self._resolve_form(base, context)
            if place is not None and kind == "admin" and place.precision == _CITY:
                return with_precision(place, 2)  # "Kherson region" with no such region
            if place is not None:
                return place
        bare = strip_direction(form)
        if bare is not None:
            place = self._resolve_form(bare, context) or self._resolve_typed(bare, context)
            if place is not None:
                return with_precision(place, 2) if place.precision == _CITY else place
        return None

    def _resolve_qualified(self, head: str, quals: list[str], context: frozenset[str]) -> Place | None:
        """Step 4 for "Almaty, Kazakhstan" and "Paris, TX"."""
        country: str | None = None
        admin1: str | None = None
        for qual in quals:
            iso3 = self.country(qual)
            if iso3:
                country = iso3
                continue
            if ap_state(qual) and country in {None, "USA"}:
                region = self._admin1_by_abbrev("USA", AP_STATES[key(qual)])
                if region is not None:
                    admin1 = self._admin1_by_gid.get(region.geonames_id)
                    continue
            if ap_province(qual) and country in {None, "CAN"}:
                region = self._admin1_by_abbrev("CAN", AP_PROVINCES[key(qual)])
                if region is not None:
                    admin1 = self._admin1_by_gid.get(region.geonames_id)
                    continue
            codes = [
                code
                for code, how in self._admin1_names.get(key(qual), ())
                if (how != ADMIN_ABBREV or is_upper(qual))
                and (country is None or self._admin1[code][0].country == country)
            ]
            if codes:
                # "Washington, D.C.": the region that holds the head, else one in context
                admin1 = max(codes, key=lambda c: self._qualifier_fit(head, c, context))
                continue
            county = self._qualifier_county(head, qual, country)
            if county is not None:  # "Rockingham, Northamptonshire"
                return county
        if country is None and admin1 is None:
            return self.resolve(head, context)
        if admin1 is not None:
            country = self._admin1[admin1][0].country
        for form in surface_variants(head):
            scored = self._scored(form, context, country=country, admin1=admin1)
            if scored:
                return scored[0].place
        if admin1 is not None:
            return self._admin1[admin1][0]
        return self.country_centroid(country) if country else None

    def _qualifier_county(self, head: str, qual: str, country: str | None) -> Place | None:
        """The head inside the admin-2 region ``qual`` names (the one that holds a place of that
        name, else the most populous), or the region itself; None when ``qual`` names none."""
        typed = strip_type_words(qual)[1] == "admin"
        regions = [
            r
            for r in self._admin2_rows(key(qual))
            if (country is None or r.country == country) and (r.how == ADMIN_FULL or typed)
        ]
        for region in regions:
            for form in surface_variants(head):
                rows = [r for r in self._place_rows(key(form)) if r.admin2 == region.code]
                if rows:
                    return self._place(max(rows, key=lambda r: (not r.alt, r.population)))
        return self._admin2_place(regions[0]) if regions else None

    def _admin1_by_abbrev(self, iso3: str, abbrev: str) -> Place | None:
        for code, how in self._admin1_names.get(key(abbrev), ()):
            place = self._admin1[code][0]
            if how == ADMIN_ABBREV and place.country == iso3:
                return place
        return None

    def _qualifier_fit(self, head: str, code: str, context: frozenset[str]) -> tuple[bool, bool, bool, int]:
        """How well admin-1 ``code`` qualifies ``head``: holds it, in context, then size."""
        place, _, pop = self._admin1[code]
        holds = any(self._scored(form, context, admin1=code) for form in surface_variants(head))
        return holds, code in context, place.country in context, pop

    def readings(self, name: str, limit: int = 5) -> list[Place]:
        """The biggest populated places that ``name`` names by their own name, out of context;
        for names that may confirm each other by lying close together."""
        if self.name_kind(name) is not None or self._is_demonym(name) or key(name) in NOT_PLACES | GENERIC_WORDS:
            return []
        out: list[Place] = []
        for form in surface_variants(name):
            if is_lower(form) or short_acronym(form):
                continue
            out.extend(r.place for r in self._scored(form, Context()) if r.level == 0 and r.own_name)
            if out:
                break
        return out[:limit]

    def admin1_region(self, name: str, country: str) -> Place | None:
        """The admin-1 region of ``country`` that ``name`` names in full ("Washington", "USA" ->
        the state), or None; for names that the story reads as regions (lists of states)."""
        for form in surface_variants(name):
            if is_lower(form):
                continue
            for code, how in self._admin1_names.get(key(form), ()):
                place = self._admin1[code][0]
                if how == ADMIN_FULL and place.country == country:
                    return place
        return None

    def demonym_place(self, text: str) -> Place | None:
        """The place a demonym stands for: its region ("English" -> England, "Kurdish" ->
        Kurdistan, "Texan" -> Texas), else its country at precision 3; None for other words."""
        for form in surface_variants(text):
            region = REGION_DEMONYMS.get(key(form))
            if region is not None and not is_lower(form):
                return self.resolve(region)
        if self.name_kind(text) != "demonym":
            return None
        iso3 = self.country(text)
        return self.country_centroid(iso3) if iso3 else None

    def _is_demonym(self, text: str) -> bool:
        return self.name_kind(text) == "demonym" or any(
            key(form) in REGION_DEMONYMS and not is_lower(form) for form in surface_variants(text)
        )

    def name_kind(self, text: str) -> str | None:
        """What a country-list name is: "country", "part", "demonym", "seat", "capital" or None."""
        kinds = ("country", "part", "demonym", "seat", "capital")
        for form in surface_variants(text):
            hit = self._country_hit(form, _build.KIND_CAPITAL)
            if hit:
                return kinds[hit[1]]
        return None

    def admin1_code(self, place: Place) -> str | None:
        """The admin-1 code ("KZ.02") a place lies in, or that a region is; for ``context``."""
        if place.geonames_id in self._admin1_by_gid and place.precision == _ADMIN1:
            return self._admin1_by_gid[place.geonames_id]
        if place.geonames_id in self._admin2_by_gid and place.precision == _ADMIN1:
            return self._admin2_by_gid[place.geonames_id][0]
        if place.geonames_id is None or place.precision == _ADMIN1:
            return None
        row = self._place_row(place.geonames_id)
        return row.admin1 if row else None

    def admin2_code(self, place: Place) -> str | None:
        """The admin-2 code ("US.OH.035") a place lies in, or that a county is; for ``context``."""
        if place.geonames_id is None:
            return None
        if place.precision == _ADMIN1:
            region = self._admin2_by_gid.get(place.geonames_id)
            return region[1] if region and place.geonames_id not in self._admin1_by_gid else None
        row = self._place_row(place.geonames_id)
        return row.admin2 if row else None

    def population(self, place: Place) -> int:
        """The population GeoNames gives a populated place (0 for regions and countries)."""
        if place.geonames_id is None or place.precision == _ADMIN1:
            return 0
        row = self._place_row(place.geonames_id)
        return row.population if row else 0

    def _names(self, place: Place) -> int:
        """How many alternate names GeoNames files for a populated place (0 for regions)."""
        if place.geonames_id is None or place.precision == _ADMIN1:
            return 0
        row = self._place_row(place.geonames_id)
        return row.names if row else 0

    @functools.lru_cache(maxsize=20_000)  # noqa: B019 - the gazetteer lives as long as the process
    def _place_row(self, geonames_id: int) -> Row | None:
        with self._lock:
            row = self._con.execute(
                "SELECT geonames_id, name, country, admin1, lat, lon, population, 0, admin2, names "
                "FROM places WHERE geonames_id = ?",
                (geonames_id,),
            ).fetchone()
        return to_row(row) if row else None

    def all_points(self) -> list[tuple[float, float, str]]:
        """``(lat, lon, country)`` of every populated place (for reverse geocoding in evals)."""
        with self._lock:
            return [(lat, lon, c) for lat, lon, c in self._con.execute("SELECT lat, lon, country FROM places")]

    def explain(
        self, name: str, context: Iterable[str] = (), near: Sequence[tuple[float, float]] = ()
    ) -> tuple[Place | None, str]:
        """:meth:`resolve` with a reason; small or ambiguous places outside the context give None.

        Reasons: "country", "continent", "region", "feature" (a sea, river, macro-region or
        former country of ``features.tsv``), "seat of government", "place", "place in context",
        "near or part of", and for None "unknown", "demonym", "small place out of context",
        "ambiguous", "out of context".

        ``near``: the points (lat, lon) of the document's other places; a place near one of them
        counts as in context (see :data:`NEAR_KM`).
        """
        ctx = as_context(context, near)
        place = self.resolve(name, ctx)
        if place is None:
            return None, "demonym" if self._is_demonym(name) else "unknown"
        kind = self.name_kind(name)
        if place.precision == _ADMIN1 and place.geonames_id is None and kind is None:
            feature = self.feature(name) or self.feature(place.name)  # "the Gulf": the Persian Gulf
            if feature is not None and feature.name == place.name:
                return place, "feature"
        if place.precision == _ADMIN1:
            if kind in {"country", "part"} and place.admin1 is None:
                return place, "country"
            if place.country is None:
                return place, "continent"
            qualified = "," in name  # "Horry County, SC": the qualifier is its context
            if (
                place.admin1
                and not qualified
                and not self._region_in_context(place, ctx)
                and self._small_region(name, place)
            ):
                return None, "small region out of context"  # "Paul" (Cape Verde), "Michael" (Isle of Man)
            return place, "region" if place.admin1 else "country"
        if kind in {"seat", "capital"}:
            return place, "seat of government" if kind == "seat" else "place"
        if place.precision == 2:
            return place, "near or part of"
        in_context = (
            place.country in ctx
            or (place.admin1 is not None and self.admin1_code(place) in ctx)
            or self.admin2_code(place) in ctx
            or ctx.is_near(place.lat, place.lon)
        )
        if "," in name:
            return place, "place in context" if in_context else "place"
        if key(name) in NOT_PLACES or key(name) in GENERIC_WORDS:
            return None, "generic word"
        pop = self.population(place)
        known = self._names(place)
        # "Venice" (51,000) in an American story; not Jericho as "Ariha", a Syrian town's name
        world = known >= WORLD_NAMES and any(key(form) == key(place.name) for form in surface_variants(name))
        if not in_context and pop < SMALL_PLACE and not world:
            return None, "small place out of context"
        if not in_context and pop < BIG_PLACE and not world and any(code in self._countries for code in ctx):
            return None, "out of context"
        if not in_context and pop < BIG_PLACE:
            readings = [r for f in surface_variants(name) for r in self._scored(f, ctx)[:2]][:2]
            if (
                len(readings) == 2
                and readings[0].place.country != readings[1].place.country
                and readings[0].score < AMBIGUOUS_RATIO * readings[1].score
                and not (world and known >= FAME_RATIO * max(self._names(readings[1].place), 1))
            ):
                return None, "ambiguous"
        return place, "place in context" if in_context else "place"

    def _region_in_context(self, place: Place, ctx: Context) -> bool:
        return (
            place.country in ctx
            or self.admin1_code(place) in ctx
            or self.admin2_code(place) in ctx
            or ctx.is_near(place.lat, place.lon)
        )

    def _small_region(self, name: str, place: Place) -> bool:
        """Whether a region is too small to be guessed out of context (:data:`SMALL_REGION`)."""
        gid = place.geonames_id
        if gid in self._admin1_by_gid:  # GeoNames files few places under some (Irish counties)
            return place.country is not None and self._country_population.get(place.country, 0) < SMALL_COUNTRY
        if gid is not None and gid in self._admin2_by_gid:
            typed = strip_type_words(name)[1] == "admin"  # "Collier County", not bare "Williams"
            return self._admin2_by_gid[gid][2] < (SMALL_REGION if typed else SMALL_ADMIN2)
        return False

    def resolve(self, name: str, context: Iterable[str] = (), near: Sequence[tuple[float, float]] = ()) -> Place | None:
        """The Place a toponym most likely names; ``context``: ISO3 codes seen in the document.

        Countries come first, then seats of government, then admin-1 regions and populated
        places ranked by population and context (see the module docstring). Unknown -> None.
        ``near``: the points (lat, lon) of the document's other places, as in :meth:`explain`.
        """
        ctx = as_context(context, near)
        parts = [p.strip() for p in name.split(",")]
        if len(parts) > 1 and parts[0]:
            return self._resolve_qualified(parts[0], [p for p in parts[1:] if p], ctx)
        forms = surface_variants(name)
        for form in forms:
            if form and (place := self._resolve_form(form, ctx)):
                return place
        if self._is_demonym(name):
            return None  # "South African" is a people, not the south of "African"
        for form in forms:
            if form and (place := self._resolve_typed(form, ctx)):
                return place
        # "al-Raqqa" where GeoNames files Ar Raqqah and Raqqa: the article dropped, for Arab places only
        bare = strip_arabic_article(forms[0]) if forms else None
        if bare and (place := self._resolve_form(bare, ctx)) and place.country in ARABIC_ARTICLE_COUNTRIES:
            return place
        return None


_instance: Gazetteer | None = None
_instance_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide Gazetteer, opened (and built if needed) on first use."""
    global _instance  # noqa: PLW0603 - one shared read-only index per process
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                _instance = Gazetteer()
    return _instance


def _reopen_in_child() -> None:
    if _instance is not None:
        _instance._after_fork()  # noqa: SLF001 - the module owns its singleton


os.register_at_fork(after_in_child=_reopen_in_child)
