"""tocsin.geocode: name keys, data files, country names and toponym resolution.

Tests that need the built index share one Gazetteer per session through the ``gaz`` fixture
(the process singleton; its first build takes about 15 s and is cached on disk, in
``$TOCSIN_CACHE_DIR`` when set).
"""

from __future__ import annotations

import math
import sqlite3
import time
from importlib import resources

import pycountry
import pytest

import tocsin.geocode
from tocsin.errors import GeocodeError
from tocsin.geocode import Gazetteer, get_gazetteer
from tocsin.geocode._build import fingerprint
from tocsin.geocode._names import key, strip_arabic_article, strip_direction, strip_type_words, variants
from tocsin.models import Place


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _tsv(name: str) -> list[list[str]]:
    text = resources.files("tocsin").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return get_gazetteer()


# ----- without the index -----------------------------------------------------------------------


def test_geocode_exports():
    assert set(tocsin.geocode.__all__) == {"Gazetteer", "default_index_path", "get_gazetteer"}


@pytest.mark.parametrize(
    ("name", "context", "reason", "country"),
    [
        ("Kazakhstan", (), "country", "KAZ"),
        ("Europe", (), "continent", None),
        ("Almaty", (), "place", "KAZ"),
        ("Nigerian", (), "demonym", None),
        ("Pacific", ("USA",), "feature", None),
        ("Valley", ("USA",), "generic word", None),
        ("Xyzzyville", (), "unknown", None),
    ],
)
def test_geocode_explain_gives_reasons(gaz, name, context, reason, country):
    place, why = gaz.explain(name, context)
    assert why == reason
    assert (place.country if place else None) == country


def test_geocode_explain_refuses_small_places_out_of_context(gaz):
    place, why = gaz.explain("Glenrock")
    assert place is None
    assert why in {"ambiguous", "small place out of context"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte d'Ivoire", "cote divoire"),
        ("COTE D’IVOIRE", "cote divoire"),
        ("U.S.", "us"),
        ("St. Petersburg", "saint petersburg"),
        ("Nur-Sultan", "nur sultan"),
        ("Łódź", "lodz"),
        ("  Almaty  Region ", "almaty region"),
    ],
)
def test_geocode_key_normalises(text, expected):
    assert key(text) == expected


def test_geocode_variants_strip_possessive_and_article():
    assert variants("Russia's") == ["Russia's", "Russia"]
    assert variants("the United States") == ["the United States", "United States"]
    assert variants("Americans’") == ["Americans’", "Americans"]
    assert variants("“Almaty”,") == ["Almaty"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Almaty Region", ("Almaty", "admin")),
        ("province of Sindh", ("Sindh", "admin")),
        ("city of Almaty", ("Almaty", "city")),
        ("Almaty", ("Almaty", None)),
        ("Region", ("Region", None)),
    ],
)
def test_geocode_strip_type_words(text, expected):
    assert strip_type_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("al-Raqqa", "Raqqa"),
        ("Ar Raqqah", "Raqqah"),
        ("As-Sulaymaniyah", "Sulaymaniyah"),
        ("Alabama", None),  # no article: "Al" must stand alone
        ("Aleppo", None),
        ("Al Bab", None),  # too short once bare: "Bab" would match a word
        ("Raqqa", None),
    ],
)
def test_geocode_strip_arabic_article(text, expected):
    assert strip_arabic_article(text) == expected


def test_geocode_arabic_names_without_their_article(gaz):
    """GeoNames files "Al Qāmishlī" and "Al Ḩasakah"; news writes "Qamishli" and "al-Hasakah"."""
    for name in ("Qamishli", "al-Hasakah", "Hasakah", "al-Raqqa"):
        place = gaz.resolve(name)
        assert place is not None, name
        assert place.country == "SYR", (name, place)
    # Only Arab places are keyed or looked up without the article: El Paso keeps its "El"
    el_paso = gaz.resolve("El Paso")
    assert el_paso is not None
    assert el_paso.country == "USA"
    assert gaz.resolve("al-Xyzzyville") is None


