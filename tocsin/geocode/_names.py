"""Name keys and surface-form rules shared by the gazetteer build and its lookups.

A *key* is the form every name is indexed and looked up under: accents folded, case folded,
dots and apostrophes dropped, other punctuation turned into spaces, ``St`` spelled ``saint``.
``"Côte d'Ivoire"``, ``"Cote d'Ivoire"`` and ``"COTE DIVOIRE"`` share the key ``cote divoire``;
``"U.S."`` and ``"us"`` share ``us``, so whether a surface form may match is decided separately
from its original capitalisation (:func:`is_lower`, :func:`is_upper`).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ADMIN_WORDS",
    "ARABIC_ARTICLE_COUNTRIES",
    "CITY_WORDS",
    "COMMON_WORDS",
    "DIRECTION_WORDS",
    "FACILITY_WORDS",
    "GENERIC_NOUNS",
    "GENERIC_WORDS",
    "is_lower",
    "is_upper",
    "key",
    "strip_arabic_article",
    "strip_direction",
    "strip_type_words",
    "variants",
]

# Letters NFKD does not decompose into a base letter plus a combining mark.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)
_DROP = re.compile(r"[.'’ʼ‘`´]")
_SPACE = re.compile(r"[\W_]+")
_TOKENS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_EDGE = re.compile(r"^[\s\"“”«»(\[]+|[\s\"“”«»)\],;:!?]+$")

# Lower-case words that are also place names. A lower-case surface form never matches these
# ("us", "turkey", "chad", "nice", "reading"); capitalised it does.
COMMON_WORDS: frozenset[str] = frozenset(
    [
        "chad",
        "jordan",
        "georgia",
        "niger",
        "turkey",
        "china",
        "japan",
        "guinea",
        "india",
        "jersey",
        "guernsey",
        "chile",
        "cuba",
        "mali",
        "panama",
        "reunion",
        "bermuda",
        "man",
        "iceland",
        "dominica",
        "samoa",
        "tonga",
        "nauru",
        "palau",
        "nice",
        "reading",
        "split",
        "mobile",
        "bath",
        "male",
        "sale",
        "orange",
        "independence",
        "surprise",
        "paradise",
        "enterprise",
        "aurora",
        "providence",
        "phoenix",
        "buffalo",
        "derby",
        "hull",
        "cork",
        "medina",
        "victoria",
        "concord",
        "temple",
        "spring",
        "hope",
        "unity",
        "liberty",
        "union",
        "march",
        "may",
        "mercedes",
        "florida",
        "normal",
        "lincoln",
        "columbus",
        "eugene",
        "troy",
        "lafayette",
        "salem",
        "college",
        "station",
        "plain",
        "plains",
        "valley",
        "bay",
        "wells",
        "university",
        "mission",
        "pleasant",
        "fairfield",
        "kent",
        "essex",
        "sussex",
        "cambridge",
        "oxford",
        "orlando",
        "jackson",
        "austin",
        "charlotte",
        "madison",
        "alexandria",
        "arlington",
        "roanoke",
        "santa",
        "clara",
        "cleveland",
        "dayton",
        "richmond",
        "newport",
        "manchester",
        "worcester",
        "warren",
        "washington",
        "franklin",
        "lowell",
        "peoria",
        "elgin",
        "burlington",
        "canton",
        "florence",
        "hampton",
    ]
)

# Type words that mark an admin-1 region ("Almaty Region", "oblast", "province of").
ADMIN_WORDS: frozenset[str] = frozenset(
    [
        "region",
        "regions",
        "province",
        "provinces",
        "state",
        "oblast",
        "oblys",
        "oblysy",
        "governorate",
        "prefecture",
        "department",
        "departement",
        "departamento",
        "district",
        "county",
        "territory",
        "voivodeship",
        "voivodship",
        "krai",
        "kray",
        "okrug",
        "republic",
        "autonomous",
        "municipality",
        "canton",
        "emirate",
        "wilaya",
        "vilayet",
        "viloyati",
        "viloyat",
        "ostan",
        "muhafazat",
        "provincia",
        "estado",
        "regione",
        "regiao",
        "land",
        "division",
        "rayon",
        "area",
    ]
)
# Type words that mark a city ("Gaza City" is a name, "city of Almaty" a city).
CITY_WORDS: frozenset[str] = frozenset({"city", "town", "village", "township"})
# Countries whose place names GeoNames often files with the Arabic article ("Al Qāmishlī",
# "Ar Raqqah") where news drops it ("Qamishli") or spells it another way ("al-Raqqa").
ARABIC_ARTICLE_COUNTRIES = frozenset({
    "ARE", "BHR", "COM", "DJI", "DZA", "EGY", "ESH", "IRQ", "JOR", "KWT", "LBN", "LBY", "MAR", "MRT", "OMN", "PSE",
    "QAT", "SAU", "SDN", "SOM", "SYR", "TUN", "YEM",
})  # fmt: skip
# The article and its assimilated forms before sun letters, then a space or hyphen.
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|adh|an|at|ath|az)[\s\-‑]+(?=\w)", re.IGNORECASE)
_CONNECTORS = frozenset({"of", "de", "del", "di", "do", "da", "du", "la", "the"})

# Compass words in front of a toponym ("northern Kazakhstan").
DIRECTION_WORDS: frozenset[str] = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    ]
)
# Admin-1 names made only of these words ("Central", "Eastern") are not indexed on their own.
GENERIC_WORDS: frozenset[str] = DIRECTION_WORDS | frozenset(
    {
        "capital",
        "coast",
        "coastal",
        "islands",
        "lakes",
        "upper",
        "lower",
        "middle",
        "interior",
        "littoral",
        "plateau",
        "highlands",
        "lowlands",
        "centre",
        "center",
        "north east",
        "north west",
        "south east",
        "south west",
        "region",
        "province",
        "district",
    }
)


# Nouns of buildings, streets and institutions that are never a place on their own, though a
# village somewhere may bear the name: what is left of "City Hall", "West Wing", "University of
# Alberta" or "North State Street" once a type or compass word is taken off (GeoWebNews dev).
GENERIC_NOUNS: frozenset[str] = frozenset(
    {
        "academy",
        "airport",
        "arena",
        "avenue",
        "bank",
        "boulevard",
        "bridge",
        "castle",
        "cathedral",
        "center",
        "centre",
        "chapel",
        "church",
        "city",
        "club",
        "college",
        "congress",
        "council",
        "court",
        "drive",
        "embassy",
        "hall",
        "harbor",
        "harbour",
        "hospital",
        "hotel",
        "house",
        "institute",
        "international",
        "lane",
        "library",
        "mall",
        "market",
        "ministry",
        "museum",
        "national",
        "no",
        "office",
        "palace",
        "parliament",
        "park",
        "plaza",
        "port",
        "road",
        "school",
        "senate",
        "square",
        "stadium",
        "station",
        "street",
        "summit",
        "theater",
        "theatre",
        "tower",
        "town",
        "university",
        "wing",
    }
)


# Words that make a name of several words a street, building or site: "Royal Street", "Barclays
# Center", "Hotel Kyjev". Such a name is a toponym even when NER calls it an organisation.
FACILITY_WORDS: frozenset[str] = GENERIC_NOUNS - {
    "bank",
    "city",
    "club",
    "congress",
    "council",
    "parliament",
    "senate",
    "international",
    "ministry",
    "national",
    "no",
    "office",
    "summit",
    "town",
    "wing",
    "embassy",
} | frozenset(
    {
        "airfield",
        "base",
        "beach",
        "camp",
        "canal",
        "cemetery",
        "courthouse",
        "crescent",
        "estate",
        "gardens",
        "graveyard",
        "highway",
        "jail",
        "mosque",
        "motorway",
        "place",
        "prison",
        "racecourse",
        "synagogue",
        "temple",
        "terrace",
    }
)


def key(text: str) -> str:
    """The index key of ``text`` (see the module docstring)."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = _SPACE.sub(" ", _DROP.sub("", folded))
    return " ".join(_TOKENS.get(t, t) for t in folded.split())


