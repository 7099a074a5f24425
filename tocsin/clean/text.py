"""Clean text: drop promo and boilerplate lines while keeping every offset traceable.

``CleanStage`` builds ``Article.text`` from ``Article.raw`` by *removing* whole lines (or a
promo parenthetical inside a line), never by rewriting characters: typographic quotes,
dashes and spacing inside kept lines stay as they were. Each run of kept text is recorded in
``Article.offsets`` so that ``raw[offsets.to_raw(i)] == text[i]`` for every clean offset ``i``;
even the newlines between paragraphs are raw newlines.

The cascade, per line:

1. a promo or boilerplate line is dropped: "SEE ALSO: ...", "Read more: ...", "Related: ...",
   "(RELATED: ...)", "Related Posts", "Click here ...", "Subscribe ...", "Sign up for ...",
   "Share this ...", "Follow us on ...", "Advertisement", photo credits ("Photo: ...",
   "(Photo by ...)", ".../Getty Images");
2. a footer heading ("Related Posts", "More stories", ...) also drops the list of short,
   title-like lines under it;
3. a promo parenthetical inside a kept line ("... quickly. (RELATED: ...)") is cut out;
4. when the first two non-empty lines are the same (a scraped title repeated), one is kept.

Removed lines collapse so that at most one blank line separates paragraphs. Text longer than
``settings.max_chars`` is cut at a paragraph (else sentence) boundary and flagged
``truncated``; text with fewer than ``settings.min_chars`` visible characters is skipped as
``empty``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tocsin.errors import SkipArticle
from tocsin.models import Article, OffsetMap
from tocsin.pipeline import register_stage

if TYPE_CHECKING:
    from tocsin.config import Settings

__all__ = ["CleanStage", "clean_text", "is_promo_line"]

# Promo lines are short; a longer line that happens to start like one is a real paragraph.
_MAX_PROMO_CHARS = 400
# A title-like line in a "Related Posts" footer list (longer lines are prose again).
_MAX_FOOTER_ITEM_CHARS = 160
# A title taken from the text is cut to this many characters.
_MAX_TITLE_CHARS = 300
# Truncation looks for a paragraph (else sentence) break in the last part of the allowed text;
# an earlier break would throw away too much.
_MIN_KEEP_SHARE = 0.5

_PROMO_WORDS = (
    r"see\s+also|also\s+read|read\s+(?:more|also|next)|related(?:\s+\w+)?|more\s+from\s+\w+"
    r"|recommended|watch|listen|more"
)
# A promo lead-in ends with a colon, a bar or a spaced dash ("Related - ..."), never a hyphen
# ("More-than-expected turnout", "Related-party loans" are prose).
_LEAD_END = r"(?:\s*[:|]|\s+[–—-]\s)"
_PROMO_PATTERNS: tuple[re.Pattern[str], ...] = (
    # lead-ins such as SEE ALSO, Read more, Related or WATCH followed by a colon
    re.compile(rf"(?:{_PROMO_WORDS}){_LEAD_END}", re.IGNORECASE),
    # capitalised lead-ins without a colon: "SEE ALSO This ...", "READ MORE >>"
    re.compile(r"(?:SEE ALSO|ALSO READ|READ MORE|READ ALSO|READ NEXT)\b"),
    # calls to action
    re.compile(
        r"(?:click\s+here|subscribe|sign\s+up|share\s+(?:this|on|via)|follow\s+us"
        r"|follow\s+(?:\S+\s+){1,3}on\s+(?:twitter|x|facebook|instagram|telegram|tiktok"
        r"|youtube|linkedin|threads|bluesky)|download\s+(?:our|the)\s+app"
        r"|get\s+our\s+newsletter|support\s+our\s+journalism)\b",
        re.IGNORECASE,
    ),
    # labelled photo credits: "Photo: ...", "Image: ...", "Credit: ..."
    re.compile(
        r"(?:file\s+)?(?:photo(?:graph)?|image|picture|photo\s+credit|credit)s?\s*:",
        re.IGNORECASE,
    ),
)
# "Photo by ...", "(Image courtesy of ...)": a credit only on a short line that is no sentence
# ("Pictures by residents showed police ..." is prose).
_CREDIT_BY = re.compile(
    r"[(\[]?\s*(?:file\s+)?(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy|credit)\b",
    re.IGNORECASE,
)
# Whole lines that are boilerplate by themselves.
_BOILERPLATE_LINE = re.compile(
    r"(?:advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below"
    r"(?:\s+advertisement)?|continue\s+reading(?:\s+below)?|related|more\s+stories"
    r"|related\s+(?:posts|articles|stories|content|news|coverage|reading|topics|links|videos)"
    r"|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|most\s+read|trending(?:\s+now)?"
    r"|share(?:\s+this(?:\s+\w+)?)?|comments?)\W*",
    re.IGNORECASE,
)
# A footer heading: the short title-like lines under it are links to other articles.
_FOOTER_HEADING = re.compile(
    r"(?:related(?:\s+(?:posts|articles|stories|content|news|coverage|reading|links))?"
    r"|more\s+stories|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|most\s+read"
    r"|read\s+next|more\s+from\s+\w+(?:\s+\w+)?)\W*",
    re.IGNORECASE,
)
# A credit closing a short caption line: ".../Getty Images", "AFP via Getty Images".
_CREDIT_TAIL = re.compile(
    r"(?:/|\bvia\b|\bcredit:?)\s*[\w.'’ -]{0,40}?"
    r"(?:getty\s+images|shutterstock|alamy|afp|reuters|ap\s+photo|epa(?:-efe)?|anadolu)"
    r"\s*[)\]]?$",
    re.IGNORECASE,
)
# A promo parenthetical inside a line, cut with the space before it.
_INLINE_PROMO = re.compile(
    rf"\s*[(\[]\s*(?:(?:{_PROMO_WORDS})\s*:|(?:photo|image|picture)s?\s+(?:by|courtesy|credit)\b)"
    r"(?:[^()\[\]\n]|\([^()\n]*\))*[)\]]",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s")

# One raw line as the cleaner sees it: the raw ranges kept from it (empty when it is dropped
# or blank) and the raw index of its newline (-1 for a last line without one).
_Line = tuple[list[tuple[int, int]], int]


def is_promo_line(line: str) -> bool:
    """Whether a whole line is promo, boilerplate or a photo credit."""
    line = line.strip()
    if not line or len(line) > _MAX_PROMO_CHARS:
        return False
    if _BOILERPLATE_LINE.fullmatch(line) or any(p.match(line) for p in _PROMO_PATTERNS):
        return True
    if _INLINE_PROMO.fullmatch(line):  # "(RELATED: ...)" on a line of its own
        return True
    short_caption = len(line) <= _MAX_FOOTER_ITEM_CHARS and not line.endswith(".")
    return short_caption and bool(_CREDIT_BY.match(line) or _CREDIT_TAIL.search(line))


def clean_text(raw: str, max_chars: int) -> tuple[str, OffsetMap, bool]:
    """The clean text of ``raw``, its offset map, and whether it was cut to ``max_chars``."""
    pieces = _assemble(_kept_lines(raw))
    truncated = sum(b - a for a, b in pieces) > max_chars
    if truncated:
        pieces = _truncate(raw, pieces, max_chars)
    text = "".join(raw[a:b] for a, b in pieces)
    return text, _offset_map(pieces), truncated


@register_stage("tocsin.clean.v1")
class CleanStage:
    """Article.raw -> Article.text (promo removed) and Article.offsets."""

    name: str = "tocsin.clean.v1"
    requires: tuple[str, ...] = ("article.raw",)
    produces: tuple[str, ...] = ("article.text", "article.offsets")

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        text, offsets, truncated = clean_text(article.raw, self.settings.max_chars)
        visible = sum(1 for ch in text if not ch.isspace())
        if visible < self.settings.min_chars:
            raise SkipArticle("empty", "no text after cleaning")
        article.text = text
        article.offsets = offsets
        if truncated and "truncated" not in article.flags:
            article.flags.append("truncated")
        if not article.title:
            first = text.lstrip().split("\n", 1)[0].strip()
            article.title = first[:_MAX_TITLE_CHARS] or None
        return article


def _kept_lines(raw: str) -> list[_Line]:
    """Every raw line with the ranges kept from it (the line cascade of the docstring)."""
    out: list[_Line] = []
    first_key: str | None = None
    non_empty = 0
    in_footer = False
    for match in _LINE.finditer(raw):
        start, end = match.span()
        if start == end:  # the empty match at the very end
            break
        body_end = end
        while body_end > start and raw[body_end - 1] in "\r\n":
            body_end -= 1
        newline = end - 1 if end > body_end else -1
        line = raw[start:body_end]
        stripped = line.strip()
        ranges: list[tuple[int, int]] = []
        if stripped:
            non_empty += 1
            footer_item = len(stripped) <= _MAX_FOOTER_ITEM_CHARS and not stripped.endswith(".")
            if in_footer and footer_item:
                pass
            elif is_promo_line(stripped):
                in_footer = _FOOTER_HEADING.fullmatch(stripped) is not None
            else:
                in_footer = False
                key = " ".join(stripped.split()).casefold()
                if non_empty == 1:
                    first_key = key
                if non_empty != 2 or key != first_key:  # else: a title repeated
                    ranges = _cut_inline_promo(start, line)
        out.append((ranges, newline))
    return out


def _cut_inline_promo(start: int, line: str) -> list[tuple[int, int]]:
    """Raw ranges of ``line`` (at ``start``) minus promo parentheticals and trailing space."""
    kept: list[tuple[int, int]] = []
    pos = 0
    for match in _INLINE_PROMO.finditer(line):
        kept.append((pos, match.start()))
        pos = match.end()
    kept.append((pos, len(line)))
    if not "".join(line[a:b] for a, b in kept).strip():
        return []
    # drop the trailing space of the line and empty pieces
    a, b = kept[-1]
    kept[-1] = (a, a + len(line[a:b].rstrip()))
    return [(start + a, start + b) for a, b in kept if b > a]


def _assemble(lines: list[_Line]) -> list[tuple[int, int]]:
    """Raw ranges making up the clean text; the newlines between lines are raw newlines.

    Lines of one paragraph are joined by the first line's newline; paragraphs separated by
    blank or dropped lines get exactly one blank line, made of the last such line's newline.
    """
    pieces: list[tuple[int, int]] = []
    prev_newline = -1  # newline of the last kept line
    gap_newline = -1  # newline of the last blank or dropped line since then
    for ranges, newline in lines:
        if not ranges:
            if pieces and newline >= 0:
                gap_newline = newline
            continue
        if pieces:
            pieces.append((prev_newline, prev_newline + 1))
            if gap_newline >= 0:
                pieces.append((gap_newline, gap_newline + 1))
        pieces.extend(ranges)
        prev_newline, gap_newline = newline, -1
    return pieces


def _truncate(raw: str, pieces: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    text = "".join(raw[a:b] for a, b in pieces)[:max_chars]
    floor = int(max_chars * _MIN_KEEP_SHARE)
    cut = text.rfind("\n\n")
    if cut < floor:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, floor)]
        cut = ends[-1] if ends else -1
    if cut < floor:
        cut = text.rfind(" ", floor)
    if cut < floor:
        cut = max_chars
    cut = len(text[:cut].rstrip())
    out: list[tuple[int, int]] = []
    done = 0
    for a, b in pieces:
        if done + (b - a) >= cut:
            if cut > done:
                out.append((a, a + cut - done))
            break
        out.append((a, b))
        done += b - a
    return out


def _offset_map(pieces: list[tuple[int, int]]) -> OffsetMap:
    segments: list[tuple[int, int, int]] = []
    clean = 0
    for a, b in pieces:
        if b <= a:
            continue
        if segments:
            c0, r0, n = segments[-1]
            if r0 + n == a:
                segments[-1] = (c0, r0, n + b - a)
                clean += b - a
                continue
        segments.append((clean, a, b - a))
        clean += b - a
    return OffsetMap(segments)
