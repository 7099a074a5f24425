"""Evaluation on gold sets: ``evaluate(dataset, path)`` -> :class:`EvalResult`.

Each dataset runner lives in its own module and registers itself with
:func:`register_dataset`; ``tocsin eval DATASET PATH`` and ``eval/gate.py`` are thin layers
over :func:`evaluate`. Runners read the gold files from PATH (never bundled: the gold sets
live in ../shared/data) and score tocsin's own output, field by field.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import EvalError

__all__ = ["DATASETS", "EvalResult", "evaluate", "read_jsonl", "register_dataset"]

# Modules whose import registers a dataset runner (issue #4: events; issue #5: places).
_RUNNER_MODULES: tuple[str, ...] = (
    "tocsin.eval.case2021",
    "tocsin.eval.glocon",
    "tocsin.eval.ipe",
    "tocsin.eval.plover",
    "tocsin.eval.geo",
    "tocsin.eval.event_location",
)


@dataclass(slots=True)
class EvalResult:
    """Scores of one run: overall ``metrics``, ``per_label`` P/R/F1, and a reliability table."""

    dataset: str
    path: str
    n: int
    metrics: dict[str, float]
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    reliability: list[dict[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Runner = Callable[[Path, Settings], EvalResult]
DATASETS: dict[str, Runner] = {}


def read_jsonl(path: Path, what: str) -> list[dict[str, Any]]:
    """The JSON lines of a gold file; an unreadable file or a line that is not JSON is an
    :class:`EvalError` naming ``what`` the file should hold ("GLOCON records")."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as e:
        msg = f"could not read {what} from {path}: {e}"
        raise EvalError(msg) from e


def register_dataset(name: str) -> Callable[[Runner], Runner]:
    """Register ``runner(path, settings) -> EvalResult`` under ``name``."""

    def decorate(runner: Runner) -> Runner:
        DATASETS[name] = runner
        return runner

    return decorate


def _load_runners() -> None:
    for module in _RUNNER_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:  # a runner's own dependency is missing: say so
                raise
    # a runner module that does not exist yet is simply not offered


def evaluate(dataset: str, path: str | Path, settings: Settings | None = None) -> EvalResult:
    """Run the ``dataset`` runner on the gold files at ``path``."""
    _load_runners()
    if dataset not in DATASETS:
        msg = f"unknown dataset {dataset!r}; known: {', '.join(sorted(DATASETS))}"
        raise EvalError(msg)
    target = Path(path)
    if not target.exists():
        msg = f"gold data not found at {target}"
        raise EvalError(msg)
    return DATASETS[dataset](target, settings or Settings(progress=False))


def available() -> list[str]:
    """Names of the registered datasets."""
    _load_runners()
    return sorted(DATASETS)
