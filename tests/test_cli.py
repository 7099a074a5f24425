"""The ``tocsin`` command through click's CliRunner: real files, real spaCy, real SQLite in tmp_path."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from contract import ACTOR_KEYS, EVENT_KEYS, PLACE_KEYS

from tocsin import __version__
from tocsin.cli import main
from tocsin.config import SETTINGS_HELP

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import Result as CliResult

LIMA = """\
Title: Police disperse march in Lima
Published: 2024-03-05

Police fired tear gas at thousands of protesters in Lima on Monday. At least three people \
were killed and 40 were arrested, officials said.
"""
NAIROBI = """\
Title: Tax protests in Nairobi
Published: 2025-06-24

Police in Nairobi fired tear gas on Tuesday as thousands of protesters marched on parliament. \
Twelve people were killed in clashes across the Kenyan capital.
"""
PARIS = """\
Title: Pension strike in Paris
Published: 2023-03-08

Workers in Paris went on strike on Tuesday against the pension reform, and police arrested \
25 protesters near the Place de la Concorde.
"""
# cp1252, not UTF-8: decoded as cp1252 and flagged, not rejected (see ingest/files.py)
BOGOTA_CP1252 = "Police fired tear gas at protesters in Bogotá on Monday, café owners said.\n".encode("cp1252")

SUMMARY = re.compile(r"^ingested: (\d+) articles, (\d+) events$", re.MULTILINE)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Run every command in an empty folder: no stray tocsin.toml is read, no tocsin.db written."""
    monkeypatch.chdir(tmp_path)


def run(*args: str, stdin: str | bytes | None = None) -> CliResult:
    return CliRunner().invoke(main, ["-s", "n_process", "1", *args], input=stdin)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean_error(result: CliResult, message: str) -> None:
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # a ClickException, not a crash
    assert message in result.stderr
    assert "Traceback" not in result.output


def check_document(document: dict) -> None:
    """One ``extract --format json`` document: the contract keys, and offsets into article.text."""
    assert document.keys() == {"article", "events"}
    text = document["article"]["text"]
    for event in document["events"]:
        assert event.keys() >= EVENT_KEYS
        assert event["article_id"] == document["article"]["id"]
        for actor in event["sources"] + event["targets"]:
            assert actor.keys() >= ACTOR_KEYS
            if actor["span"]:
                assert text[actor["span"]["start"] : actor["span"]["end"]] == actor["span"]["text"]
        if event["place"] is not None:
            assert event["place"].keys() >= PLACE_KEYS
        evidence = event["evidence"]
        assert {"sentence", "start", "end", "trigger"} <= evidence.keys()
        assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]
        trigger = evidence["trigger"]
        assert evidence["start"] <= trigger["start"] < trigger["end"] <= evidence["end"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]


# --- options ---------------------------------------------------------------------------


def test_cli_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"tocsin, version {__version__}"


def test_cli_help_settings_lists_every_setting():
    result = run("--help-settings")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(SETTINGS_HELP)
    for name, text in SETTINGS_HELP.items():
        assert any(line.split()[0] == name and line.endswith(text) for line in lines), name


