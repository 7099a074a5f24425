"""Golden end-to-end test: the bundled sample articles -> pipeline -> SQLite -> tocsin events.

The expected events live in tests/golden/events.json; rewrite them only deliberately with
``pytest tests/test_golden.py --update-golden`` and review the diff.
"""

import json
from pathlib import Path

from click.testing import CliRunner

from tocsin.batch import sample_dir
from tocsin.cli import main

GOLDEN = Path(__file__).parent / "golden" / "events.json"


def _summary(event):
    place = event["place"] or {}
    return {
        "article": event["article_id"],
        "sentence": event["evidence"]["sentence_index"],
        "trigger": event["evidence"]["trigger"]["text"],
        "plover": f"{event['plover_type']}/{event['plover_mode']}",
        "acled": event["acled_subtype"],
        "sources": sorted(f"{a['country']}:{a['sector']}" for a in event["sources"]),
        "targets": sorted(f"{a['country']}:{a['sector']}" for a in event["targets"]),
        "place": [place.get("name"), place.get("country"), place.get("precision")],
        "date": [event["date"], event["date_precision"]],
        "counts": {k: event[k] for k in ("killed", "injured", "arrested", "crowd_size") if event[k]},
        "context": event["context"],
    }


def test_golden_samples_end_to_end(tmp_path, request):
    db = f"sqlite:///{tmp_path / 'golden.db'}"
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(sample_dir()), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert "ingested: " in ingested.output
    listed = runner.invoke(main, ["events", "--db", db, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    actual = sorted(
        (_summary(e) for e in json.loads(listed.stdout)),
        key=lambda s: (s["article"], s["sentence"], s["trigger"], s["plover"]),
    )
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert actual == expected

    # re-ingesting the same folder adds nothing
    again = runner.invoke(main, ["ingest", str(sample_dir()), "--db", db])
    assert again.exit_code == 0, again.output
    assert "ingested: 0 articles" in again.output
    relisted = runner.invoke(main, ["events", "--db", db, "--format", "json"])
    assert len(json.loads(relisted.stdout)) == len(actual)


def test_golden_samples_find_unrest_only_in_unrest_articles(tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["extract", str(sample_dir() / "other"), "--format", "json"])
    assert out.exit_code == 0, out.output
    documents = json.loads(out.stdout)
    violent = [e for d in documents for e in d["events"] if e["plover_type"] in {"ASSAULT", "PROTEST", "COERCE"}]
    assert violent == [], [e["evidence"]["sentence"] for e in violent]
