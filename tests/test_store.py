# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""tocsin.store on SQLite and, when TOCSIN_TEST_PG_URL is set, a real PostgreSQL.

Start one with ``export TOCSIN_TEST_PG_URL="$(scripts/start-postgres.sh)"``. Each PostgreSQL
test gets its own schema (via ``search_path``), dropped afterwards.
"""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import column, create_engine, make_url, select, table, text

from tocsin.errors import StorageError
from tocsin.models import Actor, Article, Count, Event, Evidence, Place, Span
from tocsin.store import EventStore, open_store
from tocsin.store.base import MIGRATIONS
from tocsin.store.queries import ArticleQuery
from tocsin.store.schema import ALEMBIC_VERSION_TABLE, metadata

if TYPE_CHECKING:
    from collections.abc import Iterator

PG_URL_VAR = "TOCSIN_TEST_PG_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL to an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tocsin.db'}"
        return
    base = os.environ.get(PG_URL_VAR)
    if not base:
        pytest.skip(f"{PG_URL_VAR} is not set (start one with scripts/start-postgres.sh)")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


@pytest.fixture
def store(store_url: str) -> Iterator[EventStore]:
    with open_store(store_url) as s:
        yield s


def _span(text: str, sentence: str, offset: int) -> Span:
    start = offset + sentence.index(text)
    return Span(start, start + len(text), text)


def make_event(
    article: Article,
    sentence_index: int,
    trigger: str,
    plover_type: str,
    *,
    plover_mode: str | None = None,
    acled: tuple[str, str] | None = None,
    sources: list[Actor] | None = None,
    targets: list[Actor] | None = None,
    place: Place | None = None,
    when: date | None = None,
    killed: Count | None = None,
    arrested: Count | None = None,
    crowd: Count | None = None,
    confidence: dict[str, float] | None = None,
) -> Event:
    sentence = [s for s in article.text.split(". ") if s][sentence_index]
    offset = article.text.index(sentence)
    evidence = Evidence(
        article_id=article.id,
        sentence_index=sentence_index,
        sentence=Span(offset, offset + len(sentence), sentence),
        trigger=_span(trigger, sentence, offset),
        arguments={"place": [_span(place.name, sentence, offset)]} if place else {},
    )
    return Event(
        plover_type=plover_type,
        plover_mode=plover_mode,
        acled_type=acled[0] if acled else None,
        acled_subtype=acled[1] if acled else None,
        evidence=evidence,
        sources=sources or [],
        targets=targets or [],
        place=place,
        date=when,
        date_precision="day" if when else "unknown",
        killed=killed,
        arrested=arrested,
        crowd_size=crowd,
        context=["claimed"] if killed else [],
        confidence=confidence or {},
    )


def paris_article() -> Article:
    """Two events: a protest placed in France, and arrests with no place but French police."""
    text = (
        "Thousands of protesters marched in Paris on Monday. Police arrested 12 people in the evening, officials said."
    )
    article = Article(
        raw=text,
        text=text,
        url="https://example.org/paris",
        source="example.org",
        title="Paris protest",
        published=date(2024, 3, 5),
        language="en",
        flags=["damaged"],
    )
    paris = Place("Paris", "FRA", "Île-de-France", 2988507, 48.85341, 2.3488, 1, Span(31, 36, "Paris"))
    article.events = [
        make_event(
            article,
            0,
            "marched",
            "PROTEST",
            plover_mode="demo",
            acled=("Protests", "PEACE_PROTEST"),
            sources=[Actor("protesters", "protesters", None, "CVL", Span(13, 23, "protesters"))],
            targets=[Actor("France", country="FRA", inferred=True)],  # no words name it
            place=paris,
            when=date(2024, 3, 4),
            crowd=Count(1000, None),
            confidence={"event": 0.9, "place": 0.8},
        ),
        make_event(
            article,
            1,
            "arrested",
            "COERCE",
            plover_mode="arrest",
            acled=("Strategic developments", "ARREST"),
            sources=[Actor("Police", "police", "FRA", "POL")],
            targets=[Actor("12 people", None, None, "CVL")],
            when=date(2024, 3, 5),
            arrested=Count(12, 12),
            confidence={"actors": 0.5},
        ),
    ]
    return article


def nairobi_article() -> Article:
    """Kenya: a clash with a Ugandan target (country by actor only), and an undated event."""
    text = "Gunmen attacked Ugandan traders in Nairobi, killing three. Talks are planned."
    article = Article(raw=text, text=text, published=date(2024, 2, 1))
    nairobi = Place("Nairobi", "KEN", "Nairobi", None, -1.28333, 36.81667, 1)
    article.events = [
        make_event(
            article,
            0,
            "attacked",
            "ASSAULT",
            plover_mode="firearms",
            acled=("Violence against civilians", "ATTACK"),
            sources=[Actor("Gunmen", sector="UAF")],
            targets=[Actor("Ugandan traders", "traders", "UGA", "BUS")],
            place=nairobi,
            when=date(2024, 2, 1),
            killed=Count(3, 3),
        ),
        make_event(article, 1, "Talks", "CONSULT"),
    ]
    return article


def _ordered(events: list[Event]) -> list[dict[str, object]]:
    dicts = [e.to_dict() for e in events]
    return sorted(dicts, key=lambda d: (d["date"] is None, d["date"] or "", d["id"]))


def test_store_roundtrip_article_with_two_events(store: EventStore) -> None:
    article = paris_article()
    assert not store.has_article(article.id)
    assert store.add_article(article) is True
    assert store.has_article(article.id)
    assert (store.count_articles(), store.count_events()) == (1, 2)
    assert store.events() == _ordered(article.events)
    assert store.events(article_id=article.id) == _ordered(article.events)
    assert store.events(article_id="0" * 16) == []


def test_store_readding_an_article_adds_nothing(store: EventStore) -> None:
    assert store.add_article(paris_article()) is True
    again = paris_article()
    again.events = again.events[:1]  # same text, so the same id, whatever its events
    again.events[0].story_id = "changed"
    assert store.add_article(again) is False
    assert store.add_article(paris_article()) is False
    assert (store.count_articles(), store.count_events()) == (1, 2)
    assert store.events() == _ordered(paris_article().events)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["marched", "arrested", "attacked", "Talks"]),
        ({"country": "FRA"}, ["marched", "arrested"]),  # by place, and by the police actor
        ({"country": "fra"}, ["marched", "arrested"]),
        ({"country": "UGA"}, ["attacked"]),  # by the target actor only
        ({"country": "KEN"}, ["attacked"]),
        ({"country": "USA"}, []),
        ({"plover_type": "PROTEST"}, ["marched"]),
        ({"acled_type": "Strategic developments"}, ["arrested"]),
        ({"since": date(2024, 3, 4)}, ["marched", "arrested"]),
        ({"until": date(2024, 3, 4)}, ["attacked", "marched"]),
        ({"since": date(2024, 3, 4), "until": date(2024, 3, 4)}, ["marched"]),
        ({"since": date(2024, 3, 6)}, []),
        ({"country": "FRA", "plover_type": "COERCE"}, ["arrested"]),
        ({"limit": 2}, ["attacked", "marched"]),
        ({"limit": 2, "offset": 1}, ["marched", "arrested"]),
        ({"offset": 3}, ["Talks"]),
        ({"limit": 0}, []),
    ],
)
def test_store_events_filters(store: EventStore, query, expected) -> None:
    store.add_article(paris_article())
    store.add_article(nairobi_article())
    got = [e["evidence"]["trigger"]["text"] for e in store.events(**query)]
    assert sorted(got) == sorted(expected)
    if "limit" in query or "offset" in query:
        # ordered by date, undated last, then id
        assert got == expected


def test_store_events_ordered_by_date_then_id(store: EventStore) -> None:
    paris, nairobi = paris_article(), nairobi_article()
    store.add_article(paris)
    store.add_article(nairobi)
    assert store.events() == _ordered(paris.events + nairobi.events)
    assert store.events()[-1]["date"] is None


def test_store_reopen_is_a_noop_migration(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_article(paris_article())
    with open_store(store_url) as store:
        assert (store.count_articles(), store.count_events()) == (1, 2)
        assert store.events() == _ordered(paris_article().events)
        with store.engine.connect() as conn:
            query = select(column("version_num")).select_from(table(ALEMBIC_VERSION_TABLE))
            version = conn.execute(query)
            head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
            assert version.scalars().all() == [head]
            context = MigrationContext.configure(
                conn, opts={"version_table": ALEMBIC_VERSION_TABLE, "compare_type": True}
            )
            # the frozen migration builds exactly the schema that schema.py describes
            assert compare_metadata(context, metadata) == []


def test_store_concurrent_opens_of_a_new_database(store_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_add() -> None:
        try:
            with open_store(store_url) as store:
                store.add_article(paris_article())
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=open_and_add) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(store_url) as store:
        assert (store.count_articles(), store.count_events()) == (1, 2)


def test_store_article_author_roundtrip(store: EventStore) -> None:
    article = paris_article()
    article.author = "Ines Marlow"
    assert store.add_article(article)
    store.add_article(nairobi_article())
    assert store.article(article.id)["author"] == "Ines Marlow"
    authors = {a["id"]: a["author"] for a in store.articles(ArticleQuery())}
    assert authors == {article.id: "Ines Marlow", nairobi_article().id: None}


def _migrate_to(store_url: str, revision: str, *, downgrade: bool = False) -> None:
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            config = _alembic_config()
            config.attributes["connection"] = conn
            (command.downgrade if downgrade else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def test_store_migration_0004_adds_author_to_a_database_at_0003(store_url: str) -> None:
    _migrate_to(store_url, "0003")
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            old = "INSERT INTO articles (id, text, flags, ingested_at) VALUES ('0123456789abcdef', 'Old.', '[]', :at)"
            conn.execute(text(old), {"at": datetime.now(UTC)})
    finally:
        engine.dispose()
    with open_store(store_url) as store:  # upgrades to head
        assert store.article("0123456789abcdef")["author"] is None
        article = paris_article()
        article.author = "Ines Marlow"
        store.add_article(article)
        assert store.article(article.id)["author"] == "Ines Marlow"
    _migrate_to(store_url, "0003", downgrade=True)
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            columns = list(conn.execute(select(text("*")).select_from(table("articles"))).keys())
    finally:
        engine.dispose()
    assert "title" in columns
    assert "author" not in columns


def test_store_open_database_from_a_newer_tocsin(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(table(ALEMBIC_VERSION_TABLE, column("version_num")).update().values(version_num="9999"))
    with pytest.raises(StorageError, match="9999"):
        open_store(store_url)


def test_store_failed_add_writes_nothing(store: EventStore) -> None:
    article = paris_article()
    # Count(-1) passes the model but not the database's CHECK: the article row and the
    # first event are written before the second fails, and must be rolled back.
    article.events[1].arrested = Count(-1, None)
    with pytest.raises(StorageError, match="cannot store article"):
        store.add_article(article)
    assert (store.count_articles(), store.count_events()) == (0, 0)
    assert not store.has_article(article.id)
    assert store.add_article(paris_article()) is True
    assert (store.count_articles(), store.count_events()) == (1, 2)


def test_store_rejects_events_of_another_article(store: EventStore) -> None:
    article = paris_article()
    article.events.append(nairobi_article().events[0])
    with pytest.raises(StorageError, match="has evidence for article"):
        store.add_article(article)
    assert (store.count_articles(), store.count_events()) == (0, 0)


def test_store_duplicate_event_ids_are_stored_once(store: EventStore) -> None:
    article = paris_article()
    article.events.append(paris_article().events[0])
    assert store.add_article(article) is True
    assert store.count_events() == 2


def test_store_concurrent_adds_of_one_article(store: EventStore) -> None:
    results: list[bool] = []
    errors: list[BaseException] = []

    def add() -> None:
        try:
            results.append(store.add_article(paris_article()))
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=add) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert (store.count_articles(), store.count_events()) == (1, 2)


@pytest.mark.parametrize("bad", [-1])
def test_store_rejects_negative_paging(store: EventStore, bad: int) -> None:
    with pytest.raises(StorageError, match="limit"):
        store.events(limit=bad)
    with pytest.raises(StorageError, match="offset"):
        store.events(offset=bad)


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "nosuchdialect://host/db",
        "sqlite:////nonexistent-tocsin-dir/sub/tocsin.db",
        "postgresql+psycopg://tocsin:secret@127.0.0.1:1/tocsin",  # nothing listens on port 1
    ],
)
def test_store_open_bad_url_raises_storage_error(url: str) -> None:
    with pytest.raises(StorageError) as info:
        open_store(url)
    assert "secret" not in str(info.value)
