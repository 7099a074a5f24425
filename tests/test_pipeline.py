"""tocsin.pipeline: stage order checks, per-article failure isolation, streaming, forked workers."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import pytest

from tocsin.config import Settings
from tocsin.errors import ConfigError, SkipArticle
from tocsin.models import Article
from tocsin.pipeline import DEFAULT_STAGES, Pipeline, Result, Stage, _one_blas_thread, register_stage, registered_stages

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

SETTINGS = Settings(progress=False, n_process=1)


class BoomError(RuntimeError):
    """What the test stages raise on a "BOOM" article."""


def _react(article: Article) -> None:
    if "BOOM" in article.raw:
        raise BoomError("found BOOM")
    if "SKIP" in article.raw:
        raise SkipArticle("test_skip", "found SKIP")


@register_stage("test.boom.v1")
class BoomStage:
    """Fails on articles containing BOOM, declines those containing SKIP, tags the rest."""

    name = "test.boom.v1"
    requires = ("article.raw",)
    produces = ("article.flags",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        _react(article)
        article.flags.append("boom-checked")
        return article


@register_stage("test.batchboom.v1")
class BatchBoomStage(BoomStage):
    """Like BoomStage, with a batched ``pipe`` that fails the whole batch (as spaCy's would)."""

    name = "test.batchboom.v1"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.pipe_calls = 0

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        self.pipe_calls += 1
        batch = list(articles)
        for article in batch:
            _react(article)
        for article in batch:
            article.flags.append("boom-checked")
            yield article


@register_stage("test.tag.v1")
class TagStage:
    """Records the largest batch it was handed (via ``pipe``) and tags every article."""

    name = "test.tag.v1"
    requires = ("article.flags",)
    produces = ("article.tagged",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.calls = 0
        self.max_live = 0
        self.warmed = 0

    def warm(self) -> None:
        self.warmed += 1

    def __call__(self, article: Article) -> Article:
        self.calls += 1
        article.flags.append("tagged")
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        batch = list(articles)
        self.max_live = max(self.max_live, len(batch))
        for article in batch:
            article.flags.append("tagged")
            yield article


class NeedsParse:
    name = "test.needsparse.v1"
    requires = ("article.doc",)
    produces = ("article.events",)

    def __call__(self, article: Article) -> Article:
        return article


def results(*texts: str) -> list[Result]:
    return [Result(origin=f"item-{i}", article=Article(raw=text)) for i, text in enumerate(texts)]


# --- stage order -----------------------------------------------------------------------


def test_pipeline_test_stages_are_registered_and_satisfy_the_protocol():
    registry = registered_stages()
    for name in ("test.boom.v1", "test.batchboom.v1", "test.tag.v1", *DEFAULT_STAGES):
        assert name in registry
    for name in DEFAULT_STAGES:
        stage = registry[name](SETTINGS)
        assert isinstance(stage, Stage)
        assert stage.name == name


def test_pipeline_default_order_is_valid():
    pipeline = Pipeline.from_settings(SETTINGS)
    assert [stage.name for stage in pipeline.stages] == list(DEFAULT_STAGES)


def test_pipeline_stage_requiring_unproduced_input_raises():
    with pytest.raises(ConfigError, match=r"test\.needsparse\.v1.*article\.doc"):
        Pipeline([BoomStage(SETTINGS), NeedsParse()], SETTINGS)


@pytest.mark.parametrize(
    ("names", "stage", "missing"),
    [
        (["tocsin.events.v1"], "tocsin.events.v1", "article.doc"),
        (["tocsin.sentences.v1", "tocsin.clean.v1"], "tocsin.sentences.v1", "article.text"),
        (["tocsin.clean.v1", "tocsin.parse.v1"], "tocsin.parse.v1", "article.sentences"),
        (["test.tag.v1", "test.boom.v1"], "test.tag.v1", "article.flags"),
    ],
)
def test_pipeline_from_settings_checks_order(names, stage, missing):
    with pytest.raises(ConfigError) as info:
        Pipeline.from_settings(SETTINGS, names)
    assert stage in str(info.value)
    assert missing in str(info.value)


def test_pipeline_unknown_stage_name_raises():
    with pytest.raises(ConfigError, match=r"unknown stage 'tocsin\.nope\.v1'"):
        Pipeline.from_settings(SETTINGS, ["tocsin.clean.v1", "tocsin.nope.v1"])


# --- failure isolation -----------------------------------------------------------------


@pytest.mark.parametrize("boom", ["test.boom.v1", "test.batchboom.v1"])
def test_pipeline_run_isolates_failures(boom):
    pipeline = Pipeline.from_settings(replace(SETTINGS, batch_size=3), [boom, "test.tag.v1"])
    items = results("fine one", "this goes BOOM", "fine two", "please SKIP me", "fine three", "BOOM again", "fine four")
    out = list(pipeline.run(items))

    assert [r.origin for r in out] == [f"item-{i}" for i in range(7)]
    assert [r.status for r in out] == ["ok", "failed", "ok", "skipped", "ok", "failed", "ok"]
    for result in out:
        if result.status == "ok":
            assert result.reason is None
            assert result.article.flags == ["boom-checked", "tagged"]
        else:
            assert "tagged" not in result.article.flags  # later stages skip a bad article
    for failed in (out[1], out[5]):
        assert failed.reason.startswith(f"{boom}: BoomError")
        assert "found BOOM" in failed.reason
    assert out[3].reason == "test_skip"


def test_pipeline_run_uses_pipe_when_the_batch_is_clean():
    pipeline = Pipeline.from_settings(replace(SETTINGS, batch_size=4), ["test.batchboom.v1", "test.tag.v1"])
    out = list(pipeline.run(results(*(f"article {i}" for i in range(8)))))
    assert [r.status for r in out] == ["ok"] * 8
    boom, tag = pipeline.stages
    assert boom.pipe_calls == 2
    assert tag.calls == 0  # never fell back to one article at a time
    assert tag.max_live == 4


def test_pipeline_run_passes_through_items_that_are_already_bad():
    pipeline = Pipeline.from_settings(SETTINGS, ["test.boom.v1"])
    items = [
        Result(origin="gone.txt", status="failed", reason="unreadable: no such file or directory"),
        Result(origin="ok.txt", article=Article(raw="fine")),
        Result(origin="empty.txt", status="skipped", reason="empty: no text"),
    ]
    out = list(pipeline.run(items))
    assert [(r.origin, r.status, r.reason) for r in out] == [
        ("gone.txt", "failed", "unreadable: no such file or directory"),
        ("ok.txt", "ok", None),
        ("empty.txt", "skipped", "empty: no text"),
    ]


def test_pipeline_run_of_nothing_yields_nothing():
    assert list(Pipeline.from_settings(SETTINGS, ["test.boom.v1"]).run([])) == []


def test_pipeline_process_raises_on_failure():
    pipeline = Pipeline.from_settings(SETTINGS, ["test.boom.v1", "test.tag.v1"])
    with pytest.raises(BoomError, match="found BOOM"):
        pipeline.process(Article(raw="BOOM"))
    with pytest.raises(SkipArticle) as info:
        pipeline.process(Article(raw="SKIP"))
    assert info.value.reason == "test_skip"
    assert pipeline.process(Article(raw="fine")).flags == ["boom-checked", "tagged"]


# --- streaming -------------------------------------------------------------------------


class Feed:
    """A lazy input that counts how many items are read but not yet handed back."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.produced = 0
        self.consumed = 0
        self.peak = 0

    def __iter__(self) -> Iterator[Result]:
        for i in range(self.n):
            self.produced += 1
            self.peak = max(self.peak, self.produced - self.consumed)
            yield Result(origin=str(i), article=Article(raw=f"item {i}"))


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipeline_run_streams(n_process):
    settings = replace(SETTINGS, batch_size=10, n_process=n_process)
    pipeline = Pipeline.from_settings(settings, ["test.boom.v1", "test.tag.v1"])
    feed = Feed(1000)
    first_seen_after = None
    for i, result in enumerate(pipeline.run(iter(feed))):
        if first_seen_after is None:
            first_seen_after = feed.produced
        assert result.origin == str(i)
        assert result.status == "ok"
        assert result.article.flags == ["boom-checked", "tagged"]
        feed.consumed += 1
    assert feed.consumed == 1000
    # in process, the first batch comes back before the input is read on; forked (every batch
    # to a worker, one batch alone not being worth a fork), once two batches per worker are sent
    assert first_seen_after == (10 if n_process == 1 else 10 * 2 * n_process)
    # in process: one batch at a time; forked: at most two batches per worker in flight
    assert feed.peak <= 10 * (1 if n_process == 1 else 2 * n_process + 1)
    if n_process == 1:
        assert pipeline.stages[1].max_live == 10


# --- forked workers --------------------------------------------------------------------


@pytest.mark.parametrize(("n", "warmed"), [(10, 0), (25, 1)])
def test_pipeline_warms_its_stages_once_before_forking(n, warmed):
    """Models load in the parent, once, so that the forked workers share them; a single batch
    runs in process, unforked and unwarmed (the stage loads what it needs when called)."""
    pipeline = Pipeline.from_settings(replace(SETTINGS, batch_size=10, n_process=2), ["test.boom.v1", "test.tag.v1"])
    results = list(pipeline.run(Result(origin=str(i), article=Article(raw=f"item {i}")) for i in range(n)))
    assert [r.article.flags for r in results] == [["boom-checked", "tagged"]] * n
    assert pipeline.stages[1].warmed == warmed


CITIES = ["Lima", "Nairobi", "Dhaka", "Santiago", "Lagos", "Karachi"]
ACTIONS = [
    "Police fired tear gas at thousands of protesters in {city} on Tuesday.",
    "At least {n} people were killed when security forces opened fire on a march in {city}.",
    "Workers in {city} went on strike on Monday, and {n} union leaders were arrested.",
]


def articles_for_fork() -> list[Result]:
    items = []
    for i in range(12):
        city = CITIES[i % len(CITIES)]
        body = ACTIONS[i % len(ACTIONS)].format(city=city, n=i + 2)
        body += f" Shops in {city} stayed closed, residents said."
        items.append(Result(origin=f"a{i}.txt", article=Article(raw=body, published=date(2024, 3, 1 + i))))
    items.insert(5, Result(origin="short.txt", article=Article(raw="Too short.")))  # skipped by clean
    return items


def snapshot(out: list[Result]) -> list[tuple[str, str, str | None, list[dict]]]:
    return [
        (r.origin, r.status, r.reason, [e.to_dict() for e in r.article.events] if r.status == "ok" else []) for r in out
    ]


def test_pipeline_forked_workers_match_in_process(pipeline):
    in_process = Pipeline(pipeline.stages, Settings(progress=False, n_process=1, batch_size=4))
    forked = Pipeline(pipeline.stages, Settings(progress=False, n_process=2, batch_size=4))

    expected = snapshot(list(in_process.run(articles_for_fork())))
    got = snapshot(list(forked.run(articles_for_fork())))

    assert got == expected
    assert [origin for origin, *_ in got][5] == "short.txt"
    assert got[5][1:3] == ("skipped", "empty")
    assert sum(len(events) for *_, events in got) >= 12  # every article reports an event
    for result in forked.run(articles_for_fork()):
        if result.article is not None:
            assert result.article.doc is None  # parses are not shipped back from workers


def test_pipeline_split_runs_every_stage_once():
    pipeline = Pipeline.from_settings(Settings(progress=False, n_process=1))
    head, tail = pipeline.split({"tocsin.clean.v1", "tocsin.lang.v1"})
    assert [s.name for s in head.stages] == ["tocsin.clean.v1", "tocsin.lang.v1"]
    assert [s.name for s in head.stages + tail.stages] == [s.name for s in pipeline.stages]
    assert "article.text" in tail.given
    with pytest.raises(ConfigError):
        Pipeline(tail.stages, pipeline.settings)  # without the head's output the order check fails
    text = "Police in Lima arrested 12 protesters on Monday after clashes near the Congress building."
    (done,) = tail.run(head.run([Result(origin="x", article=Article(raw=text))]))
    assert done.status == "ok"
    assert [e.plover_type for e in done.article.events] == [
        e.plover_type for e in pipeline.process(Article(raw=text)).events
    ]


def _blas_threads() -> set[int]:
    import numpy as np  # noqa: F401, PLC0415 - loads OpenBLAS in the worker
    from threadpoolctl import threadpool_info  # noqa: PLC0415

    return {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}


def test_pipeline_workers_multiply_on_one_thread():
    # two workers with OpenBLAS's own threads each oversubscribed the cores (tocsin.pipeline)
    if max(_blas_threads(), default=1) < 2:
        pytest.skip("OpenBLAS uses one thread on this machine anyway: nothing to limit")
    context = multiprocessing.get_context("fork")
    with context.Pool(1, initializer=_one_blas_thread) as pool:
        assert pool.apply(_blas_threads) == {1}
