"""Every input format through read_inputs and `tocsin ingest`, with a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from data.ingest.server import DATA, make_warc, serve, warc_fixture

from tocsin.batch import Summary
from tocsin.clean.text import CleanStage
from tocsin.cli import main
from tocsin.config import Settings
from tocsin.errors import IngestError
from tocsin.ingest.detect import sniff
from tocsin.ingest.files import read_inputs
from tocsin.models import Article

LOCAL = Settings(progress=False, fetch_allow_hosts="127.0.0.1", fetch_host_delay=0.0, fetch_retries=0)
LOCAL_FLAGS = [
    "-s", "fetch_allow_hosts", "127.0.0.1",
    "-s", "fetch_host_delay", "0",
    "-s", "fetch_retries", "0",
    "-s", "n_process", "1",
]  # fmt: skip


@pytest.fixture(scope="module")
def server():
    with serve() as s:
        yield s


def read(*paths: str | Path, settings: Settings = LOCAL):
    return list(read_inputs([str(p) for p in paths], settings))


def code(result) -> str:
    return (result.reason or "").split(":", 1)[0]


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"WARC/1.1\r\n", "x.bin", "warc"),
        (b"\x1f\x8b\x08\x00", "x.warc.gz", "warc"),
        (b"\x1f\x8b\x08\x00", "x.gz", "gzip"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "x.html", "feed"),
        (b"<?xml version='1.0'?><!-- c --><feed xmlns='http://www.w3.org/2005/Atom'>", "", "feed"),
        (b"<!DOCTYPE html><html>", "x.txt", "html"),
        (b"<div><p>Some text</p></div>", "x", "html"),
        (b'{"text": "a"}\n{"text": "b"}\n', "x.txt", "jsonl"),
        (b'[{"text": "a"}]', "x", "json"),
        (b"# list\nhttps://a.example/x\nhttp://b.example/y?z=1\n", "x.txt", "urls"),
        (b"Police fired tear gas.\nhttps://a.example/x\n", "x.txt", "text"),
        (b"SQLite format 3\x00", "x.db", "sqlite"),
    ],
)
def test_ingest_formats_sniffed_by_content(head, name, kind):
    assert sniff(head, name) == kind


def test_ingest_formats_html_file_main_text(tmp_path):
    (result,) = read(DATA / "protest.html")
    article = result.article
    assert result.status == "ok"
    assert article.title == "Teachers march on parliament in Veloria over unpaid wages"
    assert article.published.isoformat() == "2024-11-05"
    assert "Reader42" not in article.raw
    cleaned = CleanStage(LOCAL)(article)
    for promo in ("Read more:", "Photo: Northern Ledger", "Click here to subscribe"):
        assert promo in article.raw
        assert promo not in cleaned.text
    assert "Police fired tear gas" in cleaned.text


def test_ingest_formats_html_author_from_page_metadata():
    results = read(DATA / "protest.html", DATA / "listed.html")
    assert [r.article.author for r in results] == ["Ines Marlow", None]
    assert results[0].article.to_dict()["author"] == "Ines Marlow"


@pytest.mark.parametrize(
    ("value", "author"),
    [
        ("Ines  Marlow", "Ines Marlow"),
        (["Ana Ruiz", "Bo Li"], "Ana Ruiz; Bo Li"),
        ({"@type": "Person", "name": "Ana Ruiz"}, "Ana Ruiz"),
        ("", None),
        (42, None),
    ],
)
def test_ingest_formats_jsonl_author_field(tmp_path, value, author):
    path = tmp_path / "a.jsonl"
    body = "Thousands rallied in the capital on Sunday against the new labour law, union leaders said."
    path.write_text(json.dumps({"text": body, "author": value}) + "\n")
    (result,) = read(path)
    assert result.article.author == author


def test_ingest_formats_json_author_field_name_from_settings(tmp_path):
    path = tmp_path / "one.json"
    body = "Thousands rallied in the capital on Sunday against the new labour law, union leaders said."
    path.write_text(json.dumps({"body": body, "byline": "Ana Ruiz", "author": "not this one"}))
    (result,) = read(path, settings=LOCAL.with_overrides({"json_fields": "body,headline,link,when,byline"}))
    assert result.article.author == "Ana Ruiz"
    with pytest.raises(IngestError, match="json_fields"):
        read(path, settings=LOCAL.with_overrides({"json_fields": "body,headline"}))


@pytest.mark.parametrize(
    ("tag", "author"),
    [
        ("<author>desk@wire.example (Jane Doe)</author>", "Jane Doe"),
        ("<dc:creator>Tom Reed</dc:creator>", "Tom Reed"),
        ("<author>desk@wire.example</author>", None),  # an address is not a byline
        ("", None),
    ],
)
def test_ingest_formats_feed_entry_author(tmp_path, tag, author):
    feed = tmp_path / "f.xml"
    summary = "<p>" + "Riot police cleared a protest camp outside the ministry of energy on Monday morning. " * 3
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t'
        f"</title><item><title>Camp cleared</title>{tag}<link>http://10.9.9.9/x</link>"
        f"<description>{html.escape(summary + '</p>')}</description></item></channel></rss>"
    )
    (result,) = read(feed)
    assert result.status == "ok"
    assert result.article.author == author


def test_ingest_formats_feed_author_when_the_page_names_none(tmp_path, server):
    feed = tmp_path / "f.xml"
    items = "".join(
        f"<item><title>{page}</title><dc:creator>Wire Desk</dc:creator><link>{server.base}/page/{page}</link></item>"
        for page in ("protest.html", "feed-one.html")
    )
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t'
        f"</title>{items}</channel></rss>"
    )
    assert [r.article.author for r in read(feed)] == ["Ines Marlow", "Wire Desk"]


def test_ingest_formats_atom_entry_authors(tmp_path):
    feed = tmp_path / "f.atom"
    summary = "<p>" + "Riot police cleared a protest camp outside the ministry of energy on Monday morning. " * 3
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>Camp</title><id>x</id>'
        "<author><name>Ana Ruiz</name><email>ana@wire.example</email></author><author><name>Bo Li</name></author>"
        f'<content type="html">{html.escape(summary + "</p>")}</content></entry></feed>'
    )
    (result,) = read(feed)
    assert result.article.author == "Ana Ruiz; Bo Li"


def test_ingest_formats_malformed_html_still_read():
    (result,) = read(DATA / "malformed.html")
    assert result.status == "ok"
    assert "Market traders in Quillon" in result.article.raw


def test_ingest_formats_html_without_text_is_empty(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>")
    (result,) = read(path)
    assert (result.status, code(result)) == ("skipped", "empty")


def test_ingest_formats_jsonl_records(tmp_path):
    results = read(DATA / "records.jsonl")
    assert [r.status for r in results] == ["ok", "ok", "failed", "skipped"]
    assert results[0].article.title == "Nurses strike in Kellby"
    assert results[0].article.url == "https://wire.example.invalid/kellby-nurses"
    assert results[0].article.published.isoformat() == "2024-10-14"
    assert results[0].origin.endswith("records.jsonl#1")
    assert code(results[2]) == "malformed"
    assert code(results[3]) == "empty"


def test_ingest_formats_json_field_names_from_settings(tmp_path):
    path = tmp_path / "one.json"
    body = "Thousands rallied in the capital on Sunday against the new labour law, union leaders said."
    record = {"body": body, "headline": "Rally", "link": "https://x.example/r", "when": "2024-01-02"}
    path.write_text(json.dumps([record]))
    (result,) = read(path, settings=LOCAL.with_overrides({"json_fields": "body,headline,link,when"}))
    assert (result.article.raw, result.article.title, result.article.url) == (body, "Rally", "https://x.example/r")


def test_ingest_formats_warc_file_and_truncated_warc(tmp_path):
    good = tmp_path / "crawl.warc.gz"
    good.write_bytes(warc_fixture())
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(make_warc([("https://a.example/p", (DATA / "listed.html").read_bytes())], gz=False))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    results = read(good, plain, cut)
    assert [r.status for r in results[:2]] == ["ok", "ok"]
    assert results[0].article.url == "https://marrow.example.invalid/rally"
    assert "Opposition rally" in results[0].article.title
    assert results[-1].status == "failed"
    assert code(results[-1]) == "corrupt"


def test_ingest_formats_corrupt_gzip_and_gzip_bomb(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 5_000_000))
    corrupt = tmp_path / "bad.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00" + b"not gzip at all" * 10)
    ok = tmp_path / "ok.txt.gz"
    ok.write_bytes(gzip.compress((DATA / "note.txt").read_bytes()))
    results = read(bomb, corrupt, ok, settings=LOCAL.with_overrides({"max_bytes": 1_000_000}))
    assert [(r.status, code(r)) for r in results] == [("skipped", "too_large"), ("failed", "corrupt"), ("ok", "")]


def test_ingest_formats_broken_feed_file():
    (result,) = read(DATA / "broken-feed.xml")
    assert (result.status, code(result)) == ("failed", "malformed")


def test_ingest_formats_feed_file_and_url_list(tmp_path, server):
    feed = tmp_path / "wire.xml"
    feed.write_text((DATA / "feed.xml").read_text().replace("{BASE}", server.base))
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# pages to read\n{server.base}/page/listed.html\n\n{server.base}/nowhere\n")
    results = read(feed, urls)
    assert [r.status for r in results] == ["ok", "ok", "ok", "failed"]
    assert results[0].article.published.isoformat() == "2024-11-06"
    assert results[2].article.title == "Curfew declared in Tessaly after night of rioting"
    assert code(results[3]) == "http"


def test_ingest_formats_feed_entry_falls_back_to_its_content(tmp_path):
    feed = tmp_path / "f.xml"
    sentence = "Riot police cleared a protest camp outside the ministry of energy on Monday morning. "
    summary = f"<p>{sentence * 3}</p>"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Camp cleared</title>'
        f"<link>http://10.9.9.9/x</link><description>{html.escape(summary)}</description></item></channel></rss>"
    )
    (result,) = read(feed)
    assert result.status == "ok"
    assert "feed:summary" in result.article.flags
    assert result.article.title == "Camp cleared"


def test_ingest_formats_kazakhstan_promo_lines_never_reach_clean_text_through_html(tmp_path, kazakhstan_path):
    text = kazakhstan_path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = tmp_path / "kazakhstan.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>{html.escape(paragraphs[0])}</title></head>"
                    f"<body><article>{body}</article></body></html>", encoding="utf-8")  # fmt: skip
    (result,) = read(page)
    article = CleanStage(LOCAL)(result.article)
    assert "Nazarbayev" in article.text
    for promo in ("SEE ALSO", "RELATED:", "Related Posts", "US May Warn Ukraine"):
        assert promo not in article.text
    # offsets stay traceable into the extracted text that Article.raw holds
    for i in range(0, len(article.text), 97):
        assert article.raw[article.offsets.to_raw(i)] == article.text[i]


def test_ingest_formats_summary_groups_skips_by_code():
    summary = Summary()
    from tocsin.pipeline import Result  # noqa: PLC0415

    for reason in ("too_large: 1 bytes", "too_large: 2 bytes", "language:fr", "empty: x"):
        summary.record(Result(origin="x", status="skipped", reason=reason))
    summary.record(Result(origin="y", status="failed", reason="unreadable: gone"))
    assert "skipped (too_large): 2" in summary.lines()
    assert "skipped (language): 1" in summary.lines()
    assert "failed (unreadable): 1" in summary.lines()


# --- the must-show: one folder mixing every format, plus a feed URL -------------------------


def _mixed_folder(folder: Path, base: str) -> None:
    for name in ("protest.html", "syndicated.html", "french.html", "malformed.html", "records.jsonl", "note.txt"):
        shutil.copy(DATA / name, folder / name)
    (folder / "wire.xml").write_text((DATA / "feed.xml").read_text().replace("{BASE}", base))
    (folder / "broken-feed.xml").write_bytes((DATA / "broken-feed.xml").read_bytes())
    (folder / "urls.txt").write_text(f"{base}/page/listed.html\n")
    (folder / "crawl.warc.gz").write_bytes(warc_fixture())


def test_ingest_formats_mixed_folder_and_feed_url_stored_once(tmp_path, server):
    folder = tmp_path / "in"
    folder.mkdir()
    _mixed_folder(folder, server.base)
    db = folder / "x.db"
    runner = CliRunner()
    args = [*LOCAL_FLAGS, "ingest", "--db", f"sqlite:///{db}", str(folder), f"{server.base}/page/atom.xml"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    ingested = re.match(r"ingested: (\d+) articles, (\d+) events", lines[0])
    assert ingested is not None, first.stdout
    # protest, malformed, 2 JSONL records, note, 2 feed entries, the listed URL, the WARC page
    assert ingested.group(1) == "9", first.output
    assert int(ingested.group(2)) > 0
    assert "duplicates: 1" in lines  # the Atom feed's entry is the listed URL's page
    assert "near-duplicates: 1" in lines  # the syndicated copy
    assert "skipped (language): 1" in lines
    assert "skipped (empty): 1" in lines
    assert "failed (malformed): 2" in lines
    assert "x.db" not in first.stderr  # the store's own file is never an input

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, url, language, canonical_id, title FROM articles").fetchall()
        n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert len(rows) == 11  # 9 + the near-duplicate + the French article
    by_title = {title: (url, language, canonical) for _id, url, language, canonical, title in rows}
    protest_id = next(i for i, _u, _l, _c, t in rows if t and t.startswith("Teachers") and _c is None)
    linked = [r for r in rows if r[3] is not None]
    assert [r[3] for r in linked] == [protest_id]
    assert by_title["Manifestation des agriculteurs à Lorvane"][1] == "fr"
    assert len({r[1] for r in rows if r[1]}) == len([r for r in rows if r[1]])  # no URL twice

    again = runner.invoke(main, args)
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[:2] == ["ingested: 0 articles, 0 events", "duplicates: 11"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == n_events


def test_ingest_formats_non_english_article_stored_without_events(tmp_path):
    db = tmp_path / "x.db"
    args = ["-s", "n_process", "1", "ingest", "--db", f"sqlite:///{db}", str(DATA / "french.html")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "skipped (language): 1" in result.stdout.splitlines()
    with sqlite3.connect(db) as conn:
        (language, flags) = conn.execute("SELECT language, flags FROM articles").fetchone()
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert language == "fr"
    assert "skipped:language:fr" in json.loads(flags)


def test_ingest_formats_language_stage_sets_english():
    from tocsin.clean.lang import LanguageStage  # noqa: PLC0415

    article = Article(raw="", text=(DATA / "note.txt").read_text().split("\n\n", 1)[1])
    assert LanguageStage(LOCAL)(article).language == "en"
    short = Article(raw="", text="Police fired.")
    assert LanguageStage(LOCAL)(short).language is None