def test_geocode_strip_direction():
    assert strip_direction("northern Kazakhstan") == "Kazakhstan"
    assert strip_direction("North-Eastern Nigeria") == "Nigeria"
    assert strip_direction("Kazakhstan") is None


def test_geocode_demonyms_cover_every_country_once():
    rows = _tsv("demonyms.tsv")
    codes = [row[0] for row in rows]
    expected = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    assert sorted(codes) == sorted(expected)
    owner: dict[str, str] = {}
    for row in rows:
        forms = [f.strip() for f in row[1].split(",")] if len(row) > 1 and row[1] else []
        for form in forms:
            assert owner.setdefault(key(form), row[0]) == row[0], form
    empty = {row[0] for row in rows if len(row) < 2 or not row[1].strip()}
    assert empty == {"COG", "DMA"}  # their demonyms are taken by COD and DOM


def test_geocode_name_files_use_known_codes():
    known = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    assert {row[0] for row in _tsv("country_names.tsv")} <= known
    seats = _tsv("seats.tsv")
    assert {row[1] for row in seats} <= known
    assert {row[2] for row in seats} <= {"seat", "city"}


def test_geocode_refuses_unusable_index_without_build(tmp_path):
    bad = tmp_path / "gazetteer.sqlite"
    bad.write_bytes(b"not a database")
    with pytest.raises(GeocodeError):
        Gazetteer(bad, build=False)
    stale = tmp_path / "stale.sqlite"
    con = sqlite3.connect(stale)
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('fingerprint', 'old')")
    con.commit()
    con.close()
    assert fingerprint() != "old"
    with pytest.raises(GeocodeError):
        Gazetteer(stale, build=False)


# ----- with the index --------------------------------------------------------------------------


