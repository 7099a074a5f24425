"""Tell an input's format from its first bytes (and its name or Content-Type as hints).

Extensions lie (a feed saved as ``.html``, a WARC without ``.gz``, JSON served as text), so
the bytes decide; a name or media type only settles what the bytes leave open. The kinds:

=========  ==============================================================================
kind       recognised by
=========  ==============================================================================
warc       ``WARC/`` at the start, plain or inside gzip
gzip       gzip magic (anything else compressed: decompressed with a cap, then sniffed)
feed       an XML document whose root is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``
html       ``<!doctype html``, ``<html``, or HTML tags near the start
jsonl      ``{`` at the start and a second line starting with ``{`` (or a .jsonl name)
json       ``{`` or ``[`` at the start
urls       every non-blank, non-``#`` line of the head is one http(s) URL
sqlite     the SQLite header (a database next to the inputs; never text)
text       anything else (binary content is rejected later by ``decode_bytes``)
=========  ==============================================================================
"""

from __future__ import annotations

import re

__all__ = ["HEAD_BYTES", "URL_LINE", "sniff"]

# Bytes read to decide (feeds and HTML may start with a long comment or prolog).
HEAD_BYTES = 8192
URL_LINE = re.compile(r"https?://[^\s<>\"']+")
_GZIP = b"\x1f\x8b"
_SQLITE = b"SQLite format 3\x00"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_HTML_TAGS = re.compile(rb"<(?:head|body|p|div|article|title|meta|h1|section)[\s>/]", re.IGNORECASE)
_XML_PROLOG = re.compile(rb"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*", re.DOTALL)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def sniff(head: bytes, name: str = "", content_type: str = "") -> str:
    """The kind of input whose first bytes are ``head`` (see the module docstring)."""
    name = name.lower()
    content_type = content_type.split(";", 1)[0].strip().lower()
    if head.startswith(_GZIP):
        return "warc" if name.endswith((".warc.gz", ".arc.gz")) else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(_SQLITE):
        return "sqlite"
    for bom in _BOMS:
        head = head.removeprefix(bom)
    body = head.lstrip()
    start = _XML_PROLOG.match(body)
    after_prolog = body[start.end() :] if start else body
    if _FEED_ROOT.match(after_prolog) or (content_type in _FEED_TYPES and body.startswith(b"<")):
        return "feed"
    if _HTML_START.match(after_prolog) or content_type in _HTML_TYPES or name.endswith((".html", ".htm")):
        return "html"
    if body.startswith(b"<") and _HTML_TAGS.search(head):
        return "html"
    if body.startswith((b"{", b"[")):
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        several = len(lines) > 1 and body.startswith(b"{") and lines[1].startswith(b"{")
        if several or name.endswith((".jsonl", ".ndjson")):
            return "jsonl"
        return "json"
    lines = [line.strip() for line in body.splitlines()]
    # the head may end inside a line: judge only whole lines
    if len(head) >= HEAD_BYTES and lines:
        lines = lines[:-1]
    urls = [line for line in lines if line and not line.startswith(b"#")]
    if urls and all(URL_LINE.fullmatch(line.decode("utf-8", "replace")) for line in urls):
        return "urls"
    return "text"
