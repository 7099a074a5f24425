"""``tocsin eval DATASET PATH [--json FILE]``: a thin layer over ``tocsin.eval.evaluate``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..config import Settings
from ..errors import TocsinError
from ..eval import EvalResult, available, evaluate

__all__ = ["format_result", "register"]


def format_result(result: EvalResult) -> str:
    """The printed table of one result."""
    lines = [f"{result.dataset}  n={result.n}  ({result.path})"]
    lines += [f"  {name:28} {value:.4f}" for name, value in result.metrics.items()]
    if result.per_label:
        lines.append(f"  {'label':28} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
        for label, s in result.per_label.items():
            lines.append(f"  {label:28} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {int(s['support']):6d}")
    if result.reliability:
        lines.append("  reliability: confidence bin -> observed accuracy")
        lines += [
            f"    [{r['low']:.1f}, {r['high']:.1f})  n={int(r['n']):5d}  "
            f"conf={r['confidence']:.3f}  acc={r['accuracy']:.3f}"
            for r in result.reliability
        ]
    return "\n".join(lines)


def register(main: click.Group) -> None:
    @main.command("eval")
    @click.argument("dataset")
    @click.argument("path", type=click.Path(path_type=Path), required=False)
    @click.option(
        "--json",
        "json_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Also write the result as JSON to this file.",
    )
    @click.pass_context
    def eval_cmd(ctx: click.Context, dataset: str, path: Path | None, json_path: Path | None) -> None:
        """Score tocsin on the gold set at PATH. `tocsin eval list` names the DATASETs."""
        settings: Settings = ctx.obj
        if dataset == "list":
            click.echo("\n".join(available()))
            return
        if path is None:
            msg = f"tocsin eval {dataset} needs the PATH of the gold data"
            raise click.UsageError(msg)
        try:
            result = evaluate(dataset, path, settings)
        except TocsinError as e:
            raise click.ClickException(str(e)) from e
        click.echo(format_result(result))
        if json_path is not None:
            json_path.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