def test_geocode_singleton(gaz):
    assert get_gazetteer() is gaz
    other = Gazetteer(gaz.path, build=False)  # opens the cached index without rebuilding
    try:
        assert other.build_stats is None
        assert other.country("Kazakhstan") == "KAZ"
    finally:
        other.close()


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Kazakhstan", "KAZ"),
        ("kazakhstan", "KAZ"),
        ("KAZAKHSTAN", "KAZ"),
        ("Kazakh", "KAZ"),
        ("Kazakhstani", "KAZ"),
        ("Kazakhstanis", "KAZ"),
        ("Kazakhs", "KAZ"),
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Russia's", "RUS"),
        ("American", "USA"),
        ("Americans'", "USA"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("British", "GBR"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Scotland", "GBR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("DRC", "COD"),
        ("Congo", "COD"),
        ("Congo-Brazzaville", "COG"),
        ("Burma", "MMR"),
        ("Palestinian", "PSE"),
        ("Turkey", "TUR"),
        ("Chad", "TCD"),
        ("Georgia", "GEO"),
        ("Kremlin", "RUS"),
        ("the Kremlin", "RUS"),
        ("Moscow", "RUS"),
        ("White House", "USA"),
        ("Washington", "USA"),
        ("Downing Street", "GBR"),
        ("Beijing", "CHN"),
        ("Elysee", "FRA"),
        ("Élysée Palace", "FRA"),
        ("Akorda", "KAZ"),
        ("Astana", "KAZ"),
        ("Nur-Sultan", "KAZ"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
    ],
)
def test_geocode_country_names(gaz, text, iso3):
    assert gaz.country(text) == iso3


@pytest.mark.parametrize(
    "text",
    [
        "us",
        "Us",
        "uk",
        "chad",
        "turkey",
        "jordan",
        "kremlin",
        "russian",
        "white house",
        "drc",
        "Xyzzyville",
        "Almaty",
        "",
        "the",
        "government",
    ],
)
def test_geocode_country_rejects(gaz, text):
    assert gaz.country(text) is None


def test_geocode_resolve_almaty(gaz):
    place = gaz.resolve("Almaty")
    assert place is not None
    assert place.country == "KAZ"
    assert place.precision == 1
    assert place.geonames_id is not None
    assert place.lat is not None
    assert place.lon is not None
    assert _km(place.lat, place.lon, 43.25, 76.95) < 25


def test_geocode_resolve_country_first(gaz):
    place = gaz.resolve("Kazakhstan")
    assert place is not None
    assert (place.country, place.precision, place.admin1) == ("KAZ", 3, None)
    assert place == gaz.country_centroid("KAZ")


def test_geocode_country_centroid(gaz):
    kaz = gaz.country_centroid("KAZ")
    assert isinstance(kaz, Place)
    assert (kaz.name, kaz.country, kaz.precision) == ("Kazakhstan", "KAZ", 3)
    assert kaz.lat is not None
    assert kaz.lon is not None
    assert _km(kaz.lat, kaz.lon, 48.0, 68.0) < 25  # the country's centre, as GeoNames places it
    with pytest.raises(GeocodeError):
        gaz.country_centroid("ZZZ")


@pytest.mark.parametrize(
    ("name", "context", "country", "precision"),
    [
        ("Paris", (), "FRA", 1),
        ("Paris", ("USA",), "FRA", 1),  # Paris, Texas is too small to win on context alone
        ("Paris, Texas", (), "USA", 1),
        ("Paris, TX", (), "USA", 1),
        ("Georgia", (), "GEO", 3),
        ("Georgia", ("GEO",), "GEO", 3),
        ("Georgia", ("USA", "GEO"), "GEO", 3),
        ("Birmingham", (), "GBR", 1),
        ("Birmingham", ("USA",), "USA", 1),
        ("Hyderabad", (), "IND", 1),
        ("Hyderabad", ("PAK",), "PAK", 1),
        ("Tripoli", (), "LBY", 1),
        ("Tripoli", ("LBN",), "LBN", 1),
        ("Jordan", ("USA",), "JOR", 3),  # Jordan, Minnesota does not displace the country
        ("Niger", ("NGA",), "NER", 3),  # nor Nigeria's Niger State, smaller than the country
        ("Armenia", ("COL",), "COL", 1),  # a big city of the story's country does
        ("Texas", (), "USA", 3),
        ("Punjab", ("IND",), "IND", 3),
        ("Moscow", (), "RUS", 1),
        ("New York", (), "USA", 1),
        ("Washington", (), "USA", 1),
        ("Kyiv", (), "UKR", 1),
        ("Kiev", (), "UKR", 1),
        ("Bombay", (), "IND", 1),
        ("Алматы", (), "KAZ", 1),
        ("Kremlin", (), "RUS", 1),
        ("the White House", (), "USA", 1),
        ("Gaza", (), "PSE", 1),
        ("West Bank", (), "PSE", 3),
        ("England", (), "GBR", 3),
        ("Russia's", (), "RUS", 3),
        ("the Philippines", (), "PHL", 3),
        ("northern Kazakhstan", (), "KAZ", 3),
        ("Xyzzyville, Kazakhstan", (), "KAZ", 3),
        ("paris", (), "FRA", 1),
    ],
)
def test_geocode_resolve(gaz, name, context, country, precision):
    place = gaz.resolve(name, context)
    assert place is not None, name
    assert (place.country, place.precision) == (country, precision), place


def test_geocode_resolve_context_picks_us_state(gaz):
    place = gaz.resolve("Georgia", ("USA",))
    assert place is not None
    assert (place.name, place.country, place.admin1, place.precision) == (
        "Georgia",
        "USA",
        "Georgia",
        3,
    )


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Almaty Region", "Almaty Region"),
        ("Almaty oblast", "Almaty Region"),
        ("Kyiv region", "Kyiv Oblast"),
        ("Donetsk Oblast", "Donetsk Oblast"),
        ("Sindh province", "Sindh"),
        ("state of Georgia", "Georgia"),
        ("Washington state", "Washington"),
        ("Chechnya", "Chechen Republic"),
    ],
)
def test_geocode_resolve_admin1(gaz, name, admin1):
    place = gaz.resolve(name)
    assert place is not None, name
    assert (place.admin1, place.precision) == (admin1, 3)


