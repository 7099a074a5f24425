"""The event eval runners (issue #4) on tiny gold files in each dataset's format, and eval/gate.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.errors import EvalError
from tocsin.eval import DATASETS, EvalResult, evaluate
from tocsin.eval.case2021 import predict_subtype, read_gold
from tocsin.eval.glocon import is_protest_event
from tocsin.eval.ipe import police_labels
from tocsin.eval.plover import gold_mode, gold_type
from tocsin.eval.plover import read_records as read_plover
from tocsin.models import Actor, Event, Evidence, Span

ROOT = Path(__file__).resolve().parents[1]

PROTEST = "Thousands of protesters marched through the capital on Monday demanding the resignation of the president."
NOTHING = "The museum will reopen its west wing after the renovation, a spokeswoman said."
ARREST = "Police arrested twelve opposition activists in the capital on Tuesday."


def _in_unit(result: EvalResult) -> None:
    for name, value in result.metrics.items():
        assert 0.0 <= value <= 1.0, name


# ---------------------------------------------------------------- case2021


def _case_tsv(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "dev.tsv"
    lines = ["id\tEventSnippet\tSubType"] + [f"{i}\t{text}\t{label}" for i, (text, label) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_case2021_metrics_and_labels(tmp_path, extract_text):
    predicted, _ = predict_subtype(extract_text(PROTEST))
    path = _case_tsv(
        tmp_path,
        [(PROTEST, predicted if predicted != "NONE" else "PEACE_PROTEST"), (NOTHING, "NATURAL_DISASTER")],
    )
    result = evaluate("case2021-task2", path)
    assert result.n == 2
    assert {"weighted_f1", "macro_f1", "accuracy", "unseen_none_rate"} <= result.metrics.keys()
    _in_unit(result)
    assert len(result.per_label) == 25
    assert result.metrics["unseen_none_rate"] == 1.0  # nothing happens at the museum
    if predicted != "NONE":  # the protest row is scored as a hit
        assert result.metrics["accuracy"] == 1.0
        assert result.per_label[predicted]["f1"] == 1.0


def test_case2021_reads_a_bom_and_leaves_out_short_rows(tmp_path):
    path = tmp_path / "dev.tsv"
    text = "id\tEventSnippet\tSubType\n1\tStudents marched to the ministry.\tPEACE_PROTEST\n2\ta line cut short\n"
    path.write_text(text, encoding="utf-8-sig")
    assert read_gold(path) == [("1", "Students marched to the ministry.", "PEACE_PROTEST")]


def test_case2021_names_missing_columns(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_text("id\ttext\tlabel\n1\tStudents marched.\tPEACE_PROTEST\n", encoding="utf-8")
    with pytest.raises(EvalError, match="no column EventSnippet, SubType"):
        evaluate("case2021-task2", path)


def test_case2021_predict_subtype_none_without_events(extract_text):
    assert predict_subtype(extract_text(NOTHING), model="") == ("NONE", 0.0)  # rules only
    assert predict_subtype(extract_text(NOTHING))[0] == "NONE"  # the shipped snippet model


# ---------------------------------------------------------------- glocon


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _glocon(tmp_path: Path, protest_label: int) -> Path:
    root = tmp_path / "glocon"
    docs = [
        {"id": "d1", "url": "a.txt", "text": f"{PROTEST} Police watched.", "label": protest_label},
        {"id": "d2", "url": "b.txt", "text": NOTHING, "label": 0},
        {"id": "d3", "url": "c.txt", "text": PROTEST, "label": 2},  # unsure: left out
    ]
    sents = [
        {"id": "d1_1", "url": "a.txt", "sent_num": 1, "sentence": PROTEST, "label": protest_label, "last": False},
        {"id": "d2_1", "url": "b.txt", "sent_num": 1, "sentence": NOTHING, "label": 0, "last": True},
        {"id": "d3_1", "url": "c.txt", "sent_num": 1, "sentence": PROTEST, "label": 2, "last": True},
    ]
    _jsonl(root / "document" / "Sabinet_R.json", docs)
    _jsonl(root / "sentence" / "Sabinet.json", sents)
    return root


def test_glocon_protest_sentence_is_a_true_positive(tmp_path):
    result = evaluate("glocon", _glocon(tmp_path, 1))
    assert result.n == 4  # label-2 rows excluded
    keys = {"doc_macro_f1", "sent_macro_f1", "doc_precision", "doc_recall", "sent_precision", "sent_recall"}
    assert keys <= result.metrics.keys()
    _in_unit(result)
    assert result.per_label["sent/1"]["support"] == 1
    assert result.metrics["sent_recall"] == 1.0
    assert result.metrics["sent_macro_f1"] == 1.0


def _assault(mode: str, sector: str) -> Event:
    text = "The police attacked the man."
    return Event(
        plover_type="ASSAULT",
        plover_mode=mode,
        sources=[Actor(text="police", sector=sector)],
        evidence=Evidence("a", 0, Span(0, len(text), text), Span(11, 19, "attacked")),
    )


@pytest.mark.parametrize("broken", ["document/Sabinet_R.json", "sentence/Sabinet.json"])
def test_glocon_a_broken_or_missing_file_is_an_eval_error(tmp_path, broken):
    root = _glocon(tmp_path, 1)
    (root / broken).write_text('{"id": "d1", "text": "cut off\n', encoding="utf-8")
    with pytest.raises(EvalError, match="could not read GLOCON records"):
        evaluate("glocon", root)
    (root / broken).unlink()
    with pytest.raises(EvalError, match="could not read GLOCON records"):
        evaluate("glocon", root)


def test_glocon_armed_assault_counts_but_not_sexual_violence():
    assert is_protest_event(_assault("firearms", "POL"))  # repression, armed militancy
    assert not is_protest_event(_assault("sexual", "POL"))  # a crime report
    assert not is_protest_event(_assault("firearms", "CVL"))  # ordinary crime


def test_glocon_reacts_to_the_gold_label(tmp_path):
    result = evaluate("glocon", _glocon(tmp_path, 0))  # the same protest, now labelled "no protest"
    assert result.metrics["sent_precision"] == 0.0
    assert result.metrics["sent_macro_f1"] < 1.0


# ---------------------------------------------------------------- india-police-events


def _ipe(tmp_path: Path) -> Path:
    root = tmp_path / "ipe"
    texts = [ARREST, NOTHING]
    labels = [["ARREST", "ANY_ACTION"], []]
    _jsonl(
        root / "metadata.jsonl",
        [{"doc_id": i, "date": "2002-03-05", "url": "", "full_text": t} for i, t in enumerate(texts)],
    )
    _jsonl(root / "docs.jsonl", [{"doc_id": i, "doc_text": t, "doc_labels": labels[i]} for i, t in enumerate(texts)])
    _jsonl(
        root / "sents.jsonl",
        [{"doc_id": i, "sent_id": 0, "sent_text": t, "sent_labels": labels[i]} for i, t in enumerate(texts)],
    )
    return root


def test_ipe_metrics_and_arrest(tmp_path, extract_text):
    result = evaluate("india-police-events", _ipe(tmp_path))
    assert result.n == 4
    labels = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
    expected = {"mean_sent_f1", "mean_doc_f1"} | {f"{p}_f1_{label}" for p in ("sent", "doc") for label in labels}
    assert expected <= result.metrics.keys()
    _in_unit(result)
    assert set(result.per_label) == {f"{p}/{label}" for p in ("sent", "doc") for label in labels}
    if "ARREST" in police_labels(extract_text(ARREST)):
        assert result.metrics["sent_f1_ARREST"] == 1.0
        assert result.per_label["sent/ARREST"]["support"] == 1


def test_ipe_runs_without_metadata(tmp_path):
    # the issue names docs.jsonl and sents.jsonl only; metadata.jsonl adds publication dates
    root = _ipe(tmp_path)
    with_dates = evaluate("india-police-events", root)
    (root / "metadata.jsonl").unlink()
    without = evaluate("india-police-events", root)
    assert without.n == with_dates.n == 4
    assert without.metrics == with_dates.metrics  # the labels do not depend on the date


def test_ipe_police_labels_empty_without_police(extract_text):
    assert police_labels(extract_text(NOTHING)) == set()


def test_ipe_army_standing_in_for_the_police_counts(extract_text):
    # the gold counts the army deployed or arresting as police action ("did police do anything?")
    assert "ANY_ACTION" in police_labels(extract_text("four columns of the army were deployed in the city on friday."))
    labels = police_labels(extract_text("an army contingent nabbed a man carrying a revolver in the old city."))
    assert "ARREST" in labels


def test_ipe_the_army_not_deployed_is_no_police_failure(extract_text):
    assert "FAIL" not in police_labels(extract_text("the army was not deployed in the city for two days."))


def test_ipe_a_curfew_in_force_is_no_police_action_but_one_clamped_is(extract_text):
    for text in (
        "the old city remained under curfew for the third day on tuesday.",
        "traders in the curfew-bound areas have suffered heavy losses.",
    ):
        assert "ANY_ACTION" not in police_labels(extract_text(text)), text
    assert "ANY_ACTION" in police_labels(extract_text("curfew was clamped on the town after the clashes on monday."))


def test_ipe_a_death_in_police_firing_is_kill(extract_text):
    labels = police_labels(extract_text("one more person died in police firing in the walled city on monday."))
    assert {"KILL", "FORCE"} <= labels


# ---------------------------------------------------------------- plover-gsr


def _plover(tmp_path: Path, event: str) -> Path:
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        {
            "id": "R1",
            "date": "2000-01-01",
            "event": event,
            "mode": "demo-spon",
            "text": "Thousands of Kenyan students demonstrated in Nairobi on Monday against the government.",
            "source": [{"actorText": "Kenyan students", "code": "KEN", "sector": "EDU"}],
            "target": [{"actorText": "government", "code": "KEN", "sector": "GOV"}],
        },
        {
            "id": "R2",
            "date": "2000-01-01",
            "event": "DISAPPROVE",
            "text": "Albania on Friday denounced Serbia's suppression of ethnic Albanian unrest.",
            "source": [{"actorText": "Albania", "code": "ALB", "sector": "GOV"}],
            "target": "",
        },
    ]
    path = tmp_path / "PLOVER_GSR_CAMEO.txt"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_plover_reads_a_folder_and_names_a_broken_file(tmp_path):
    path = _plover(tmp_path, "PROTEST")
    assert [r["id"] for r in read_plover(tmp_path)] == ["R1", "R2"]  # the folder holding the file
    path.write_text('[{"id": "R1", "text": "cut', encoding="utf-8")
    with pytest.raises(EvalError, match="could not read PLOVER GSR records"):
        evaluate("plover-gsr", path)
    path.write_text('{"id": "R1"}', encoding="utf-8")
    with pytest.raises(EvalError, match="a JSON array"):
        evaluate("plover-gsr", path)


def test_plover_metrics(tmp_path):
    protest = evaluate("plover-gsr", _plover(tmp_path, "PROTEST"))
    assert protest.n == 2  # the DOCUMENT header is no record
    keys = {"type_accuracy", "mode_accuracy", "source_country_f1", "target_country_f1"}
    assert keys <= protest.metrics.keys()
    _in_unit(protest)
    assert set(protest.per_label) >= {"PROTEST", "ACCUSE"}
    # the same sentence labelled AGREE: whatever tocsin says, it cannot score higher
    agree = evaluate("plover-gsr", _plover(tmp_path, "AGREE"))
    assert agree.metrics["type_accuracy"] <= protest.metrics["type_accuracy"]
    if protest.per_label["PROTEST"]["recall"] == 1.0:
        assert agree.metrics["type_accuracy"] < protest.metrics["type_accuracy"]


@pytest.mark.parametrize(
    ("record", "kind", "mode"),
    [
        ({"event": "DEMAND"}, "REQUEST", None),
        ({"event": "DISAPPROVE"}, "ACCUSE", None),
        ({"event": "INVESTIGATE", "mode": ""}, "ACCUSE", "investigate"),
        ({"event": "FIGHT", "mode": "heavy-weapons"}, "ASSAULT", "heavy-weapons"),
        ({"event": "FIGHT", "mode": "deport"}, "ASSAULT", None),
        ({"event": "COERCE", "mode": "destroy"}, "ASSAULT", "destroy"),
        ({"event": "COERCE", "mode": "detain"}, "COERCE", "arrest"),
        ({"event": "THREATEN", "mode": "curfew"}, "THREATEN", "restrict"),
        ({"event": "PROTEST", "mode": "strike-hun"}, "PROTEST", "hunger"),
        ({"event": "CONSULT", "mode": "host"}, "CONSULT", "visit"),
    ],
)
def test_plover_gold_mapping(record, kind, mode):
    assert gold_type(record) == kind
    assert gold_mode(record) == mode


def test_evaluate_missing_path(tmp_path):
    with pytest.raises(EvalError):
        evaluate("glocon", tmp_path / "absent")


# ---------------------------------------------------------------- eval/gate.py


@pytest.fixture
def gate(monkeypatch, tmp_path):
    """eval/gate.py with one fake dataset "fake" scoring f1 = 0.5, its data in tmp_path/data."""
    spec = importlib.util.spec_from_file_location("eval_gate_under_test", ROOT / "eval" / "gate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = tmp_path / "data"
    (data / "fake").mkdir(parents=True)
    (data / "fake" / "gold.txt").write_text("gold\n")

    def fake(path: Path, settings) -> EvalResult:
        return EvalResult(dataset="fake", path=str(path), n=1, metrics={"f1": 0.5})

    monkeypatch.setitem(DATASETS, "fake", fake)
    monkeypatch.setattr(module, "DATASETS", {"fake": "fake"})
    baseline = tmp_path / "baseline.json"

    def run(*args: str, data_dir: Path = data) -> int:
        monkeypatch.setattr(sys, "argv", ["gate.py", "--data", str(data_dir), "--baseline", str(baseline), *args])
        return module.main()

    run.baseline = baseline  # type: ignore[attr-defined]
    run.sha = module.corpus_sha(data / "fake")  # type: ignore[attr-defined]
    return run


def _pin(gate, floor: float) -> None:
    gate.baseline.write_text(json.dumps({"fake": {"corpus_sha": gate.sha, "floors": {"f1": floor}}}))


def test_gate_floor_above_score_fails(gate):
    _pin(gate, 0.9)
    assert gate() == 1


def test_gate_floor_below_score_passes(gate):
    _pin(gate, 0.3)
    assert gate() == 0


def test_gate_report_never_fails(gate, capsys):
    _pin(gate, 0.9)
    assert gate("--report") == 0
    assert "f1" in capsys.readouterr().out


def test_gate_floor_on_other_data_not_enforced(gate):
    gate.baseline.write_text(json.dumps({"fake": {"corpus_sha": "other", "floors": {"f1": 0.9}}}))
    assert gate() == 0


def test_gate_raise_floors_refuses_to_lower(gate):
    _pin(gate, 0.9)
    before = gate.baseline.read_text()
    assert gate("--raise-floors") == 1
    assert gate.baseline.read_text() == before
    assert gate("--raise-floors", "--allow-regression") == 0
    assert json.loads(gate.baseline.read_text())["fake"]["floors"] == {"f1": 0.5}


def test_gate_raise_floors_keeps_other_datasets(gate):
    gate.baseline.write_text(json.dumps({"geo": {"corpus_sha": "x", "floors": {"acc": 0.7}}}))
    assert gate("--raise-floors") == 0
    pinned = json.loads(gate.baseline.read_text())
    assert pinned["geo"] == {"corpus_sha": "x", "floors": {"acc": 0.7}}
    assert pinned["fake"] == {"corpus_sha": gate.sha, "floors": {"f1": 0.5}}


def test_gate_missing_data_dir_passes(gate, tmp_path, capsys):
    assert gate(data_dir=tmp_path / "nowhere") == 0
    assert "nothing to check" in capsys.readouterr().out


def test_eval_cli_lists_datasets_and_needs_a_path():
    listed = CliRunner().invoke(main, ["eval", "list"])
    assert listed.exit_code == 0
    assert {"case2021-task2", "glocon", "india-police-events", "plover-gsr"} <= set(listed.output.split())
    missing = CliRunner().invoke(main, ["eval", "glocon"])
    assert missing.exit_code == 2
    assert "needs the PATH" in missing.output
