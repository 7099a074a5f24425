"""Stages, their registry, and the runner that streams articles through them.

A stage is any object with ``name``, ``requires``, ``produces`` and ``__call__(article)``;
it may add a batched ``pipe(articles)`` (as spaCy's ``Pipe`` does) for speed. Stages are
registered by versioned name with :func:`register_stage` next to their class, and built from
``Settings`` by :meth:`Pipeline.from_settings`, which checks that every stage's requirements
are produced by an earlier one.

The runner never holds the corpus in memory: it reads ``Result`` items lazily, processes them
in batches of ``settings.batch_size`` (in ``settings.n_process`` forked workers when the input
has more than one batch) and yields each one as soon as its batch is done. An
article that fails a stage is yielded with ``status="failed"`` and the reason; one a stage
declines (``SkipArticle``) with ``status="skipped"``; the batch goes on.
"""

from __future__ import annotations

import importlib
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from typing import Any, Protocol, runtime_checkable

from .config import Settings
from .errors import ConfigError, SkipArticle
from .models import Article

__all__ = [
    "DEFAULT_STAGES",
    "Pipeline",
    "Result",
    "Stage",
    "register_stage",
    "registered_stages",
]

# The default pipeline, in order. Each name is registered by the module in _STAGE_MODULES.
DEFAULT_STAGES: tuple[str, ...] = (
    "tocsin.clean.v1",
    "tocsin.lang.v1",
    "tocsin.sentences.v1",
    "tocsin.damage.v1",
    "tocsin.classify.v1",
    "tocsin.parse.v1",
    "tocsin.events.v1",
)

# Modules whose import registers the built-in stages (the way datasette's DEFAULT_PLUGINS
# are loaded through the same mechanism as third-party plugins).
_STAGE_MODULES: tuple[str, ...] = (
    "tocsin.clean.text",
    "tocsin.clean.lang",
    "tocsin.nlp.sentences",
    "tocsin.clean.damage",
    "tocsin.extract.classify",
    "tocsin.nlp.parse",
    "tocsin.extract.events",
)

# What every article has before the first stage runs.
_GIVEN: frozenset[str] = frozenset({"article.raw", "article.meta"})


@runtime_checkable
class Stage(Protocol):
    """One step of the pipeline: reads what it ``requires``, writes what it ``produces``.

    A stage may also have a ``pipe(articles)`` method (a batch at once) and a ``warm()`` method
    that loads its models, which the pipeline calls before it forks its workers.
    """

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


StageFactory = Callable[[Settings], Stage]
_REGISTRY: dict[str, StageFactory] = {}


