"""Counts: killed, injured, arrested and crowd size as ranges, each with its evidence span.

Numbers are read as ranges (``Count(min, max)``; ``max`` None is open): "12" is 12-12, "at
least 12" and "more than 11" are 12-open, "up to 30" is 1-30, "dozens" 24-open, "hundreds"
200-open, "thousands" 2000-open. Phrases with no number but a clear fact count too: "claimed
lives" is 1-open. Patterns are matched on the sentence text; the casualty word decides the
field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Count, Span

__all__ = ["find_counts", "parse_number"]

_UNITS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
# Vague quantities: (min, max); calibrated to common newswire usage, not to any gold set.
_VAGUE = {
    "several": (3, None),
    "a few": (2, None),
    "some": (2, None),
    "many": (10, None),
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, None),
    "thousands": (2000, None),
    "tens of thousands": (20000, None),
    "hundreds of thousands": (200000, None),
    "a handful": (2, 9),
    "multiple": (2, None),
    "numerous": (5, None),
}
_QUALIFIER = r"(?P<q>at least|more than|over|nearly|almost|around|about|some|up to|as many as|an estimated|roughly)?"
_NUM_WORDS = "|".join(sorted((re.escape(k) for k in (*_UNITS, *_VAGUE)), key=len, reverse=True))
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# "two hundred", "several thousand": a word number with its scale
_WORD_NUMBER = rf"(?:{_NUM_WORDS})(?:\s+(?:hundred|thousand|million)\b)?"
_NUMBER = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s*(?:million|thousand))?|{_WORD_NUMBER})"
_WHO = r"(?:\s+(?:[\w-]+\s+){0,3}?(?:people|persons|protesters|protestors|demonstrators|civilians|"
_WHO += r"soldiers|officers|policemen|police officers|militants|students|children|men|women|activists|"
_WHO += r"members|others|residents|workers|journalists|rioters|fighters|"
# singular victims: "one person was killed", "a constable was injured"
_WHO += r"person|man|woman|boy|girl|child|youth|civilian|soldier|officer|policeman|constable|protester|student))?"

_FIELDS = {
    "killed": r"killed|dead|died|deaths?|fatalities|lives|murdered|slain|shot dead",
    "injured": r"injured|wounded|hurt|injuries|hospitali[sz]ed",
    "arrested": r"arrested|detained|arrests|detentions|held|taken into custody|rounded up|jailed",
    "crowd_size": r"protesters|protestors|demonstrators|people|marchers|supporters|workers|students|farmers|"
    r"residents|villagers|activists|teachers|youths|traders|women",
}
_CROWD_VERBS = (
    r"marched|rallied|gathered|protested|demonstrated|took to the streets|joined|turned out|thronged|"
    r"went on strike|walked out|struck"
)
# Active forms that put the number after the verb: "killing 5", "arrested 45 people".
_ACTIVE = {
    "killed": r"killed|killing|shot dead|murdered|slew",
    "injured": r"injured|injuring|wounded|wounding|hurt",
    "arrested": r"arrested|arresting|detained|detaining|rounded up|jailed",
}
_BE = r"(?:(?:were|have been|had been|was|are|being|got)\s+)?(?:reportedly\s+)?"


@dataclass(frozen=True, slots=True)
class _Pattern:
    field: str
    regex: re.Pattern[str]


def _patterns() -> list[_Pattern]:
    sources: list[tuple[str, str]] = []
    for field, words in _FIELDS.items():
        if field == "crowd_size":
            # "thousands of young protesters marched", "a crowd of about 5,000"
            who = rf"\s+(?:of\s+)?(?:[\w-]+\s+){{0,2}}(?:{words})\s+(?:have\s+|had\s+)?(?:{_CROWD_VERBS})"
            sources.append((field, rf"\b{_QUALIFIER}\s*{_NUMBER}{who}"))
            sources.append((field, rf"\b(?:crowds?|rally|protest|march)\s+of\s+{_QUALIFIER}\s*{_NUMBER}"))
            continue
        # "at least 12 people were killed", "12 dead", then "killing 5 protesters"
        sources.append((field, rf"\b{_QUALIFIER}\s*{_NUMBER}{_WHO}\s+{_BE}(?:{words})\b"))
        sources.append((field, rf"\b(?:{_ACTIVE[field]})\s+{_QUALIFIER}\s*{_NUMBER}{_WHO}"))
    toll = r"\bdeath toll\s+(?:\w+\s+){0,3}?(?:to|at|of|reached|stands at|is)\s+"
    sources.append(("killed", rf"{toll}{_QUALIFIER}\s*{_NUMBER}"))
    return [_Pattern(field, re.compile(rx, re.IGNORECASE)) for field, rx in sources]


_PATTERNS = _patterns()
_CLAIMED_LIVES = re.compile(r"\b(?:claim(?:ed|s|ing)?|cost|took)\s+(?:(?P<n>\w+)\s+)?lives\b", re.IGNORECASE)


def parse_number(number: str, qualifier: str | None = None) -> tuple[int, int | None] | None:
    """A number phrase and its qualifier as a ``(min, max)`` range, or None."""
    n = " ".join(number.lower().split())
    q = (qualifier or "").lower()
    word, _, scale_word = n.rpartition(" ")
    if scale_word in _SCALES and (word in _VAGUE or word in _UNITS):
        # "several hundred" is 300-open, "two thousand" 2000
        scale = _SCALES[scale_word]
        if word in _VAGUE:
            low, high = _VAGUE[word]
            return low * scale, None if high is None else high * scale
        n = str(_UNITS[word] * scale)
    if n in _VAGUE:
        return _VAGUE[n]
    if n in _UNITS:
        value = _UNITS[n]
    else:
        digits = n.replace(",", "")
        scale = 1
        for word, mult in (("million", 1_000_000), ("thousand", 1000)):
            if digits.endswith(word):
                digits, scale = digits[: -len(word)].strip(), mult
        try:
            value = int(float(digits) * scale)
        except ValueError:
            return None
    if q == "at least":
        return value, None
    if q in {"more than", "over"}:
        return value + 1, None
    if q in {"up to", "as many as"}:
        return 1, value
    return value, value


def find_counts(text: str, offset: int = 0) -> dict[str, Count]:
    """Counts stated in ``text`` (one sentence); spans are offset by ``offset``."""
    found: dict[str, Count] = {}
    for pattern in _PATTERNS:
        if pattern.field in found:
            continue
        for match in pattern.regex.finditer(text):
            rng = parse_number(match.group("n"), match.group("q"))
            if rng is None or rng[0] <= 0 or _is_year(match.group("n")):
                continue
            lead = len(match.group(0)) - len(match.group(0).lstrip())
            span = Span(offset + match.start() + lead, offset + match.end(), match.group(0)[lead:])
            found[pattern.field] = Count(rng[0], rng[1], span)
            break
    if "killed" not in found:
        lives = _CLAIMED_LIVES.search(text)
        if lives:
            rng = parse_number(lives.group("n")) if lives.group("n") else None
            low, high = rng or (1, None)
            span = Span(offset + lives.start(), offset + lives.end(), lives.group(0))
            found["killed"] = Count(low, high, span)
    return found


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100