def test_geocode_resolve_city_in_its_region(gaz):
    place = gaz.resolve("Springfield, Illinois")
    assert place is not None
    assert (place.country, place.admin1) == ("USA", "Illinois")
    city = gaz.resolve("city of Almaty")
    assert city is not None
    assert (city.country, city.precision) == ("KAZ", 1)
    near = gaz.resolve("eastern Almaty")
    assert near is not None
    assert (near.country, near.precision) == ("KAZ", 2)


@pytest.mark.parametrize("name", ["Xyzzyville", "us", "nice", "Kazakh", "Russian", "", "   ", "the", "Region"])
def test_geocode_resolve_unknown(gaz, name):
    assert gaz.resolve(name) is None


def test_geocode_resolve_prefers_big_places(gaz):
    # Every one of these names is also a village somewhere.
    for name, country in [
        ("London", "GBR"),
        ("Cairo", "EGY"),
        ("Delhi", "IND"),
        ("Lagos", "NGA"),
        ("Toronto", "CAN"),
        ("Santiago", "CHL"),
    ]:
        place = gaz.resolve(name)
        assert place is not None
        assert place.country == country, name


def test_geocode_lookups_are_fast(gaz):
    names = [
        "Almaty",
        "Kazakhstan",
        "Paris",
        "Georgia",
        "Kremlin",
        "Xyzzyville",
        "Texas",
        "Almaty Region",
        "Lagos",
        "Birmingham",
    ] * 200
    start = time.perf_counter()
    for i, name in enumerate(names):
        gaz.resolve(name, ("USA",) if i % 2 else ())
        gaz.country(name)
    assert time.perf_counter() - start < 2.0  # 4,000 calls; about 0.1 s on a laptop


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Washington, D.C.", "USA", "District of Columbia"),  # not Bogota's "DC"
        ("Calif.", "USA", "California"),
        ("Va.", "USA", "Virginia"),
        ("St. Louis", "USA", "Missouri"),  # the city, not a small Seychelles district
    ],
)
def test_geocode_resolve_abbreviations_and_small_regions(gaz, name, country, admin1):
    place = gaz.resolve(name)
    assert (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize("name", ["European", "EU", "African", "Asian"])
def test_geocode_continent_adjectives(gaz, name):
    place, reason = gaz.explain(name)
    assert reason == "continent"
    assert place.country is None


def test_geocode_region_without_places_has_coordinates(gaz):
    for name in ("Cavan", "Alberta", "Texas"):
        place = gaz.resolve(name)
        assert place.lat is not None
        assert place.lon is not None


@pytest.mark.parametrize(
    ("name", "context", "country", "admin1"),
    [
        ("Cuyahoga County", (), "USA", "Ohio"),
        ("Collier County", ("USA",), "USA", "Florida"),
        ("Suffolk County", ("USA", "US.NY"), "USA", "New York"),  # not Boston's county
        ("Horry County, SC", (), "USA", "South Carolina"),
        ("Kent", ("GBR",), "GBR", "England"),  # the county, not Kent, Washington
        ("Fife", ("GBR",), "GBR", "Scotland"),
    ],
)
def test_geocode_resolve_admin2(gaz, name, context, country, admin1):
    place, reason = gaz.explain(name, context)
    assert reason == "region"
    assert (place.country, place.admin1, place.precision) == (country, admin1, 3)


def test_geocode_admin2_gives_way_to_its_city(gaz):
    assert gaz.resolve("Norfolk").country == "USA"  # Norfolk, Virginia (240,000) without context
    assert gaz.resolve("Norfolk", ("GBR",)).country == "GBR"
    assert gaz.resolve("Franklin", ("USA",)).precision == 1  # bare "Franklin": no county


def test_geocode_admin2_code_in_context(gaz):
    county = gaz.resolve("Cuyahoga County")
    code = gaz.admin2_code(county)
    assert code is not None
    assert gaz.admin1_code(county) == "US.OH"
    cleveland = gaz.resolve("Cleveland", ("USA",))
    assert gaz.admin2_code(cleveland) == code


@pytest.mark.parametrize(
    ("name", "shown", "country"),
    [
        ("Atlantic", "Atlantic Ocean", None),
        ("the Mediterranean", "Mediterranean Sea", None),
        ("Mississippi River", "Mississippi River", "USA"),
        ("Korean Peninsula", "Korean Peninsula", None),
        ("Middle East", "Middle East", None),
        ("the Balkans", "Balkan Peninsula", None),
        ("Soviet Union", "Soviet Union", "RUS"),
        ("USSR", "Soviet Union", "RUS"),
        ("Tahrir Square", "Tahrir Square", "EGY"),
        ("Heathrow", "Heathrow Airport", "GBR"),
    ],
)
def test_geocode_features(gaz, name, shown, country):
    place, reason = gaz.explain(name)
    assert reason == "feature"
    assert (place.name, place.country) == (shown, country)
    assert place.lat is not None


@pytest.mark.parametrize(
    ("name", "shown", "lat", "lon"),
    [
        ("Middle East", "Middle East", 33.1, 35.9),  # GeoNames 6269133
        ("North Africa", "North Africa", 33.0, 10.0),  # GeoNames 7729887
        ("North America", "North America", 54.8, -105.6),  # Northern America, GeoNames 7729890
        ("the West", "Western world", 50.2, 7.4),  # at Western Europe, GeoNames 9408659
    ],
)
def test_geocode_macro_regions_at_geonames_points(gaz, name, shown, lat, lon):
    place, reason = gaz.explain(name)
    assert (reason, place.name) == ("feature", shown)
    assert (round(place.lat, 1), round(place.lon, 1)) == (lat, lon)


def test_geocode_continent_adjective_keeps_the_continent(gaz):
    # "North American" is the continent, as gold sets ground it; the named region "North
    # America" is the US and Canada
    assert gaz.explain("North American")[1] == "continent"


@pytest.mark.parametrize(("name", "shown"), [("Western", "Western world"), ("Central Americans", "Central America")])
def test_geocode_demonyms_of_macro_regions(gaz, name, shown):
    assert gaz.explain(name) == (None, "demonym")
    assert gaz.demonym_place(name).name == shown


def test_geocode_former_country_at_successor_point(gaz):
    assert (gaz.resolve("Soviet Union").lat, gaz.resolve("Soviet Union").lon) == (
        gaz.country_centroid("RUS").lat,
        gaz.country_centroid("RUS").lon,
    )


def test_geocode_feature_file_is_well_formed():
    for row in _tsv("features.tsv"):
        assert len(row) in (4, 5), row
        _, lat, lon, kind = row[:4]
        kinds = {
            "ocean",
            "sea",
            "lake",
            "river",
            "mountains",
            "desert",
            "peninsula",
            "island",
            "region",
            "site",
            "former",
        }
        assert kind in kinds
        if kind == "former":
            assert row[4].strip()
        else:
            assert -90 <= float(lat) <= 90, row
            assert -180 <= float(lon) <= 180, row


@pytest.mark.parametrize(
    ("name", "context", "shown"),
    [
        ("NYC", (), "New York City"),
        ("Philly", (), "Philadelphia"),
        ("BC", ("CAN",), "British Columbia"),
        ("NSW", ("AUS",), "New South Wales"),
        ("SA", ("ZAF",), "South Africa"),
    ],
)
def test_geocode_short_names_and_abbreviations(gaz, name, context, shown):
    assert gaz.resolve(name, context).name == shown


@pytest.mark.parametrize(("name", "context"), [("BC", ()), ("WA", ()), ("SA", ("USA",)), ("WA", ("USA", "AUS"))])
def test_geocode_abbreviation_needs_its_country(gaz, name, context):
    assert gaz.resolve(name, context) is None  # not Wa, Ghana


def test_geocode_near_points_lift_a_neighbour(gaz):
    assert gaz.resolve("Windsor").country == "CAN"  # Windsor, Ontario (280,000)
    place, reason = gaz.explain("Windsor", (), near=[(51.51, -0.13)])  # a story placed in London
    assert (place.country, reason) == ("GBR", "place in context")


def test_geocode_foreign_town_out_of_context(gaz):
    assert gaz.resolve("Delft").country == "NLD"
    assert gaz.explain("Delft", ["ZAF"]) == (None, "out of context")  # a Cape Town township


@pytest.mark.parametrize(
    ("name", "context", "shown"),
    [
        ("L.A.", (), "Los Angeles"),
        ("La.", (), "Louisiana"),
        ("N.J.", (), "New Jersey"),
        ("ACT", ("AUS",), "Australian Capital Territory"),
    ],
)
def test_geocode_dotted_and_capital_abbreviations(gaz, name, context, shown):
    assert gaz.resolve(name, context).name == shown


@pytest.mark.parametrize("name", ["La", "Act", "Sf"])
def test_geocode_acronyms_need_capitals(gaz, name):
    assert gaz.resolve(name) is None


@pytest.mark.parametrize("name", ["Paul", "Michael"])
def test_geocode_small_regions_out_of_context(gaz, name):
    place, reason = gaz.explain(name)
    assert place is None
    assert reason == "small region out of context"


def test_geocode_admin1_points_are_used(gaz):
    rows = _tsv("admin1_points.tsv")
    assert len({row[0] for row in rows}) == len(rows)
    for code, lat, lon, name in rows:
        assert -90 <= float(lat) <= 90, code
        assert -180 <= float(lon) <= 180, code
        assert name.strip(), code
    alaska = gaz.resolve("Alaska")
    assert (alaska.lat, alaska.lon) == (64.0, -150.0)  # not the middle of its towns, near Anchorage
    assert _km(gaz.resolve("Ontario", ("CAN",)).lat, gaz.resolve("Ontario", ("CAN",)).lon, 49.25, -84.5) < 1


def test_geocode_bare_small_county_needs_context(gaz):
    assert gaz.resolve("Williams") is None or gaz.resolve("Williams").precision == 1
    county = gaz.resolve("Williams County", ("USA", "US.ND"))
    assert (county.admin1, county.precision) == ("North Dakota", 3)


@pytest.mark.parametrize(
    ("name", "iso3"), [("South African", "ZAF"), ("South Africans", "ZAF"), ("North Korean", "PRK")]
)
def test_geocode_compass_demonyms_are_peoples(gaz, name, iso3):
    assert gaz.explain(name) == (None, "demonym")  # not "African" with a compass word
    assert gaz.country(name) == iso3


def test_geocode_irish_towns_lie_in_their_county(gaz):
    navan = gaz.resolve("Navan", ("IRL",))
    assert (navan.country, navan.admin1) == ("IRL", "Meath")
    meath = gaz.resolve("Meath", ("IRL",))
    assert meath.lat is not None


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Snetterton, Norfolk", "England"), ("Springfield, Sangamon County", "Illinois")],
)
def test_geocode_county_qualifier(gaz, name, admin1):
    place = gaz.resolve(name)
    assert (place.admin1, place.precision) == (admin1, 1)


