"""The eval gate: fail when a metric falls below the floor pinned in eval/baseline.json.

    python eval/gate.py [--data ../shared/data] [--json-dir DIR]   # check (CI)
    python eval/gate.py --report                                    # print the tables; never fails
    python eval/gate.py --raise-floors                              # pin today's scores as floors
    python eval/gate.py --raise-floors --allow-regression           # ... even where that lowers one

Each floor is pinned with the SHA-256 of the gold files it was measured on: a floor measured on
other data is reported, not enforced, until re-pinned. Floors are only raised; lowering one
needs --allow-regression and shows up in the diff of baseline.json. --raise-floors re-reads
baseline.json just before writing it and replaces only the datasets it ran, so floors pinned
meanwhile for other datasets survive. --baseline points the gate at another file (its tests do).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tocsin.commands.eval import format_result
from tocsin.eval import evaluate

BASELINE = Path(__file__).with_name("baseline.json")
# dataset -> gold path under the data folder (the layout of ../shared/data)
DATASETS: dict[str, str] = {
    "case2021-task2": "case2021-task2-finegrained/dev.tsv",
    "glocon": "glocon-gold-sample",
    "india-police-events": "india-police-events",
    "plover-gsr": "plover-gsr/PLOVER_GSR_CAMEO.txt",
    "geo": "geoparsing-gritta2019/GWN.xml",
    "event-location": "event-location-halterman2019/labeled_text.jsonl",
}
TOLERANCE = 0.005  # run-to-run noise allowed below a floor (multiprocess order, float sums)


def lower_is_better(metric: str) -> bool:
    """Error metrics (``median_error_km``) improve downwards; scores upwards."""
    return "error" in metric or metric.endswith("_km")


def worse(metric: str, value: float, floor: float) -> bool:
    """Whether ``value`` falls past the pinned ``floor`` (a ceiling for error metrics)."""
    if lower_is_better(metric):
        return value > floor + TOLERANCE * max(1.0, abs(floor))
    return value < floor - TOLERANCE


def corpus_sha(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="the floors file (default: %(default)s)")
    parser.add_argument("--only", action="append", help="run only this dataset (repeatable)")
    parser.add_argument("--json-dir", type=Path, help="write each result as DATASET.json here")
    parser.add_argument("--raise-floors", action="store_true", help="pin current scores as floors")
    parser.add_argument("--allow-regression", action="store_true", help="with --raise-floors: allow lowering")
    parser.add_argument("--report", action="store_true", help="print the tables and floor checks; always exit 0")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"eval gate: gold data not found at {args.data}; nothing to check")
        return 0
    baseline = _read_baseline(args.baseline)
    pinned_now: dict[str, Any] = {}
    failures: list[str] = []
    for dataset, relative in DATASETS.items():
        if args.only and dataset not in args.only:
            continue
        path = args.data / relative
        if not path.exists():
            print(f"{dataset}: gold data missing at {path}; skipped")
            continue
        started = time.perf_counter()
        try:
            result = evaluate(dataset, path)
        except Exception as e:  # noqa: BLE001 - a missing runner or broken gold set is reported
            failures.append(f"{dataset}: could not run: {type(e).__name__}: {e}")
            print(failures[-1])
            continue
        print(format_result(result))
        print(f"  ({time.perf_counter() - started:.1f} s)")
        if args.json_dir:
            args.json_dir.mkdir(parents=True, exist_ok=True)
            (args.json_dir / f"{dataset}.json").write_text(json.dumps(result.to_dict(), indent=2))
        sha = corpus_sha(path)
        pinned = baseline.get(dataset, {})
        if args.raise_floors:
            floors = pinned.get("floors", {}) if pinned.get("corpus_sha") == sha else {}
            new = {k: round(v, 4) for k, v in result.metrics.items()}
            lowered = [k for k, v in new.items() if k in floors and worse(k, v, floors[k])]
            if lowered and not args.allow_regression:
                failures.append(f"{dataset}: would lower {lowered}; use --allow-regression")
                continue
            best = {k: (min if lower_is_better(k) else max)(v, floors.get(k, v)) for k, v in new.items()}
            merged = new if args.allow_regression else best
            pinned_now[dataset] = {"corpus_sha": sha, "floors": merged}
            continue
        if not pinned:
            print(f"  {dataset}: no floors pinned yet (--raise-floors pins them)")
            continue
        if pinned.get("corpus_sha") != sha:
            print(f"  {dataset}: floors were pinned on other data ({pinned.get('corpus_sha')}); not enforced")
            continue
        for metric, floor in pinned.get("floors", {}).items():
            value = result.metrics.get(metric)
            if value is None or worse(metric, value, floor):
                failures.append(f"{dataset}: {metric} = {value} < floor {floor}")
    if args.raise_floors and not failures:
        # re-read: another run may have pinned other datasets while this one was scoring
        current = _read_baseline(args.baseline)
        current.update(pinned_now)
        args.baseline.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
        print(f"floors written to {args.baseline}")
    if args.report:
        for failure in failures:
            print(f"below floor or not run (report only): {failure}")
        print(f"eval report: {len(failures)} finding(s); not enforced")
        return 0
    for failure in failures:
        print(f"FAIL {failure}")
    print("eval gate: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


def _read_baseline(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.is_file() else {}


if __name__ == "__main__":
    sys.exit(main())
