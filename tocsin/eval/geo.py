"""Dataset "geo": toponym resolution on GeoWebNews (``GWN.xml``), GeoVirus, LGL or TR-News corpora.

The layout is detected by content, per toponym:

- GeoWebNews: ``<toponym>`` with ``extractedName``, ``start``, ``end``, ``latitude``, ``longitude``;
- GeoVirus: ``<location>`` with ``name``, ``start``, ``end``, ``lat``, ``lon``;
- LGL and TR-News (Gritta et al. 2019's copies): ``<toponym>`` with ``phrase``, ``start``, ``end``
  and a ``<gaztag geonameid=...>`` holding the GeoNames entry's ``name``, ``lat`` and ``lon``.

A path that is a folder is searched for ``GWN.xml``, then ``Corpora/GeoVirus.xml``,
``Corpora/lgl.xml`` and ``Corpora/TR-News.xml`` (or the same names at its top). Gold toponyms
are those with coordinates (GeoWebNews also marks demonyms and non-toponyms, LGL leaves some
names unresolved; those without coordinates are not scored). TR-News also counts demonyms
("Turkish" for Turkey) as toponyms; tocsin reads a country's demonym as that country.

Metrics (all over gold toponyms with coordinates):

- ``acc161``: share whose span tocsin found (any overlap) and resolved within 161 km;
- ``acc161_gold_spans``: the same when tocsin resolves the gold spans it is given;
- ``country_accuracy``: share of gold spans resolved in the right country, the gold country
  being that of the gazetteer place nearest to the gold point (within 161 km; points farther
  from any place, at sea or a continent's middle, are not counted);
- ``median_error_km``: the median error of the gold-span resolutions, an unresolved span
  counting as 20,038 km (half the Earth's circumference);

Unknown names (streets, buildings) are placed at the document's main place (``anchor`` in
``geocode/toponyms.py``), for both metrics: any gold span, and the spans tocsin finds that NER
calls a place. To keep a run bounded, at most :data:`MAX_ARTICLES` articles are scored: every
k-th, deterministically. The published corpora are all smaller (LGL, the largest, has 588
articles; GeoWebNews's 200 take about 25 s here), so each is scored whole.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from ..geocode import get_gazetteer
from ..geocode.toponyms import find_toponyms, resolve_spans
from ..models import Span
from . import EvalResult, register_dataset

if TYPE_CHECKING:
    from ..config import Settings
    from ..geocode import Gazetteer

__all__ = ["MAX_ARTICLES", "GoldArticle", "GoldToponym", "haversine_km", "read_corpus"]

MAX_ARTICLES = 1_000  # GeoWebNews has 200 articles, GeoVirus 229, LGL 588, TR-News 118: all are scored
ACC_KM = 161.0
_HALF_EARTH_KM = 20_038.0
_ALIGN = 5  # characters a gold span may be shifted to land on its name
_FILES = (
    "GWN.xml",
    "Corpora/GeoVirus.xml",
    "GeoVirus.xml",
    "Corpora/lgl.xml",
    "lgl.xml",
    "Corpora/TR-News.xml",
    "TR-News.xml",
)


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _file(path: Path) -> Path:
    if path.is_file():
        return path
    for name in _FILES:
        if (path / name).is_file():
            return path / name
    msg = f"no {', '.join(dict.fromkeys(n.rpartition('/')[2] for n in _FILES))} under {path}"
    raise EvalError(msg)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def _align(text: str, start: int, end: int, name: str | None) -> tuple[int, int]:
    """The gold span, moved onto its name when the offsets are off by a few characters.

    GeoVirus offsets are one character late (``start`` points at the name's second letter).
    """
    if not name or text[start:end] == name:
        return start, end
    for shift in sorted(range(-_ALIGN, _ALIGN + 1), key=abs):
        if text[start + shift : start + shift + len(name)] == name:
            return start + shift, start + shift + len(name)
    return start, end


def read_corpus(path: Path) -> list[GoldArticle]:
    """The articles of a GeoWebNews, GeoVirus, LGL or TR-News file, with their gold toponyms."""
    file = _file(path)
    try:
        root = ET.parse(file).getroot()  # noqa: S314 - a local gold file
    except ET.ParseError as e:
        msg = f"not an XML corpus: {file}: {e}"
        raise EvalError(msg) from e
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        gold = []
        for item in (*node.iter("toponym"), *node.iter("location")):
            lat = _float(item.findtext("latitude") or item.findtext("lat") or item.findtext("gaztag/lat"))
            lon = _float(item.findtext("longitude") or item.findtext("lon") or item.findtext("gaztag/lon"))
            start, end = _float(item.findtext("start")), _float(item.findtext("end"))
            if lat is None or lon is None or start is None or end is None:
                continue
            name = item.findtext("extractedName") or item.findtext("phrase") or item.findtext("name")
            first, last = _align(text, int(start), int(end), name.strip() if name else None)
            if 0 <= first < last <= len(text):
                gold.append(GoldToponym(first, last, text[first:last], lat, lon))
        articles.append(GoldArticle(text, tuple(gold)))
    if not any(a.toponyms for a in articles):
        msg = f"no toponyms with coordinates in {file} (not in the GeoWebNews, GeoVirus or LGL layout)"
        raise EvalError(msg)
    return articles


class _Countries:
    """Reverse geocoding to a country: the nearest gazetteer place on a one-degree grid."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for lat, lon, country in gazetteer.all_points():
            self.grid.setdefault((math.floor(lat), math.floor(lon)), []).append((lat, lon, country))

    def country(self, lat: float, lon: float) -> str | None:
        best, best_km = None, ACC_KM
        cy, cx = math.floor(lat), math.floor(lon)
        for dy in (-1, 0, 1):
            for dx in (-2, -1, 0, 1, 2):
                for plat, plon, country in self.grid.get((cy + dy, (cx + dx + 180) % 360 - 180), ()):
                    km = haversine_km(lat, lon, plat, plon)
                    if km < best_km:
                        best, best_km = country, km
        return best


def _error(lat: float, lon: float, place_lat: float | None, place_lon: float | None) -> float:
    if place_lat is None or place_lon is None:
        return _HALF_EARTH_KM
    return haversine_km(lat, lon, place_lat, place_lon)


@register_dataset("geo")
def run_geo(path: Path, settings: Settings) -> EvalResult:
    """Score toponym finding and resolution on a GeoWebNews, GeoVirus, LGL or TR-News corpus."""
    from ..nlp.parse import load_nlp  # noqa: PLC0415 - spaCy only when evaluating

    articles = [a for a in read_corpus(path) if a.toponyms]
    step = max(1, math.ceil(len(articles) / MAX_ARTICLES))
    articles = articles[::step]
    gazetteer = get_gazetteer()
    nlp = load_nlp(settings.spacy_model)
    countries = _Countries(gazetteer)
    n = found_ok = gold_ok = country_n = country_ok = 0
    errors: list[float] = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        found = find_toponyms(article.text, gazetteer, doc=doc, anchor_unknown=True)
        spans = [Span(g.start, g.end, g.text) for g in article.toponyms]
        given = resolve_spans(article.text, spans, gazetteer, doc=doc, anchor_unknown=True)
        for gold, toponym in zip(article.toponyms, given, strict=True):
            n += 1
            place = toponym.place
            error = _error(gold.lat, gold.lon, place.lat if place else None, place.lon if place else None)
            errors.append(error)
            gold_ok += error <= ACC_KM
            hits = [t for t in found if t.span.start < gold.end and gold.start < t.span.end]
            found_ok += any(
                t.place is not None and _error(gold.lat, gold.lon, t.place.lat, t.place.lon) <= ACC_KM for t in hits
            )
            gold_country = countries.country(gold.lat, gold.lon)
            if gold_country is not None:
                country_n += 1
                country_ok += place is not None and place.country == gold_country
    metrics = {
        "acc161": found_ok / n if n else 0.0,
        "acc161_gold_spans": gold_ok / n if n else 0.0,
        "country_accuracy": country_ok / country_n if country_n else 0.0,
        "median_error_km": statistics.median(errors) if errors else 0.0,
    }
    return EvalResult("geo", str(path), n, metrics)