@pytest.mark.parametrize(
    ("name", "context", "iso3"), [("Iraq", ("IRN",), "IRQ"), ("Laos", ("VNM",), "LAO"), ("China", ("MEX",), "CHN")]
)
def test_geocode_country_not_displaced_by_a_foreign_name_or_a_county(gaz, name, context, iso3):
    place, reason = gaz.explain(name, context)
    assert (place.country, reason) == (iso3, "country")  # not Arak (Iraq), Lao Cai, a Mexican municipality


@pytest.mark.parametrize(
    ("name", "context", "shown"),
    [
        ("Kansas", ("USA",), "Kansas"),  # not Kansas City, also filed as "Kansas"
        ("Rio Grande do Sul", ("BRA",), "Rio Grande do Sul"),  # not the city of Rio Grande
        ("New York", ("USA",), "New York City"),  # a city this big is what the name means
    ],
)
def test_geocode_region_not_displaced_by_a_city_of_another_name(gaz, name, context, shown):
    assert gaz.resolve(name, context).name == shown


def test_geocode_feature_abroad_gives_way_to_a_region_of_the_story(gaz):
    assert gaz.explain("Midlands", ("ZWE",))[0].country == "ZWE"  # the province
    assert gaz.explain("Midlands", ("GBR",)) == (gaz.feature("Midlands"), "feature")
    assert gaz.explain("Midlands")[1] == "feature"


