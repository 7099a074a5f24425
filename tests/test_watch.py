"""tocsin watch: feeds polled from a real server on 127.0.0.1, state kept in the store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from data.ingest.server import serve

from tocsin.cli import main
from tocsin.config import Settings
from tocsin.errors import ConfigError
from tocsin.ingest.watch import Watcher, parse_interval, read_feed_list
from tocsin.store import open_store

SETTINGS = Settings(
    progress=False,
    n_process=1,
    fetch_allow_hosts="127.0.0.1",
    fetch_host_delay=0.0,
    fetch_retries=0,
    fetch_timeout=2.0,
)


@pytest.fixture
def server():
    with serve() as s:
        yield s


@pytest.mark.parametrize(("value", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200), ("1d", 86400), ("45", 45)])
def test_watch_parse_interval(value, seconds):
    assert parse_interval(value) == seconds


@pytest.mark.parametrize("value", ["", "0m", "soon", "-5m"])
def test_watch_parse_interval_rejects(value):
    with pytest.raises(ConfigError):
        parse_interval(value)


def test_watch_feed_list(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# feeds\nhttps://a.example/rss\n\nhttp://b.example/atom\n")
    assert read_feed_list(path) == ["https://a.example/rss", "http://b.example/atom"]
    path.write_text("not a url\n")
    with pytest.raises(ConfigError):
        read_feed_list(path)


def test_watch_restart_fetches_nothing_twice(tmp_path, server):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    feeds = [f"{server.base}/page/feed.xml", f"{server.base}/etag/atom.xml"]
    with open_store(url) as store:
        summary = Watcher(feeds, store, SETTINGS).poll()
        assert summary.ingested == 3
        assert store.count_articles() == 3
    assert server.hits["/page/feed-one.html"] == 1
    assert server.hits["/page/listed.html"] == 1
    with open_store(url) as store:  # a restart: state comes from the database
        summary = Watcher(feeds, store, SETTINGS).poll()
        assert (summary.ingested, summary.duplicates) == (0, 0)
    assert server.hits["/page/feed-one.html"] == 1  # no entry fetched again
    assert server.hits["/page/listed.html"] == 1
    assert server.hits["/page/feed.xml"] == 2
    assert server.hits["/etag/atom.xml"] == 2  # answered 304 the second time


def test_watch_network_errors_are_not_fatal_and_retried(tmp_path, server):
    feeds = [f"{server.base}/nowhere.xml", f"{server.base}/broken-feed.xml", "http://127.0.0.1:9/feed.xml"]
    with open_store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        summary = Watcher([*feeds, f"{server.base}/page/feed.xml"], store, SETTINGS).poll()
    assert summary.ingested == 2
    assert summary.failed["http"] == 1
    assert summary.failed["malformed"] == 1
    assert summary.failed["network"] == 1


def test_watch_entry_with_passing_error_is_retried_next_poll(tmp_path, server):
    with open_store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        watcher = Watcher([f"{server.base}/page/flaky-feed.xml"], store, SETTINGS)
        first = watcher.poll()  # the page answers 503: not marked seen
        assert (first.ingested, first.failed["http"]) == (0, 1)
        second = watcher.poll()
        assert second.ingested == 1
        third = watcher.poll()
        assert (third.ingested, sum(third.failed.values())) == (0, 0)
    assert server.hits["/flaky"] == 2


def test_watch_cli_once(tmp_path, server):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/page/feed.xml\n")
    args = [
        "-s", "fetch_allow_hosts", "127.0.0.1", "-s", "fetch_host_delay", "0", "-s", "n_process", "1",
        "watch", str(feeds), "--once", "--every", "1m", "--db", f"sqlite:///{tmp_path / 'w.db'}",
    ]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "ingested: 2 articles" in result.stdout
    again = CliRunner().invoke(main, args)
    assert "ingested: 0 articles" in again.stdout