def register_stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory (a class taking ``settings``) under a versioned name."""

    def decorate(factory: StageFactory) -> StageFactory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def registered_stages() -> dict[str, StageFactory]:
    """Every registered stage, built-ins included."""
    for module in _STAGE_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


@dataclass(slots=True)
class Result:
    """What became of one input: ``ok`` (with its article), ``skipped`` or ``failed`` (with why).

    ``origin`` names the input (a path, ``<stdin>``, a URL) for summaries and error reports.
    """

    origin: str
    article: Article | None = None
    status: str = "ok"
    reason: str | None = None


class Pipeline:
    """Runs stages over a stream of ``Result`` items in batches."""

    def __init__(self, stages: list[Stage], settings: Settings, given: frozenset[str] = _GIVEN) -> None:
        self.stages = stages
        self.settings = settings
        self.given = given
        _check_order(stages, given)

    def split(self, names: Collection[str]) -> tuple[Pipeline, Pipeline]:
        """The leading stages named in ``names`` and the rest, as two pipelines to chain.

        ``ingest`` runs the head (cleaning, language) in-process, checks duplicates, then feeds
        the tail: every stage still runs once, and the tail knows what the head produced.
        """
        cut = 0
        while cut < len(self.stages) and self.stages[cut].name in names:
            cut += 1
        head = Pipeline(self.stages[:cut], replace(self.settings, n_process=1, progress=False), self.given)
        produced = {p for stage in head.stages for p in stage.produces}
        return head, Pipeline(self.stages[cut:], self.settings, self.given | produced)

    @classmethod
    def from_settings(cls, settings: Settings, names: Iterable[str] = DEFAULT_STAGES) -> Pipeline:
        registry = registered_stages()
        stages: list[Stage] = []
        for name in names:
            if name not in registry:
                msg = f"unknown stage {name!r}; registered: {', '.join(sorted(registry))}"
                raise ConfigError(msg)
            stages.append(registry[name](settings))
        return cls(stages, settings)

    def run(self, items: Iterable[Result], total: int | None = None) -> Iterator[Result]:
        """Yield every item, processed, in input order.

        A single batch runs in this process; when there is more than one batch and
        ``settings.n_process`` > 1, all go to that many forked workers (each with the
        models already loaded), at most two batches each in flight, so memory stays bounded.
        """
        bar = _progress(self.settings, total)
        iterator = iter(items)
        size = self.settings.batch_size
        try:
            first = list(islice(iterator, size))
            for done in self._batches(first, iterator):
                yield from done
                if bar is not None:
                    bar.update(len(done))
        finally:
            if bar is not None:
                bar.close()

    def _batches(self, first: list[Result], iterator: Iterator[Result]) -> Iterator[list[Result]]:
        if not first:
            return
        rest = iter(lambda: list(islice(iterator, self.settings.batch_size)), [])
        workers = self.settings.n_process
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            yield self._run_batch(first)  # before the input is read on
            yield from map(self._run_batch, rest)
            return
        second = next(rest, None)
        if second is None:  # one batch (one article, a small file) is not worth a fork
            yield self._run_batch(first)
            return
        batches = chain((first, second), rest)
        self.warm()  # loaded once here, the models are shared by the forked workers
        global _WORKER_PIPELINE  # noqa: PLW0603 - inherited by forked workers, never pickled
        _WORKER_PIPELINE = self
        with multiprocessing.get_context("fork").Pool(workers, initializer=_one_blas_thread) as pool:
            pending: deque[AsyncResult[list[Result]]] = deque()
            for batch in batches:
                pending.append(pool.apply_async(_worker_batch, (batch,)))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()

    def warm(self) -> None:
        """Load every stage's models and tables now (stages with a ``warm`` method)."""
        for stage in self.stages:
            warm = getattr(stage, "warm", None)
            if warm is not None:
                warm()

    def process(self, article: Article) -> Article:
        """Run every stage over one article, raising on failure (for library use)."""
        for stage in self.stages:
            article = stage(article)
        return article

    def _run_batch(self, batch: list[Result]) -> list[Result]:
        for stage in self.stages:
            live = [r for r in batch if r.status == "ok" and r.article is not None]
            if not live:
                break
            pipe = getattr(stage, "pipe", None)
            if pipe is not None:
                try:
                    processed = list(pipe([r.article for r in live]))
                except Exception:  # noqa: BLE001 - isolate the failing article below
                    processed = None
                if processed is not None and len(processed) == len(live):
                    for result, article in zip(live, processed, strict=True):
                        result.article = article
                    continue
            for result in live:
                _apply(stage, result)
        for result in batch:
            if result.article is not None:
                result.article.doc = None  # free the parse as soon as the batch is done
        return batch


_WORKER_PIPELINE: Pipeline | None = None


def _one_blas_thread() -> None:
    """A worker multiplies matrices on one thread: the workers already fill the cores, and
    OpenBLAS's own threads in each of them would fight over the same cores (spaCy on two cores
    parsed 5.2k words/s with OpenBLAS's two threads, 6.5k with one; with two workers of two
    threads each, the bench's 1-in-10 mix ran at 74-83 articles/s, with one thread 114-130)."""
    from threadpoolctl import threadpool_limits  # noqa: PLC0415 - only in a worker

    threadpool_limits(1)


def _worker_batch(batch: list[Result]) -> list[Result]:
    if _WORKER_PIPELINE is None:  # pragma: no cover - set before the fork
        msg = "worker started without a pipeline"
        raise ConfigError(msg)
    return _WORKER_PIPELINE._run_batch(batch)  # noqa: SLF001


def _apply(stage: Stage, result: Result) -> None:
    if result.article is None:
        return
    try:
        result.article = stage(result.article)
    except SkipArticle as e:
        result.status, result.reason = "skipped", e.reason
    except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
        result.status = "failed"
        result.reason = f"{stage.name}: {type(e).__name__}: {e}"


def _check_order(stages: list[Stage], given: frozenset[str]) -> None:
    available = set(given)
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            msg = f"stage {stage.name!r} requires {missing}, which no earlier stage produces"
            raise ConfigError(msg)
        available.update(stage.produces)


def _progress(settings: Settings, total: int | None) -> Any:
    if not (settings.progress and sys.stderr.isatty()):
        return None
    from tqdm import tqdm  # noqa: PLC0415 - only needed on a terminal

    return tqdm(total=total, unit="article", file=sys.stderr, leave=False)