@pytest.mark.parametrize(
    ("name", "shown", "iso3"),
    [
        ("English", "England", "GBR"),  # the part, not the United Kingdom's point
        ("Kurdish", "Kurdistan", "IRQ"),
        ("Texans", "Texas", "USA"),
        ("Kazakh", "Kazakhstan", "KAZ"),  # a country's demonym: the country
    ],
)
def test_geocode_demonym_place(gaz, name, shown, iso3):
    assert gaz.explain(name) == (None, "demonym")  # a people, not a place, to resolve()
    place = gaz.demonym_place(name)
    assert (place.name, place.country, place.precision) == (shown, iso3, 3)
    assert gaz.demonym_place("Almaty") is None


@pytest.mark.parametrize(
    ("name", "context", "shown"),
    [
        ("the Gulf", ("SAU",), "Persian Gulf"),
        ("Gulf", ("USA",), "Gulf of Mexico"),
        ("Gulf", (), None),  # not the Papua New Guinean province out of context
        ("Gulf", ("PNG",), "Gulf"),
    ],
)
def test_geocode_short_feature_names_read_by_context(gaz, name, context, shown):
    place = gaz.resolve(name, context)
    assert (place.name if place else None) == shown


@pytest.mark.parametrize("name", ["Congress", "Parliament", "Senate", "Arab"])
def test_geocode_institutions_and_peoples_are_no_villages(gaz, name):
    assert gaz.resolve(name, ("USA",)) is None  # not Congress, Arizona, nor Arab, Alabama


