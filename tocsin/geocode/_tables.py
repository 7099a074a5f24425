"""Word tables of the gazetteer's lookups: AP state abbreviations, continent adjectives, words
that are rarely places, and the small rules that read them."""

from __future__ import annotations

from tocsin.geocode._names import is_upper, key
from tocsin.models import Place

__all__ = [
    "AP_DOTTED",
    "AP_PROVINCES",
    "AP_STATES",
    "CITY_TYPES",
    "CONTINENT_ALIASES",
    "COUNTRY_ABBREVIATIONS",
    "NOT_PLACES",
    "REGION_DEMONYMS",
    "SHORT_FEATURES",
    "ap_province",
    "ap_state",
    "short_acronym",
    "with_precision",
]

# Capitalised words that name oceans, blocs or directions far more often than the small towns
# that share them ("Pacific", "EU", "Valley"): explain() leaves them unresolved.
NOT_PLACES = frozenset(
    {
        "pacific",
        "atlantic",
        "arctic",
        "mediterranean",
        "eu",
        "un",
        "nato",
        "valley",
        "west",
        "western",
        "east",
        "eastern",
        "north",
        "northern",
        "south",
        "southern",
        "central",
        "midwest",
        "gulf",
    }
)

# Short names of a feature that the story's countries tell apart: "the Gulf" is the Persian Gulf
# in a story of its shores, the Gulf of Mexico in an American or Mexican one; else no place (not
# the Papua New Guinean province). Key -> (feature name, countries) in order.
SHORT_FEATURES = {
    "gulf": (
        ("Persian Gulf", frozenset({"IRN", "IRQ", "KWT", "SAU", "BHR", "QAT", "ARE", "OMN", "YEM"})),
        ("Gulf of Mexico", frozenset({"USA", "MEX", "CUB"})),
    ),
}

# Abbreviations of more than one country, read by the document's countries: "SA" in a South
# African story.
COUNTRY_ABBREVIATIONS = {"sa": ("ZAF", "SAU")}

# Adjectives and blocs that stand for a continent ("European", "the EU"): GeoNames' point.
CONTINENT_ALIASES = {
    "european": "europe",
    "europeans": "europe",
    "eu": "europe",
    "european union": "europe",
    "african": "africa",
    "africans": "africa",
    "asian": "asia",
    "asians": "asia",
    "north american": "north america",
    "south american": "south america",
    "latin american": "south america",
    "latin america": "south america",
    "oceanian": "oceania",
}
# Demonyms of regions, not countries: the region a people or adjective stands for ("English" ->
# England, not the whole United Kingdom; "Kurdish" -> Kurdistan), resolved by the region's name.
# Written for tocsin (issue #5): the regions of news whose adjective is common, plural forms included.
_REGION_DEMONYMS = {
    "England": "English, Englishman, Englishmen, Englishwoman",
    "Scotland": "Scottish, Scot, Scots",
    "Wales": "Welsh, Welshman, Welshmen",
    "Northern Ireland": "Northern Irish",
    "Kurdistan": "Kurdish, Kurd, Kurds",
    "Sicily": "Sicilian, Sicilians",
    "Siberia": "Siberian, Siberians",
    "Catalonia": "Catalan, Catalans",
    "Basque Country": "Basque, Basques",
    "Bavaria": "Bavarian, Bavarians",
    "Tibet": "Tibetan, Tibetans",
    "Xinjiang": "Uighur, Uighurs, Uyghur, Uyghurs",
    "Chechnya": "Chechen, Chechens",
    "Crimea": "Crimean, Crimeans",
    "Kashmir": "Kashmiri, Kashmiris",
    "Tamil Nadu": "Tamil, Tamils",
    "Flanders": "Flemish",
    "Corsica": "Corsican, Corsicans",
    "Sardinia": "Sardinian, Sardinians",
    "Tuscany": "Tuscan",
    "Texas": "Texan, Texans",
    "California": "Californian, Californians",
    "Florida": "Floridian, Floridians",
    "Hawaii": "Hawaiian, Hawaiians",
    "Alaska": "Alaskan, Alaskans",
    "Darfur": "Darfuri, Darfuris",
    "Patagonia": "Patagonian",
    "Scandinavia": "Scandinavian, Scandinavians",
    "Arabian Peninsula": "Arab, Arabs",
    "Central America": "Central American, Central Americans",
    "Western world": "Western, Westerners",
}
REGION_DEMONYMS = {key(form.strip()): region for region, forms in _REGION_DEMONYMS.items() for form in forms.split(",")}

# AP style abbreviations of US states ("Calif.", "Va."), key -> ISO 3166-2 suffix.
AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT", "del": "DE",
    "dc": "DC", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS",
    "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS",
    "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "nh": "NH", "nj": "NJ",
    "nm": "NM", "ny": "NY", "nc": "NC", "nd": "ND", "okla": "OK", "ore": "OR", "pa": "PA",
    "ri": "RI", "sc": "SC", "sd": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA",
    "wash": "WA", "wva": "WV", "w va": "WV", "wis": "WI", "wyo": "WY",
}  # fmt: skip

# Canadian Press abbreviations of Canadian provinces ("B.C.", "Ont.", "N.B."), key -> ISO 3166-2 suffix;
# the dotted initials must be written with a dot after each letter.
AP_PROVINCES = {
    "bc": "BC", "alta": "AB", "sask": "SK", "ont": "ON", "que": "QC", "nb": "NB", "ns": "NS",
    "pei": "PE", "nfld": "NL", "nl": "NL",
}  # fmt: skip
_AP_PROVINCES_DOTTED = frozenset({"bc", "nb", "ns", "pei", "nl"})

CITY_TYPES = frozenset(
    {
        "City",
        "Capital city",
        "Autonomous city",
        "State city",
        "City with county rights",
        "Municipality",
        "City municipality",
        "Special municipality",
        "Capital district",
        "Capital territory",
        "Metropolitan city",
    }
)


def ap_state(form: str) -> bool:
    """An AP abbreviation of a US state: "Calif.", "La.", "N.J." (but "L.A." is Los Angeles)."""
    k = key(form)
    return form.endswith(".") and k in AP_STATES and (form.count(".") == 1 or k in AP_DOTTED)


def ap_province(form: str) -> bool:
    """A Canadian Press abbreviation of a Canadian province: "B.C.", "Ont.", "N.B." (not "BC")."""
    k = key(form)
    if not form.endswith(".") or k not in AP_PROVINCES:
        return False
    return form.count(".") == len(k) if k in _AP_PROVINCES_DOTTED else form.count(".") == 1


# AP abbreviations written with a dot after each initial ("N.J."); other dotted initials are not
# states ("L.A.").
AP_DOTTED = frozenset({"dc", "nh", "nj", "nm", "ny", "nc", "nd", "ri", "sc", "sd", "wva", "w va"})


def short_acronym(form: str) -> bool:
    """Two or three capitals, no dots: "WA", "NSW" (an abbreviation, not a name)."""
    letters = [c for c in form if c.isalpha()]
    return is_upper(form) and 2 <= len(letters) <= 3 and "." not in form and " " not in form.strip()


def with_precision(place: Place, precision: int) -> Place:
    return Place(
        place.name,
        place.country,
        place.admin1,
        place.geonames_id,
        place.lat,
        place.lon,
        precision,
        place.span,
    )
