"""Event dates: DATE entities of the event's sentence, resolved against the publication date.

:func:`event_dates` lists the sentence's DATE entities in the order they are tried: those hanging
from the event's trigger (its clause) first, then the nearest; a date inside a dateline
("KABUL, Jan 5 (Reuters) -") is when the report was filed, not when the event happened, and is
left out. :func:`resolve_date` takes the first that resolves.

dateparser runs on the DATE entity text only (never the whole text), with the publication
date as its base and a preference for the past. Precision: ``day`` for a weekday, "yesterday"
or an explicit day; ``week``/``month``/``year`` for coarser phrases, dated at the start of that
period ("last month" is the 1st of last month, "2019" is 1 January 2019, "last week" and
"over the weekend" the Monday of that week), never after publication; ``publication`` when the
sentence has no usable date and the publication date stands in; ``unknown`` otherwise. A date
after publication is kept only for events flagged ``future``; :func:`scheduled` says when a date
hanging from the trigger's own verb ("a strike for Wednesday", "next week") makes it one.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["event_dates", "resolve_date", "scheduled"]

_WEEK = re.compile(r"\bweek|weekend\b", re.IGNORECASE)
_MONTH = re.compile(
    r"\bmonth\b|^(?:in\s+)?(?:(?:early|late|mid)[\s-]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{4})?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:in\s+)?(?:(?:early|late|mid)[\s-]+)?\d{4}$|\byear\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_YEAR_WRITTEN = re.compile(r"\b(?:1[89]|20)\d\d\b")
# DATE entities that are durations or ages, not points in time.
_NOT_A_POINT = re.compile(
    r"\b(?:years? old|decades?|centuries|for\s+\w+\s+(?:days|weeks|months|years)"
    r"|(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+"
    r"(?:days|weeks|months|years)(?!\s+ago))\b",
    re.IGNORECASE,
)
_WEEKEND = re.compile(r"^(?:(?:on|over|during|at)\s+)?(?:(?P<last>last|this|the)\s+)?weekend$", re.IGNORECASE)
# A dateline: "KABUL, Jan 5 (Reuters) -", "NAIROBI, Kenya, March 3 —": an agency or a dash
# right after the date.
_DATELINE_TAIL = re.compile(r"^\s*(?:,\s*\d{4}\s*)?(?:\([^)]{1,30}\)\s*)?[-—–]")
_DATELINE_REACH = 60  # a dateline's date ends this close to the start of the text
# "a strike for Wednesday", "until Friday", "next week": a date ahead of the sentence's time
_FORWARD_WORDS = frozenset({"for", "until", "till"})
_FORWARD = re.compile(r"^(?:for|until|till|next)\b", re.IGNORECASE)
# What sets an event ahead (``scheduled``): "for Wednesday", "next week"; "for the next week" and
# "for the coming days" are how long, not when.
_AHEAD = re.compile(r"^(?:for|next)\b(?!\s+(?:the\s+(?:next|coming|following)|coming|following)\b)", re.IGNORECASE)


# Times of day that name their day ("this morning", "late last night", "tonight"): TIME entities
# to spaCy, dates to the event.
_DAY_TIME = re.compile(r"\b(?:this|last|tonight|today|yesterday)\b", re.IGNORECASE)


def event_dates(doc: Doc, head: Token, offset: int) -> list[Span]:
    """The DATE entities of ``doc`` (a sentence at ``offset`` in its article), in the order they
    should be tried as the date of the event triggered by ``head`` (module docstring)."""
    found: list[tuple[tuple[int, int], Span]] = []
    clause = _clause(head)
    for ent in doc.ents:
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and _DAY_TIME.search(ent.text)):
            continue
        if offset + ent.end_char <= _DATELINE_REACH and _DATELINE_TAIL.match(doc.text[ent.end_char :]):
            continue  # the dateline's date: when the report was filed
        attached = 0 if _governing_verb(ent.root) in clause else 1
        start = _forward_start(doc, ent)
        found.append(
            (
                (attached, abs(ent.root.i - head.i)),
                Span(offset + start, offset + ent.end_char, doc.text[start : ent.end_char]),
            )
        )
    return [span for _, span in sorted(found, key=lambda item: item[0])]


def _forward_start(doc: Doc, ent: SpacySpan) -> int:
    """Where a DATE entity starts, its forward word included: "a strike for Wednesday" keeps
    "for", which says the event is ahead."""
    if ent.start > 0 and doc[ent.start - 1].lower_ in _FORWARD_WORDS and not ent.text.endswith(("'s", "’s")):
        return int(doc[ent.start - 1].idx)
    return int(ent.start_char)


def scheduled(doc: Doc, head: Token, published: date | None) -> bool:
    """Whether a date hanging from the trigger's clause sets the event ahead of publication with
    a forward word: "announced a strike for Wednesday", "a march next week" is planned, not
    happening. "Until Friday" is left out: a curfew "until Friday" is in force now. Only the
    trigger's own verb counts, not one coordinated with it ("joined the protests on Sunday and
    announced a strike for Wednesday": the protests happened)."""
    if published is None:
        return False
    own = {head.i, _governing_verb(head) if head.pos_ not in {"VERB", "AUX"} else head.i}  # no conjuncts
    for ent in doc.ents:
        if ent.label_ != "DATE" or _governing_verb(ent.root) not in own:
            continue
        text = doc.text[_forward_start(doc, ent) : ent.end_char]
        if not _AHEAD.match(text):
            continue
        day, precision, _ = resolve_date([Span(0, len(text), text)], published, future=True)
        if precision != "publication" and day is not None and day > published:
            return True
    return False


