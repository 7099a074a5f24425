from __future__ import annotations

import codecs
import io
import os
import socket
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tocsin.config import Settings
from tocsin.ingest.files import count_inputs, parse_header, read_inputs

if TYPE_CHECKING:
    from tocsin.pipeline import Result

SETTINGS = Settings(progress=False)
BODY = "Police dispersed a march in the capital on Tuesday.\n\nDozens were detained.\n"


def read_one(path: Path | str, settings: Settings = SETTINGS, **kwargs):
    results = list(read_inputs([str(path)], settings, **kwargs))
    assert len(results) == 1
    return results[0]


def code(result: Result) -> str:
    return (result.reason or "").split(":", 1)[0]


def test_ingest_files_reads_plain_utf8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Strike Halts Ports\n\n" + BODY, encoding="utf-8")
    result = read_one(path)
    assert result.status == "ok"
    assert result.origin == str(path)
    assert result.article.raw.startswith("Strike Halts Ports")
    assert result.article.title == "Strike Halts Ports"
    assert result.article.flags == []


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", "\ufeff \n".encode()])
def test_ingest_files_empty_is_skipped(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = read_one(path)
    assert (result.status, code(result)) == ("skipped", "empty")
    assert result.article is None


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        bytes(range(1, 32)) * 40,  # control characters, no NUL
        b"Some text\x00with a NUL",
    ],
)
def test_ingest_files_binary_is_skipped(tmp_path, content):
    path = tmp_path / "blob.txt"
    path.write_bytes(content)
    result = read_one(path)
    assert (result.status, code(result)) == ("skipped", "binary")


def test_ingest_files_cp1252_is_decoded_and_flagged(tmp_path):
    text = "Protesters chanted “Out!” in the café — 50 € fines followed.\n"
    path = tmp_path / "cp.txt"
    path.write_bytes(text.encode("cp1252"))
    result = read_one(path)
    assert result.status == "ok"
    assert result.article.raw == text
    assert "encoding:cp1252" in result.article.flags


def test_ingest_files_latin1_fallback(tmp_path):
    # 0x81 is undefined in cp1252, so only latin-1 decodes this
    path = tmp_path / "l1.txt"
    path.write_bytes(b"Caf\xe9 owners \x81 protested the new tax in the old town.\n")
    result = read_one(path)
    assert result.status == "ok"
    assert "encoding:latin-1" in result.article.flags
    assert result.article.raw.startswith("Café owners")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ingest_files_utf16_bom(tmp_path, encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "u16.txt"
    path.write_bytes(bom + ("Title: Curfew in Colombo\n\n" + BODY).encode(encoding))
    result = read_one(path)
    assert result.status == "ok"
    assert result.article.title == "Curfew in Colombo"
    assert result.article.raw == BODY
    assert "encoding:utf-16" in result.article.flags


def test_ingest_files_utf8_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"First line\r\nSecond line\r\n")
    result = read_one(path)
    assert result.article.raw == "First line\nSecond line\n"
    assert result.article.flags == []


