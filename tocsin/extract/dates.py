"""Event dates: DATE entities of the event's sentence, resolved against the publication date.

dateparser runs on the DATE entity text only (never the whole text), with the publication
date as its base and a preference for the past. Precision: ``day`` for a weekday, "yesterday"
or an explicit day; ``week``/``month``/``year`` for coarser phrases; ``publication`` when the
sentence has no usable date and the publication date stands in; ``unknown`` otherwise. A date
after publication is kept only for events flagged ``future``.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..models import Span

__all__ = ["resolve_date"]

_WEEK = re.compile(r"\bweek|weekend\b", re.IGNORECASE)
_MONTH = re.compile(
    r"\bmonth\b|^(?:in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:in\s+)?\d{4}$|\byear\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_YEAR_WRITTEN = re.compile(r"\b(?:1[89]|20)\d\d\b")
# DATE entities that are durations or ages, not points in time.
_NOT_A_POINT = re.compile(
    r"\b(?:years? old|decades?|centuries|for\s+\w+\s+(?:days|weeks|months|years)"
    r"|(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+"
    r"(?:days|weeks|months|years)(?!\s+ago))\b",
    re.IGNORECASE,
)


def resolve_date(
    entities: list[Span], published: date | None, future: bool = False
) -> tuple[date | None, str, Span | None]:
    """``(date, precision, evidence)`` for an event whose sentence has DATE ``entities``."""
    for entity in entities:
        text = entity.text.strip()
        if _NOT_A_POINT.search(text) or _BARE_NUMBER.match(text):
            continue
        parsed = _weekday(text, published, future)
        if parsed is None:
            parsed = _parse(text, published)
        if parsed is None:
            continue
        if published is not None and parsed.year < published.year - 1 and not _YEAR_WRITTEN.search(text):
            continue  # "35" or "Sunday 35" read as 1935: a year must be written to go that far back
        if published is not None and parsed > published and not future:
            continue
        return parsed, _precision(text), entity
    if published is not None:
        return published, "publication", None
    return None, "unknown", None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"^(?:on\s+|(?P<last>last)\s+|this\s+|early\s+|late\s+)?(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


def _weekday(text: str, published: date | None, future: bool) -> date | None:
    """A weekday named alone: the latest such day up to publication, the publication day included.

    dateparser's past preference skips the base day ("on Tuesday" in a Tuesday article gave the
    Tuesday before); "last Tuesday" on a Tuesday is a week back; a ``future`` event gets the
    next such day.
    """
    match = _WEEKDAY.match(text.strip())
    if match is None or published is None:
        return None
    wanted = _WEEKDAYS.index(match.group("day").lower())
    if future and not match.group("last"):
        return published + timedelta(days=(wanted - published.weekday()) % 7 or 7)
    back = (published.weekday() - wanted) % 7
    if back == 0 and match.group("last"):
        back = 7
    return published - timedelta(days=back)


@lru_cache(maxsize=4096)
def _parse(text: str, published: date | None) -> date | None:
    import dateparser  # noqa: PLC0415 - 0.3 s import, only when a sentence has a date

    # without a publication date, today is the base (cached per day through ``published``)
    base = datetime.combine(published or date.today(), datetime.min.time())  # noqa: DTZ011
    cleaned = re.sub(
        r"^(?:on|in|at|by|since|from|during|early|late|earlier|later)\s+",
        "",
        text,
        flags=re.IGNORECASE,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser emits tz deprecation warnings on 3.11
        result = dateparser.parse(
            cleaned,
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
        )
    return result.date() if result else None


def _precision(text: str) -> str:
    if _WEEK.search(text):
        return "week"
    if _MONTH.search(text.strip()):
        return "month"
    if _YEAR.search(text.strip()):
        return "year"
    return "day"
