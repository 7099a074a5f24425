"""Throughput and peak memory of the tocsin pipeline on the bundled sample articles.

``make bench`` runs this. It prints figures, not pass/fail: for each mix, how many articles
went through the default pipeline, how long it took, articles per second and events found;
then the process's peak RSS. Two mixes of ``--n`` articles each are streamed from memory:

- ``unrest``: every article reports unrest (tocsin/data/samples/unrest), the worst case;
- ``realistic``: about 1 in 10 reports unrest, the rest is ordinary news (samples/other), the
  share a general news feed has.

Samples are repeated with a counter sentence appended to each copy, so every article has its
own id and nothing is served from a cache. Model loading is timed apart ("setup").
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from tocsin.config import Settings, load_settings
from tocsin.errors import TocsinError
from tocsin.ingest.files import read_inputs
from tocsin.models import Article
from tocsin.pipeline import DEFAULT_STAGES, Pipeline, Result

if TYPE_CHECKING:
    from collections.abc import Iterator

SAMPLES = ROOT / "tocsin" / "data" / "samples"
# One article in this many is unrest in the "realistic" mix.
REALISTIC_UNREST_EVERY = 10


@dataclass(slots=True)
class Figures:
    mix: str
    articles: int = 0
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    chars: int = 0
    seconds: float = 0.0


def load_samples(folder: Path, settings: Settings) -> list[Article]:
    articles = [r.article for r in read_inputs([str(folder)], settings) if r.article]
    if not articles:
        sys.exit(f"bench: no sample articles in {folder}")
    return articles


def copy_of(article: Article, counter: int) -> Article:
    """A fresh article from a sample, made unique by a closing counter sentence."""
    note = f"\n\nThis is copy number {counter} of the article in the benchmark stream.\n"
    return Article(
        raw=article.raw.rstrip("\n") + note,
        title=article.title,
        published=article.published,
        url=f"{article.url}?copy={counter}" if article.url else None,
        source=article.source,
        flags=list(article.flags),
    )


def stream(mix: str, n: int, unrest: list[Article], other: list[Article]) -> Iterator[Result]:
    for i in range(n):
        if mix == "unrest" or i % REALISTIC_UNREST_EVERY == 0:
            base = unrest[i % len(unrest)]
        else:
            base = other[i % len(other)]
        yield Result(origin=f"bench:{mix}:{i}", article=copy_of(base, i))


def run_mix(pipeline: Pipeline, mix: str, n: int, samples: dict[str, list[Article]]) -> Figures:
    figures = Figures(mix)
    items = stream(mix, n, samples["unrest"], samples["other"])
    start = time.perf_counter()
    for result in pipeline.run(items, total=n):
        figures.articles += 1
        if result.status == "ok" and result.article is not None:
            figures.ok += 1
            figures.events += len(result.article.events)
            figures.chars += len(result.article.text)
        elif result.status == "skipped":
            figures.skipped += 1
        else:
            figures.failed += 1
            if figures.failed == 1:
                print(f"  first failure: {result.origin}: {result.reason}", file=sys.stderr)
    figures.seconds = time.perf_counter() - start
    return figures


def model_used(settings: Settings, stages: tuple[str, ...]) -> str:
    if "tocsin.parse.v1" not in stages:
        return "none (no parse stage in this run)"
    try:
        from tocsin.nlp.parse import model_name  # noqa: PLC0415 - only with a parse stage

        name = model_name(settings.spacy_model)
        return f"{name} {version(name)} (spaCy {version('spacy')})"
    except (ImportError, PackageNotFoundError, TocsinError) as e:
        return f"unavailable ({e})"


class PssSampler(threading.Thread):
    """Samples the proportional set size (PSS) of this process and its children.

    RSS counts the model pages that forked workers share with the main process once per process;
    PSS splits them, so the sum is the memory the pipeline really holds (Linux only). Reading
    ``smaps_rollup`` walks a process's page tables: about 15 ms for a 500 MB worker, so sampling
    three processes every 0.1 s took close to half a core from the pipeline it measured. The
    sampler now waits ``1 / DUTY`` times as long as a sample took (at least 0.5 s), so it keeps
    to about 1% of one core."""

    DUTY = 0.01

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.samples = 0
        self._done = threading.Event()

    def run(self) -> None:
        wait = 0.5
        while not self._done.wait(wait):
            start = time.perf_counter()
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(os.getpid())))
            self.samples += 1
            wait = max(0.5, (time.perf_counter() - start) / self.DUTY)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            children = (task / "children").read_text().split()
            pids += [p for c in children for p in _tree(int(c))]
    except OSError:
        pass
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--n", type=int, default=1000, help="articles per mix (default 1000: a stream, not a start-up)")
    parser.add_argument(
        "--stages",
        default=",".join(DEFAULT_STAGES),
        help="comma-separated stage names (default: the default pipeline)",
    )
    parser.add_argument(
        "--mix",
        choices=["unrest", "realistic", "both"],
        default="both",
        help="which mix to run (default both)",
    )
    parser.add_argument(
        "-s",
        "--setting",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="override a setting, as the CLI's -s (e.g. -s max_article_chars 20000)",
    )
    args = parser.parse_args(argv)
    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    settings = load_settings(overrides={"progress": False, **dict(args.setting)})

    samples = {
        "unrest": load_samples(SAMPLES / "unrest", settings),
        "other": load_samples(SAMPLES / "other", settings),
    }
    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    print(f"python {platform.python_version()}, CPUs: {cpus} ({usable} usable by this process)")
    print(f"spaCy model: {model_used(settings, stages)}")
    print(f"stages: {', '.join(stages)}")
    print(f"batch_size={settings.batch_size} n_process={settings.n_process}")
    print(f"samples: {len(samples['unrest'])} unrest, {len(samples['other'])} other")

    start = time.perf_counter()
    try:
        pipeline = Pipeline.from_settings(settings, stages)
    except (ImportError, TocsinError) as e:
        print(f"bench: cannot build the pipeline: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    for _ in pipeline.run(stream("unrest", 1, samples["unrest"], samples["other"])):
        pass  # warm-up: loads models outside the timed runs
    print(f"setup (build pipeline, load models, 1 article): {time.perf_counter() - start:.2f} s")
    print()

    sampler = PssSampler()
    sampler.start()
    mixes = ["unrest", "realistic"] if args.mix == "both" else [args.mix]
    header = f"{'mix':<10} {'articles':>8} {'ok':>6} {'skip':>5} {'fail':>5} "
    header += f"{'seconds':>8} {'articles/s':>10} {'chars/s':>10} {'events':>7}"
    print(header)
    for mix in mixes:
        f = run_mix(pipeline, mix, args.n, samples)
        rate = f.articles / f.seconds if f.seconds else float("inf")
        chars = f.chars / f.seconds if f.seconds else float("inf")
        print(
            f"{f.mix:<10} {f.articles:>8} {f.ok:>6} {f.skipped:>5} {f.failed:>5} "
            f"{f.seconds:>8.2f} {rate:>10.1f} {chars:>10.0f} {f.events:>7}"
        )
    sampler.stop()
    if sampler.peak_kb:
        print(
            f"peak total PSS, main + workers (pages shared after fork counted once): "
            f"{sampler.peak_kb} KB ({sampler.peak_kb / 1024:.0f} MB; {sampler.samples} samples)"
        )
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    # forked pipeline workers (settings.n_process): the largest one, and a bound on the total
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"peak RSS of one worker: {worker_kb} KB ({worker_kb / 1024:.0f} MB); "
        f"main + {settings.n_process} workers <= {(peak_kb + settings.n_process * worker_kb) / 1024:.0f} MB"
    )
    print()
    print(f"peak RSS: {peak_kb} KB ({peak_kb / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