def test_cli_bad_setting_value(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    result = CliRunner().invoke(main, ["-s", "batch_size", "notanumber", "extract", "lima.txt"])
    assert_clean_error(result, "setting 'batch_size' expects int, got 'notanumber'")


def test_cli_unknown_setting(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    result = CliRunner().invoke(main, ["-s", "batchsize", "3", "extract", "lima.txt"])
    assert_clean_error(result, "unknown setting 'batchsize'")


# --- extract ---------------------------------------------------------------------------


def test_cli_extract_json(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    result = run("extract", "--format", "json", "lima.txt")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    document = json.loads(result.stdout)
    check_document(document)
    article = document["article"]
    assert article["title"] == "Police disperse march in Lima"
    assert article["published"] == "2024-03-05"
    assert article["text"].startswith("Police fired tear gas")  # the header is not text
    events = document["events"]
    assert {e["plover_type"] for e in events} >= {"ASSAULT", "COERCE"}
    assert any(e["place"] and e["place"]["country"] == "PER" for e in events)
    assert any(e["sources"] for e in events)
    assert any(e["killed"] == {"min": 3, "max": None} for e in events)


def test_cli_extract_json_of_several_files_is_a_list(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    write(tmp_path / "nairobi.txt", NAIROBI)
    result = run("extract", "--format", "json", "lima.txt", "nairobi.txt")
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert [d["article"]["title"] for d in documents] == ["Police disperse march in Lima", "Tax protests in Nairobi"]
    for document in documents:
        check_document(document)
        assert document["events"]


def test_cli_extract_jsonl(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    write(tmp_path / "nairobi.txt", NAIROBI)
    result = run("extract", "--format", "jsonl", "lima.txt", "nairobi.txt")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    documents = [json.loads(line) for line in lines]
    for document in documents:
        check_document(document)
    assert documents[1]["article"]["published"] == "2025-06-24"


def test_cli_extract_table(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    table = run("extract", "lima.txt")
    assert table.exit_code == 0, table.output
    as_json = json.loads(run("extract", "--format", "json", "lima.txt").stdout)
    lines = table.stdout.splitlines()
    assert lines[0] == f"== lima.txt  [{as_json['article']['id']}] Police disperse march in Lima"
    event_lines = [line for line in lines if line.startswith("-- ")]
    assert len(event_lines) == len(as_json["events"])
    for line, event in zip(event_lines, as_json["events"], strict=True):
        assert line.startswith(f"-- {event['plover_type']}/{event['plover_mode'] or '-'}")
    trigger = as_json["events"][0]["evidence"]["trigger"]["text"]
    assert f"[{trigger}]" in table.stdout
    assert "Lima (PER, p1)" in table.stdout


def test_cli_extract_stdin():
    result = run("extract", "--format", "json", "-", stdin=LIMA)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    check_document(document)
    assert document["article"]["title"] == "Police disperse march in Lima"
    assert document["article"]["published"] == "2024-03-05"
    assert document["events"]


def test_cli_extract_published_option_overrides_header(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    result = run("extract", "--format", "json", "--published", "2024-06-01", "lima.txt")
    assert json.loads(result.stdout)["article"]["published"] == "2024-06-01"
    bad = run("extract", "--published", "last week", "lima.txt")
    assert bad.exit_code == 2
    assert "expected YYYY-MM-DD" in bad.stderr


def make_bad_inputs(folder: Path) -> dict[str, str]:
    """Bad inputs in ``folder``; returns each one's name and the reason the CLI must give."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: takes no disk space
    (folder / "links").mkdir()
    (folder / "links" / "dangling.txt").symlink_to(folder / "nowhere.txt")
    return {
        "empty.txt": "skipped: empty",
        "image.png": "skipped: binary",
        "huge.txt": "skipped: too_large",
        "links/dangling.txt": "failed: unreadable",
    }


def test_cli_extract_reports_bad_inputs_and_goes_on(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    (tmp_path / "bogota.txt").write_bytes(BOGOTA_CP1252)
    bad = make_bad_inputs(tmp_path)
    args = ["empty.txt", "image.png", "lima.txt", "huge.txt", "bogota.txt", "links"]
    result = run("extract", "--format", "jsonl", *args)

    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["title"] for d in documents] == [
        "Police disperse march in Lima",
        "Police fired tear gas at protesters in Bogotá on Monday, café owners said.",
    ]
    for document in documents:
        check_document(document)
        assert document["events"]
    assert documents[0]["article"]["flags"] == []
    assert documents[1]["article"]["flags"] == ["encoding:cp1252"]
    assert "Bogotá" in documents[1]["article"]["text"]

    errors = result.stderr.splitlines()
    assert len(errors) == len(bad)
    for name, reason in bad.items():
        assert any(line.startswith(f"{name}: {reason}") for line in errors), (name, errors)


def test_cli_extract_only_bad_inputs_fails(tmp_path):
    bad = make_bad_inputs(tmp_path)
    result = run("extract", *bad)
    assert_clean_error(result, "no input could be processed")
    assert result.stdout == ""
    for name, reason in bad.items():
        assert f"{name}: {reason}" in result.stderr


def test_cli_extract_missing_file_fails():
    result = run("extract", "nowhere.txt")
    assert_clean_error(result, "nowhere.txt: failed: unreadable")


def test_cli_extract_weekday_of_publication_day(tmp_path):
    write(tmp_path / "nairobi.txt", NAIROBI)  # published Tuesday 2025-06-24: "on Tuesday"
    events = json.loads(run("extract", "--format", "json", "nairobi.txt").stdout)["events"]
    first = next(e for e in events if "Tuesday" in e["evidence"]["sentence"])
    assert (first["date"], first["date_precision"]) == ("2025-06-24", "day")


# --- ingest and events -----------------------------------------------------------------


def test_cli_ingest_and_reingest(tmp_path):
    write(tmp_path / "lima.txt", LIMA)
    (tmp_path / "empty.txt").write_bytes(b"")
    url = f"sqlite:///{tmp_path / 'x.db'}"

    first = run("ingest", "--db", url, "lima.txt", "empty.txt")
    assert first.exit_code == 0, first.output
    match = SUMMARY.search(first.stdout)
    assert match is not None, first.stdout
    assert match.group(1) == "1"
    n_events = int(match.group(2))
    assert n_events >= 2
    assert "duplicates: 0" in first.stdout.splitlines()
    assert any(line.startswith("skipped (empty") and line.endswith("): 1") for line in first.stdout.splitlines())
    assert "empty.txt: skipped: empty" in first.stderr

    stored = json.loads(run("events", "--db", url, "--format", "json").stdout)
    assert len(stored) == n_events

    again = run("ingest", "--db", url, "lima.txt")
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[:2] == ["ingested: 0 articles, 0 events", "duplicates: 1"]
    assert len(json.loads(run("events", "--db", url, "--format", "json").stdout)) == n_events


def test_cli_ingest_summary_counts_skips_by_reason_code(tmp_path):
    for name, size in (("big1.txt", 30_000_000), ("big2.txt", 40_000_000)):
        with (tmp_path / name).open("wb") as f:
            f.truncate(size)
    write(tmp_path / "lima.txt", LIMA)
    result = run("ingest", "--db", f"sqlite:///{tmp_path / 'x.db'}", "lima.txt", "big1.txt", "big2.txt")
    assert result.exit_code == 0, result.output
    assert "skipped (too_large): 2" in result.stdout.splitlines()


@pytest.fixture(scope="module")
def three_countries(tmp_path_factory) -> str:
    """A SQLite store holding the Lima, Nairobi and Paris articles."""
    folder = tmp_path_factory.mktemp("three")
    for name, text in (("lima.txt", LIMA), ("nairobi.txt", NAIROBI), ("paris.txt", PARIS)):
        write(folder / name, text)
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'events.db'}"  # not in the folder ingested
    result = CliRunner().invoke(main, ["-s", "n_process", "1", "ingest", "--db", url, str(folder)])
    assert result.exit_code == 0, result.output
    assert "ingested: 3 articles" in result.stdout
    return url


def events_json(url: str, *args: str) -> list[dict]:
    result = run("events", "--db", url, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert isinstance(events, list)
    return events


def countries(event: dict) -> set[str]:
    found = {actor["country"] for actor in event["sources"] + event["targets"]}
    if event["place"]:
        found.add(event["place"]["country"])
    return found


def test_cli_events_lists_everything(three_countries):
    events = events_json(three_countries)
    assert len(events) >= 5
    for event in events:
        assert event.keys() >= EVENT_KEYS
    assert {"PER", "KEN", "FRA"} <= {c for e in events for c in countries(e)}


@pytest.mark.parametrize("code", ["PER", "ken"])
def test_cli_events_filter_country(three_countries, code):
    everything = events_json(three_countries)
    events = events_json(three_countries, "--country", code)
    assert 0 < len(events) < len(everything)
    for event in events:
        assert code.upper() in countries(event)
    assert len(events) == sum(code.upper() in countries(e) for e in everything)


def test_cli_events_filter_type(three_countries):
    everything = events_json(three_countries)
    events = events_json(three_countries, "--type", "coerce")
    assert 0 < len(events) < len(everything)
    assert {e["plover_type"] for e in events} == {"COERCE"}
    assert len(events) == sum(e["plover_type"] == "COERCE" for e in everything)


def test_cli_events_filter_dates(three_countries):
    everything = events_json(three_countries)
    events = events_json(three_countries, "--since", "2024-01-01", "--until", "2024-12-31")
    assert 0 < len(events) < len(everything)
    for event in events:
        assert "2024-01-01" <= event["date"] <= "2024-12-31"
    assert len(events) == sum(e["date"] is not None and e["date"].startswith("2024") for e in everything)
    assert events_json(three_countries, "--since", "2030-01-01") == []


def test_cli_events_filters_combine(three_countries):
    events = events_json(three_countries, "--country", "KEN", "--type", "ASSAULT", "--since", "2025-01-01")
    assert events
    for event in events:
        assert event["plover_type"] == "ASSAULT"
        assert "KEN" in countries(event)
        assert event["date"] >= "2025-01-01"


def test_cli_events_unreachable_database():
    result = run("events", "--db", "postgresql+psycopg://x:secret@127.0.0.1:1/none")
    assert_clean_error(result, "cannot open database")
    assert "secret" not in result.output


def test_cli_demo(tmp_path):
    result = run("demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}", "--no-serve")
    assert result.exit_code == 0, result.output
    match = SUMMARY.search(result.stdout)
    assert match is not None, result.stdout
    n_articles, n_events = int(match.group(1)), int(match.group(2))
    assert n_articles > 0
    assert n_events > 0
    assert sum(line.startswith("-- ") for line in result.stdout.splitlines()) == n_events
    assert not (tmp_path / "tocsin.db").exists()