def is_lower(text: str) -> bool:
    """True when ``text`` has cased letters and all of them are lower case ("us", "paris")."""
    return text == text.lower() and text != text.upper()


def is_upper(text: str) -> bool:
    """True when every cased letter of ``text`` is upper case and there is one ("US", "U.S.")."""
    return text == text.upper() and text != text.lower()


def variants(text: str) -> list[str]:
    """Surface forms to try, most literal first: as given, without "'s", without "the"."""
    text = _EDGE.sub("", text)
    out = [text]
    bare = _POSSESSIVE.sub("", text).rstrip()
    if bare and bare != text:
        out.append(bare)
    for form in list(out):
        short = _THE.sub("", form)
        if short and short != form:
            out.append(short)
    return out


def _strip_edges(tokens: list[str], words: frozenset[str]) -> tuple[list[str], bool]:
    def is_word(token: str, vocabulary: frozenset[str]) -> bool:
        return key(token) in vocabulary

    stripped = False
    while len(tokens) > 1 and is_word(tokens[0], words):
        tokens = tokens[1:]
        stripped = True
        while len(tokens) > 1 and is_word(tokens[0], _CONNECTORS):
            tokens = tokens[1:]
    while len(tokens) > 1 and is_word(tokens[-1], words):
        tokens = tokens[:-1]
        stripped = True
        while len(tokens) > 1 and is_word(tokens[-1], _CONNECTORS):
            tokens = tokens[:-1]
    return tokens, stripped


def strip_type_words(text: str) -> tuple[str, str | None]:
    """Split a name into its bare name and the kind of type word around it, keeping case.

    ``"Almaty Region"`` -> ``("Almaty", "admin")``; ``"city of Almaty"`` ->
    ``("Almaty", "city")``; ``"Almaty"`` -> ``("Almaty", None)``.
    """
    tokens = text.split()
    tokens, admin = _strip_edges(tokens, ADMIN_WORDS)
    if admin:
        return " ".join(tokens), "admin"
    tokens, city = _strip_edges(tokens, CITY_WORDS)
    if city:
        return " ".join(tokens), "city"
    return text, None


def strip_arabic_article(text: str) -> str | None:
    """``"Al Qamishli"`` / ``"al-Raqqa"`` -> the name without the article; None without one."""
    bare = _ARABIC_ARTICLE.sub("", text, count=1)
    return bare if bare != text and len(bare) >= 4 else None


def strip_direction(text: str) -> str | None:
    """``"northern Kazakhstan"`` -> ``"Kazakhstan"``; None when there is no compass word."""
    tokens = text.split()
    if len(tokens) > 1 and key(tokens[0]).replace(" ", "") in DIRECTION_WORDS:
        return " ".join(tokens[1:])
    return None
