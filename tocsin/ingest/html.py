"""HTML page -> Article: main text and metadata, with a fallback cascade.

``Article.raw`` of an HTML input is the *extracted* text, paragraphs separated by a blank line,
so the clean stage's offsets point into what a user is shown, not into markup. The cascade:

1. trafilatura (comments, navigation and boilerplate excluded) with its metadata: title, date,
   author, site name;
2. when it finds less than ``settings.min_chars`` visible characters: the ``<p>`` (and
   heading) elements outside ``script/style/nav/header/footer/aside/form`` via lxml;
3. nothing found: ``SkipArticle('empty')``.

Decoding: a BOM, then the charset of the Content-Type, then a ``<meta charset>`` in the head,
then ``decode_bytes``' UTF-8/cp1252/latin-1 cascade. A declared charset that is unknown or
does not fit the bytes is skipped and flagged ``charset:<declared>``.
"""

from __future__ import annotations

import codecs
import logging
import re
from datetime import date
from typing import TYPE_CHECKING, Any

import lxml.etree
import lxml.html
import trafilatura

from tocsin.errors import SkipArticle
from tocsin.ingest.files import decode_bytes
from tocsin.models import Article

if TYPE_CHECKING:
    from tocsin.config import Settings

__all__ = ["decode_html", "html_to_article"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# <meta charset> must come in the first 1024 bytes (HTML standard); allow a little more.
_META_WINDOW = 4096
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template")
_TEXT_TAGS = ("p", "h1", "h2", "h3", "li", "blockquote")
# trafilatura logs every page it finds too little in at WARNING: noise for a batch run.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, list[str]]:
    """Decode an HTML body; returns the text and flags saying how (see the module docstring)."""
    flags: list[str] = []
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = decode_bytes(data)
        return text, [f"encoding:{encoding}"] if encoding else []
    declared = [charset] if charset else []
    match = _META_CHARSET.search(data[:_META_WINDOW])
    if match:
        declared.append(match.group(1).decode("ascii", "replace").lower())
    for name in dict.fromkeys(declared):
        try:
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            flags.append(f"charset:{name}")
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n"), flags
    text, encoding = decode_bytes(data)
    if encoding:
        flags.append(f"encoding:{encoding}")
    return text, flags


def html_to_article(html: str, settings: Settings, url: str | None = None) -> Article:
    """The article in page ``html``; raises ``SkipArticle('empty')`` when there is none."""
    document = _trafilatura(html, url)
    text = _paragraphs(document.get("text") or "") if document else ""
    flags: list[str] = []
    if _visible(text) < settings.min_chars:
        text = _fallback(html)
        flags.append("html:fallback")
    if _visible(text) < settings.min_chars:
        raise SkipArticle("empty", "no main text in the page")
    meta = document or {}
    title = meta.get("title") or _page_title(html)
    return Article(
        raw=text,
        url=url or meta.get("url") or None,
        source=meta.get("sitename") or None,
        title=title or None,
        author=_author(meta.get("author")),
        published=_date(meta.get("date")),
        flags=flags,
    )


def _trafilatura(html: str, url: str | None) -> dict[str, Any] | None:
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
    except Exception:  # noqa: BLE001 - any parser failure falls back to lxml below
        return None
    if document is None:
        return None
    as_dict = document if isinstance(document, dict) else document.as_dict()
    return dict(as_dict)


def _paragraphs(text: str) -> str:
    """trafilatura's one-paragraph-per-line text with blank lines between paragraphs."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def _fallback(html: str) -> str:
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.iter(*_DROP_TAGS):
        element.drop_tree()
    blocks = (" ".join(element.text_content().split()) for element in root.iter(*_TEXT_TAGS))
    return "\n\n".join(block for block in blocks if block)


def _page_title(html: str) -> str | None:
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    for path in ("//meta[@property='og:title']/@content", "//title/text()", "//h1//text()"):
        values = [str(v).strip() for v in root.xpath(path) if str(v).strip()]
        if values:
            return " ".join(values[0].split())
    return None


def _author(value: Any) -> str | None:
    """trafilatura's author field, e.g. ``"Ines Marlow; Tom Reed"``, with whitespace collapsed."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _visible(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())