def test_ingest_files_too_large_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk and no time
    opened: list[str] = []
    real_open = Path.open

    def spy(self, *args, **kwargs):
        opened.append(str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    result = read_one(path)
    assert (result.status, code(result)) == ("skipped", "too_large")
    assert str(path) not in opened


def test_ingest_files_max_bytes_setting(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    assert read_one(path, Settings(max_bytes=10)).status == "skipped"
    assert read_one(path, Settings(max_bytes=len(BODY))).status == "ok"


def test_ingest_files_dangling_symlink_is_unreadable(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "vanished.txt")
    result = read_one(link)
    assert result.status == "failed"
    assert result.reason.startswith("unreadable: ")


def test_ingest_files_missing_path_is_unreadable(tmp_path):
    result = read_one(tmp_path / "nope.txt")
    assert result.status == "failed"
    assert code(result) == "unreadable"


def test_ingest_files_glob_without_match_is_unreadable(tmp_path):
    result = read_one(tmp_path / "*.nothing")
    assert result.status == "failed"
    assert "no file matches" in result.reason


def test_ingest_files_fifo_is_unreadable_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = read_one(fifo)  # opening a FIFO without a writer would hang
    assert result.status == "failed"
    assert result.reason == "unreadable: not a regular file (fifo)"


def test_ingest_files_socket_in_folder_is_unreadable(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "b.sock"))
        results = list(read_inputs([str(tmp_path)], SETTINGS))
    finally:
        sock.close()
    assert [r.status for r in results] == ["ok", "failed"]
    assert results[1].reason == "unreadable: not a regular file (socket)"


def test_ingest_files_directory_named_txt_is_walked(tmp_path):
    odd = tmp_path / "odd.txt"
    odd.mkdir()
    (odd / "inner.txt").write_text(BODY)
    (tmp_path / "z.txt").write_text(BODY)
    results = list(read_inputs([str(tmp_path / "*.txt")], SETTINGS))
    assert [Path(r.origin).name for r in results] == ["inner.txt", "z.txt"]
    assert all(r.status == "ok" for r in results)


def test_ingest_files_folder_recursion_sorted_hidden_skipped(tmp_path):
    for rel in ["b.txt", "a/z.txt", "a/c/d.txt", ".hidden.txt", ".git/x.txt", "a/.swap.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BODY)
    results = list(read_inputs([str(tmp_path)], SETTINGS))
    names = [str(Path(r.origin).relative_to(tmp_path)) for r in results]
    assert names == ["a/c/d.txt", "a/z.txt", "b.txt"]
    assert count_inputs([str(tmp_path)]) == 3


def test_ingest_files_symlink_loop_terminates(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "loop").symlink_to(tmp_path)
    results = list(read_inputs([str(tmp_path)], SETTINGS))
    assert [Path(r.origin).name for r in results] == ["a.txt"]


def test_ingest_files_glob_and_count(tmp_path):
    for name in ["x1.txt", "x2.txt", "y.md"]:
        (tmp_path / name).write_text(BODY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x3.txt").write_text(BODY)
    pattern = str(tmp_path / "**" / "x*.txt")
    results = list(read_inputs([pattern], SETTINGS))
    assert [Path(r.origin).name for r in results] == ["x3.txt", "x1.txt", "x2.txt"]
    assert count_inputs([pattern, str(tmp_path / "y.md"), "-"]) == 5


def test_ingest_files_bad_input_does_not_stop_the_rest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(BODY)
    results = list(read_inputs([str(tmp_path / "missing.txt"), str(good)], SETTINGS))
    assert [r.status for r in results] == ["failed", "ok"]


def test_ingest_files_header_is_parsed_and_removed(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text(
        "Title: Police disperse march in Lima\n"
        "published: 2024-03-05\n"
        "URL: https://news.example.org/lima\n"
        "SOURCE: Example Wire\n"
        "\n" + BODY
    )
    article = read_one(path).article
    assert article.raw == BODY
    assert article.title == "Police disperse march in Lima"
    assert article.published == date(2024, 3, 5)
    assert article.url == "https://news.example.org/lima"
    assert article.source == "Example Wire"


def test_ingest_files_published_argument_overrides(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("Date: 2024-03-05T09:30:00+00:00\n\n" + BODY)
    assert read_one(path).article.published == date(2024, 3, 5)
    article = read_one(path, published=date(2020, 1, 2)).article
    assert article.published == date(2020, 1, 2)
    assert article.title == BODY.split("\n", 1)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Title: A\nAuthor: B\n\nBody text here.\n",  # unknown key
        "Intro line\nTitle: A\n\nBody text here.\n",  # not at the very top
        "Title: A\nBody text right after it.\n",  # no blank line
        "\nTitle: A\n\nBody.\n",  # blank line first
    ],
)
def test_ingest_files_header_not_recognised(text):
    assert parse_header(text).body_start == 0


def test_ingest_files_bad_header_date_is_flagged(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("Published: last Tuesday\n\n" + BODY)
    article = read_one(path).article
    assert article.published is None
    assert "header:bad_date" in article.flags


def test_ingest_files_header_only_is_empty(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("Title: Nothing else\n\n   \n")
    result = read_one(path)
    assert (result.status, code(result)) == ("skipped", "empty")


def test_ingest_files_header_ignored_for_other_suffixes(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("Title: Kept\n\n" + BODY)
    article = read_one(path).article
    assert article.raw.startswith("Title: Kept")


def test_ingest_files_stdin(monkeypatch):
    data = ("Title: From a pipe\nSource: Wire\n\n" + BODY).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    result = read_one("-")
    assert result.origin == "<stdin>"
    assert result.status == "ok"
    assert result.article.title == "From a pipe"
    assert result.article.source == "Wire"
    assert result.article.raw == BODY


def test_ingest_files_stdin_too_large(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    result = read_one("-", Settings(max_bytes=50))
    assert (result.status, code(result)) == ("skipped", "too_large")


def test_ingest_files_title_from_first_non_empty_line(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("\n\n   Riot police deployed in Dhaka  \nBody line.\n")
    assert read_one(path).article.title == "Riot police deployed in Dhaka"


def test_ingest_files_sample_articles_have_headers():
    samples = Path(__file__).parents[1] / "tocsin" / "data" / "samples"
    folders = [str(samples / "unrest"), str(samples / "other")]
    results = list(read_inputs(folders, SETTINGS))
    assert len(results) == count_inputs(folders) == 36
    for result in results:
        article = result.article
        assert result.status == "ok", result.origin
        assert article.title, result.origin
        assert article.published, result.origin
        assert article.source, result.origin
        assert article.url.startswith("https://"), result.origin
        assert ".example." in article.url, result.origin
        assert not article.raw.startswith(("Title:", "\n"))
