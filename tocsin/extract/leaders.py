"""Leaders: who a bare name is, from ``data/leaders.tsv`` (heads of state and government, 2000-2025).

``lookup("Tokayev", date(2022, 1, 6))`` gives ``("KAZ", "GOV")``: the country of a leader and
their sector on that date, ``GOV`` while in office and ``ELI`` once out of it (PLOVER's sector
for former government officials). A name matches as written in full ("Kassym-Jomart Tokayev")
or by its ending ("Tokayev", "al-Assad", "Assad", "von der Leyen"; for family-name-first
countries also by its first word: "Xi", "Moon"). A shortened name must be unambiguous: among
the leaders in office on the date when any of them carries it, else among those out of office;
the few surnames shared by too many people ("Khan", "Kim", "Johnson") match only in full.

Terms are kept by year, so in a year of transition both leaders count as in office. Before a
leader's first term the table knows nothing about them. Without a date (``on=None``) the
answer is as of the end of the table: in office means still in office.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TocsinError

if TYPE_CHECKING:
    from datetime import date

__all__ = ["LEADERS_PATH", "ROLES", "Leader", "Leaders", "Term", "load_leaders", "lookup"]

LEADERS_PATH = Path(__file__).resolve().parents[1] / "data" / "leaders.tsv"
ROLES: tuple[str, ...] = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
)
# Countries whose leaders news also calls by the first word of their name: family name first
# ("Xi Jinping" -> "Xi", "Moon Jae-in" -> "Moon", "Hun Sen" -> "Hun") or given name as the usual
# short form ("Abiy Ahmed" -> "Abiy", "Thaksin Shinawatra" -> "Thaksin", "Anwar Ibrahim" ->
# "Anwar"). Hong Kong's leaders mostly go by English given names ("Carrie Lam"): not listed.
_FIRST_WORD = frozenset({"CHN", "TWN", "PRK", "KOR", "KHM", "ETH", "ERI", "IDN", "MYS", "THA"})
# Surnames too common to stand for one leader: a passing "Khan" or "Johnson" is anyone.
_COMMON_NAMES = (
    "khan singh kim lee li wang zhang chen liu ali ahmed ahmad mohammed muhammad mohamed hassan hussein "
    "hussain rahman johnson brown smith jones martin wong park sharif said nguyen garcia rodriguez "
    "hernandez lopez gonzalez perez silva santos costa abdullah mustafa dan un"
)
_COMMON = frozenset(_COMMON_NAMES.split())
# Regnal numbers and generational suffixes are dropped for the short forms ("Charles III" ->
# "Charles", "Ferdinand Marcos Jr." -> "Marcos") and never stand alone.
_SUFFIXES = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xvi", "jr", "jr.", "sr", "sr."})
# Letters NFKD does not split into a base letter and an accent.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "œ": "oe"})
_PARTICLES = frozenset({"al", "el", "da", "de", "do", "dos", "das", "del", "van", "von", "der", "bin", "ibn", "la"})
_END = 9999  # "in office at the end of 2025": an open term


@dataclass(frozen=True, slots=True)
class Term:
    """One row of the table: ``name`` held ``role`` in ``country`` from ``start`` to ``end``."""

    name: str
    country: str
    role: str
    start: int
    end: int | None

    def covers(self, year: int) -> bool:
        return self.start <= year <= (self.end or _END)


@dataclass(frozen=True, slots=True)
class Leader:
    """A person with every term the table lists for them."""

    name: str
    country: str
    terms: tuple[Term, ...]

    def sitting(self, year: int) -> bool:
        return any(t.covers(year) for t in self.terms)

    def former(self, year: int) -> bool:
        return not self.sitting(year) and any((t.end or _END) < year for t in self.terms)


def _normalise(name: str) -> str:
    """Case-, accent- and punctuation-blind form: "Erdoğan's" -> "erdogan"."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'").translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = text.removesuffix("'s").removesuffix("'")
    text = text.replace("-", " ").replace(".", " ").replace(",", " ")
    return " ".join(text.split())


def _keys(name: str, country: str) -> set[str]:
    """The forms a leader's name is matched by: in full, every ending, "al-Assad" -> "Assad"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    keys = {" ".join(words[i:]) for i in range(len(words))}
    keys |= {w.split("-", 1)[1] for w in words[-1:] if w.lower().startswith(("al-", "el-"))}
    if country in _FIRST_WORD and len(words) > 1:
        keys.add(words[0])
    normalised = {_normalise(k) for k in keys}
    return {k for k in normalised if k and k not in _PARTICLES}


class Leaders:
    """The leaders table, indexed by every form of each name (see the module docstring)."""

    def __init__(self, terms: list[Term]) -> None:
        grouped: dict[tuple[str, str], list[Term]] = {}
        for term in terms:
            grouped.setdefault((_normalise(term.name), term.country), []).append(term)
        self.leaders = [Leader(ts[0].name, ts[0].country, tuple(ts)) for ts in grouped.values()]
        self._full: dict[str, list[Leader]] = {}
        self._short: dict[str, list[Leader]] = {}
        for leader in self.leaders:
            full = _normalise(leader.name)
            self._full.setdefault(full, []).append(leader)
            for key in _keys(leader.name, leader.country) - {full}:
                if key not in _COMMON:
                    self._short.setdefault(key, []).append(leader)

    def __len__(self) -> int:
        return len(self.leaders)

    def lookup(self, name: str, on: date | None) -> tuple[str, str] | None:
        """(ISO3, ``GOV`` or ``ELI``) of the leader called ``name`` on ``on``; None if unknown or ambiguous."""
        key = _normalise(name)
        year = on.year if on is not None else _END
        for candidates in (self._full.get(key, []), self._short.get(key, [])):
            sitting = {(c.name, c.country) for c in candidates if c.sitting(year)}
            if sitting:
                return (sitting.pop()[1], "GOV") if len(sitting) == 1 else None
            former = {(c.name, c.country) for c in candidates if c.former(year)}
            if former:
                return (former.pop()[1], "ELI") if len(former) == 1 else None
        return None


def _year(text: str, where: str) -> int | None:
    if not text:
        return None
    if not (text.isdigit() and len(text) == 4):
        msg = f"{where}: not a year: {text!r}"
        raise TocsinError(msg)
    return int(text)


def _parse(path: Path) -> list[Term]:
    terms: list[Term] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{number}"
        fields = line.split("\t")
        if len(fields) != 5:
            msg = f"{where}: expected 5 tab-separated fields, got {len(fields)}"
            raise TocsinError(msg)
        name, country, role, start, end = (f.strip() for f in fields)
        if len(country) != 3 or not country.isupper() or role not in ROLES:
            msg = f"{where}: bad country or role: {country!r} {role!r}"
            raise TocsinError(msg)
        first = _year(start, where)
        if first is None:
            msg = f"{where}: from_year is required"
            raise TocsinError(msg)
        last = _year(end, where)
        if last is not None and last < first:
            msg = f"{where}: to_year before from_year"
            raise TocsinError(msg)
        terms.append(Term(name, country, role, first, last))
    return terms


@lru_cache(maxsize=4)
def load_leaders(path: Path = LEADERS_PATH) -> Leaders:
    """The leaders table at ``path`` (once per process); TocsinError on a malformed row."""
    return Leaders(_parse(path))


def lookup(name: str, on: date | None) -> tuple[str, str] | None:
    """(ISO3, sector) of the leader ``name`` on ``on`` from the bundled table; see :class:`Leaders`."""
    return load_leaders().lookup(name, on)
