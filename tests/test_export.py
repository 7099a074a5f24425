"""tocsin.export and `tocsin export`: every format, filters, streaming, Parquet row groups."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
import test_store
from click.testing import CliRunner
from test_api import second_paris_report
from test_store import nairobi_article, paris_article

from tocsin import export as export_module
from tocsin.cli import main
from tocsin.export import ACLED_COLUMNS, export
from tocsin.store import open_store
from tocsin.store.queries import EventQuery

store_url = test_store.store_url  # the SQLite / PostgreSQL fixture, shared


@pytest.fixture
def store(store_url: str):
    with open_store(store_url) as s:
        for article in (paris_article(), nairobi_article(), second_paris_report()):
            s.add_article(article)
        yield s


def test_export_csv_and_jsonl(store) -> None:
    out = io.StringIO()
    assert export(store, EventQuery(), "csv", out) == 6
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 6
    assert rows[0]["story_id"]
    out = io.StringIO()
    export(store, EventQuery(country="KEN"), "jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [e["plover_type"] for e in lines] == ["ASSAULT"]
    assert lines[0]["story_id"] == lines[0]["id"]


def test_export_leaves_inferred_targets_out_of_actor_columns(store) -> None:
    out = io.StringIO()
    export(store, EventQuery(country="FRA"), "csv", out)
    march = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["trigger"] == "marched")
    assert (march["sources"], march["targets"], march["country"]) == ("protesters", "", "FRA")
    out = io.StringIO()
    export(store, EventQuery(country="FRA"), "jsonl", out)
    stored = next(json.loads(line) for line in out.getvalue().splitlines() if "marched" in line)
    assert stored["targets"] == [
        {"text": "France", "name": None, "country": "FRA", "sector": None, "span": None, "inferred": True}
    ]


def test_export_acled_columns(store) -> None:
    out = io.StringIO()
    export(store, EventQuery(country="KEN"), "acled", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    row = rows[0]
    assert (row["event_date"], row["event_type"], row["sub_event_type"]) == (
        "2024-02-01",
        "Violence against civilians",
        "Attack",
    )
    assert (row["actor1"], row["actor2"], row["country"], row["fatalities"]) == ("Gunmen", "traders", "KEN", "3")
    assert row["notes"].startswith("Gunmen attacked")


def test_export_geojson(store) -> None:
    out = io.StringIO()
    assert export(store, EventQuery(), "geojson", out) == 4
    body = json.loads(out.getvalue())
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 4


def test_export_parquet_in_row_groups(store, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(export_module, "ROW_GROUP", 4)
    path = tmp_path / "events.parquet"
    assert export(store, EventQuery(), "parquet", str(path)) == 6
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 2
    table = parquet.read()
    assert table.num_rows == 6
    assert set(table.column("plover_type").to_pylist()) == {"PROTEST", "COERCE", "ASSAULT", "CONSULT"}


def test_export_streams_from_a_cursor(store) -> None:
    events = store.iter_events(EventQuery(), page_size=2)
    assert next(events)["date"] == "2024-02-01"
    assert len(list(events)) == 5


def test_export_cli(store_url: str, store, tmp_path) -> None:
    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(
        main, ["export", "--db", store_url, "--format", "acled", "--out", str(out), "--type", "PROTEST"]
    )
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == 2
    result = CliRunner().invoke(main, ["export", "--db", store_url, "--format", "parquet"])
    assert result.exit_code != 0
    assert "--out" in result.output