@pytest.mark.parametrize(
    ("name", "shown"),
    [("B.C.", "British Columbia"), ("N.B.", "New Brunswick"), ("Ont.", "Ontario"), ("Nelson, B.C.", "Nelson")],
)
def test_geocode_canadian_press_province_abbreviations(gaz, name, shown):
    place = gaz.resolve(name)
    assert (place.name, place.country) == (shown, "CAN")


@pytest.mark.parametrize("name", ["BC", "Ont", "N.B"])
def test_geocode_province_abbreviations_need_their_dots(gaz, name):
    place = gaz.resolve(name)
    assert place is None or place.country != "CAN"


def test_geocode_world_city_not_refused_out_of_context(gaz):
    # Venice (51,000, 66 alternate names) beside its American namesakes in an American story
    place, reason = gaz.explain("Venice", ("USA",))
    assert (place.country, reason) == ("ITA", "place")
    assert gaz.resolve("Venice", ("USA", "US.CA")).country == "USA"  # its state is in the story


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("North West", ("ZAF",), ("ZAF", "North-West")),  # South Africa's province in its story
        ("the North West", ("ZAF",), ("ZAF", "North-West")),
        ("Western", ("ZMB",), ("ZMB", "Western")),  # the province, not the Western world
        ("North West", (), None),  # compass words alone, without the country
        ("north west", ("ZAF",), None),
    ],
)
def test_geocode_regions_named_by_compass_words_need_their_country(gaz, name, context, expected):
    place, _ = gaz.explain(name, context)
    assert (None if place is None else (place.country, place.admin1)) == expected


def test_geocode_world_city_by_another_name_is_still_refused(gaz):
    # Jericho (76 alternate names) is also filed as "Ariha", the name of a Syrian town
    place, _ = gaz.explain("Ariha", ("SYR",))
    assert place is None or place.country == "SYR"
