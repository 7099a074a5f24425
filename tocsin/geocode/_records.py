"""The records a gazetteer lookup deals in, and the document context it is given.

:class:`Context` is the document's country and region codes plus the points of its other places
(:data:`NEAR_KM`); :class:`Row`, :class:`Admin2` and :class:`Feature` are index rows;
:class:`Reading` one scored way to read a toponym.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from tocsin.geocode._build import ALT_ACRONYM

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tocsin.models import Place

__all__ = ["NEAR_KM", "Admin2", "Context", "Feature", "Reading", "Row", "as_context", "km", "to_row"]

# A reading within this distance of another place of the document (``near``) is lifted like one
# in a context country: "Gloucester" beside Cheltenham is in England, not Ontario; "Rockingham"
# beside Safety Bay is in Western Australia (GeoWebNews dev).
NEAR_KM = 100.0

_EARTH_KM = 6371.0088


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return _EARTH_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


class Context(frozenset[str]):
    """The document's country and region codes, plus the points of its other places (``near``)."""

    _cells: dict[tuple[int, int], list[tuple[float, float]]]

    def __new__(cls, codes: Iterable[str] = (), near: Iterable[tuple[float, float]] = ()) -> Self:
        self = super().__new__(cls, codes)
        self._cells = {}
        for lat, lon in near:
            self._cells.setdefault((math.floor(lat), math.floor(lon)), []).append((lat, lon))
        return self

    def is_near(self, lat: float | None, lon: float | None) -> bool:
        """Whether a point lies within :data:`NEAR_KM` of one of the document's places."""
        if not self._cells or lat is None or lon is None:
            return False
        cy, cx = math.floor(lat), math.floor(lon)
        return any(
            km(lat, lon, plat, plon) <= NEAR_KM
            for dy in (-1, 0, 1)
            for dx in (-2, -1, 0, 1, 2)
            for plat, plon in self._cells.get((cy + dy, (cx + dx + 180) % 360 - 180), ())
        )


def as_context(context: Iterable[str], near: Iterable[tuple[float, float]] = ()) -> Context:
    """``context`` as a :class:`Context` with ``near`` points (itself when it is one and no points come)."""
    return context if isinstance(context, Context) and not near else Context(context, near)


@dataclass(frozen=True, slots=True)
class Row:
    """A populated place as a name lookup found it."""

    geonames_id: int
    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    alt: bool  # matched by a foreign or old name
    admin2: str | None = None
    acronym: bool = False  # matched by a short name in capitals of place_aliases.tsv ("NYC")
    names: int = 0  # how many alternate names GeoNames files for it (other languages, old names)


def to_row(row: tuple[Any, ...]) -> Row:
    """A :class:`Row` from ``(id, name, country, admin1, lat, lon, population, alt, admin2, names)``."""
    gid, name, country, admin1, lat, lon, population, alt, admin2, names = row
    return Row(gid, name, country, admin1, lat, lon, population, alt == 1, admin2, alt == ALT_ACRONYM, names)


@dataclass(frozen=True, slots=True)
class Admin2:
    """An admin-2 region (county, district) and how its name matched (``ADMIN_FULL``...)."""

    code: str
    how: int
    country: str
    admin1: str | None
    name: str
    type: str
    geonames_id: int | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Feature:
    """A row of ``features.tsv``: a sea, river, mountain range, macro-region or former country."""

    name: str
    kind: str
    country: str | None
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a toponym: a region (``admin_type`` set, maybe "") or a place (None)."""

    score: float
    tiebreak: int
    place: Place
    admin_type: str | None = None
    own_name: bool = True  # matched by its own name, not a foreign or old one
    level: int = 0  # 1 admin-1, 2 admin-2 region, 0 a place