def _governing_verb(token: Token) -> int:
    """The index of the first verb above ``token`` ("protested on Monday": protested)."""
    node = token
    for _ in range(8):
        if node.head.i == node.i:
            return node.i
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node.i
    return node.i


def _clause(head: Token) -> set[int]:
    """The trigger, the verb a noun trigger hangs from, and verbs coordinated with it."""
    verbs = {head.i}
    node = head
    for _ in range(3):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            break
        node = node.head
    verbs.add(node.i)
    verbs.update(t.i for t in node.conjuncts)
    return verbs


def resolve_date(
    entities: list[Span], published: date | None, future: bool = False
) -> tuple[date | None, str, Span | None]:
    """``(date, precision, evidence)`` for an event whose sentence has DATE ``entities``."""
    for entity in entities:
        text = entity.text.strip()
        if _NOT_A_POINT.search(text) or _BARE_NUMBER.match(text):
            continue
        if _FORWARD.match(text) and not future:
            break  # "called a strike for Wednesday": ahead of publication, whatever the context flags
        parsed = _weekday(text, published, future) or _weekend(text, published)
        if parsed is None:
            parsed = _parse(text, published)
        if parsed is None:
            continue
        if published is not None and parsed.year < published.year - 1 and not _YEAR_WRITTEN.search(text):
            continue  # "35" or "Sunday 35" read as 1935: a year must be written to go that far back
        precision = _precision(text)
        parsed = _period_start(parsed, precision)
        if published is not None and parsed > published and not future:
            continue
        return parsed, precision, entity
    if published is not None:
        return published, "publication", None
    return None, "unknown", None


def _period_start(day: date, precision: str) -> date:
    """The first day of the week (Monday), month or year ``day`` falls in, at that precision."""
    if precision == "week":
        return day - timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"^(?:on\s+|for\s+|until\s+|till\s+|(?P<last>last)\s+|this\s+|early\s+|late\s+)?(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
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


def _weekend(text: str, published: date | None) -> date | None:
    """ "over the weekend", "last weekend": the Saturday of the latest weekend up to publication.

    In a weekend article "the weekend" is that weekend and "last weekend" the one before.
    """
    match = _WEEKEND.match(text.strip())
    if match is None or published is None:
        return None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if published.weekday() >= 5 and (match.group("last") or "").lower() == "last":
        saturday -= timedelta(days=7)
    return saturday


@lru_cache(maxsize=4096)
def _parse(text: str, published: date | None) -> date | None:
    import dateparser  # noqa: PLC0415 - 0.3 s import, only when a sentence has a date

    # without a publication date, today is the base (cached per day through ``published``)
    base = datetime.combine(published or date.today(), datetime.min.time())  # noqa: DTZ011
    cleaned = re.sub(
        r"^(?:on|in|at|by|since|from|during|early|late|earlier|later|mid|for|until|till)[\s-]+",
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
