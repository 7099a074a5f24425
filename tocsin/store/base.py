# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""The event store: articles and their events in SQL (SQLite by default, PostgreSQL at scale).

``open_store(url)`` connects and brings the schema to the latest Alembic revision, so a new
file, an old database and a current one all open the same way. Every failure of the database
reaches callers as ``StorageError``.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    create_engine,
    exists,
    func,
    insert,
    make_url,
    or_,
    select,
)
from sqlalchemy import event as sqla_event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from tocsin.errors import StorageError
from tocsin.store import _stories
from tocsin.store.queries import (
    ArticleQuery,
    EventQuery,
    StoryQuery,
    article_conditions,
    event_conditions,
    event_order,
    paged,
    story_conditions,
    story_order,
)
from tocsin.store.schema import (
    actor_rows,
    article_row,
    articles,
    event_actors,
    event_row,
    events,
    stories,
    story_changes,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date
    from types import TracebackType

    from sqlalchemy.engine import URL

    from tocsin.models import Article

__all__ = ["MIGRATIONS", "EventStore", "open_store"]

MIGRATIONS = Path(__file__).with_name("migrations")
_WRITE_OPTION = "tocsin_write"  # execution option: this transaction will write
# Alembic runs env.py through module-global proxies (alembic.context, alembic.op), so two
# threads must not migrate at once; other processes are kept out by the database (env.py).
_MIGRATION_LOCK = threading.Lock()


@contextmanager
def _storage_errors(what: str) -> Iterator[None]:
    """Re-raise database errors as ``StorageError`` naming the operation that failed."""
    try:
        yield
    except SQLAlchemyError as e:
        # The driver's message is the useful part; SQLAlchemy's adds the SQL and parameters,
        # which here would include whole article texts. The full error stays as __cause__.
        detail = getattr(e, "orig", None) or e
        raise StorageError(f"{what}: {detail}") from e


class EventStore:
    """Articles and their events in one SQL database; see ``open_store``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EventStore({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        """Release every connection. Closing twice is harmless."""
        self.engine.dispose()

    def migrate(self) -> None:
        """Bring the schema to the latest revision (``open_store`` already does this)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.set_main_option("path_separator", "os")
        try:
            with (
                _MIGRATION_LOCK,
                _storage_errors("cannot create or upgrade the schema"),
                self._write() as conn,
            ):
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except CommandError as e:
            # e.g. a database written by a newer tocsin, at a revision this one does not know
            raise StorageError(f"cannot upgrade the schema: {e}") from e

    def add_article(self, article: Article) -> bool:
        """Store ``article`` and its events in one transaction, and assign them to stories.

        Returns False, writing nothing, when an article with the same id is already stored.
        """
        article_id = article.id
        event_rows: dict[str, dict[str, Any]] = {}
        actors: list[dict[str, Any]] = []
        for event in article.events:
            if event.evidence.article_id != article_id:
                msg = f"event {event.id} of article {article_id} has evidence for article {event.evidence.article_id}"
                raise StorageError(msg)
            # Event.id hashes (article, sentence, trigger, type): equal ids are one event
            # found twice; keep the first.
            if event.id not in event_rows:
                event_rows[event.id] = event_row(event, article_id)
                actors.extend(actor_rows(event))
        with _storage_errors(f"cannot store article {article_id}"), self._write() as conn:
            if not _insert_article(conn, article_row(article)):
                return False
            if event_rows:
                conn.execute(insert(events), list(event_rows.values()))
            if actors:
                conn.execute(insert(event_actors), actors)
            _stories.assign_article(conn, article_id, [row["data"] for row in event_rows.values()])
        return True

    def rebuild_stories(self) -> int:
        """Assign every stored event to stories again, from scratch; the number of stories."""
        with _storage_errors("cannot rebuild stories"), self._write() as conn:
            return _stories.rebuild(conn)

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        query = select(exists().where(articles.c.id == article_id))
        with _storage_errors("cannot read articles"), self.engine.connect() as conn:
            return bool(conn.execute(query).scalar())

    def events(
        self,
        *,
        country: str | None = None,
        plover_type: str | None = None,
        acled_type: str | None = None,
        since: date | None = None,
        until: date | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored events as ``Event.to_dict()`` dicts, ordered by date (undated last), then id.

        ``country`` (ISO 3166-1 alpha-3) matches the event's place or any source or target
        actor; ``since`` and ``until`` are inclusive and leave out undated events.
        """
        if limit is not None and limit < 0:
            raise StorageError(f"limit must be >= 0, got {limit}")
        if offset < 0:
            raise StorageError(f"offset must be >= 0, got {offset}")
        where: list[ColumnElement[bool]] = []
        if country is not None:
            code = country.upper()
            by_actor = select(event_actors.c.event_id).where(event_actors.c.country == code)
            where.append(or_(events.c.country == code, events.c.id.in_(by_actor)))
        if plover_type is not None:
            where.append(events.c.plover_type == plover_type)
        if acled_type is not None:
            where.append(events.c.acled_type == acled_type)
        if since is not None:
            where.append(events.c.date >= since)
        if until is not None:
            where.append(events.c.date <= until)
        if article_id is not None:
            where.append(events.c.article_id == article_id)
        query = (
            select(events.c.data)
            .where(*where)
            # NULLS LAST spelled portably: SQLite and PostgreSQL disagree on the default.
            .order_by(events.c.date.is_(None), events.c.date, events.c.id)
            .limit(limit)
            .offset(offset or None)
        )
        with _storage_errors("cannot read events"), self.engine.connect() as conn:
            return [dict(data) for data in conn.execute(query).scalars()]

    def query_events(self, query: EventQuery) -> list[dict[str, Any]]:
        """One page of events matching ``query``, each ``Event.to_dict()`` with its ``story_id``."""
        select_ = select(events.c.data, events.c.story_id).where(*event_conditions(query))
        select_ = paged(select_.order_by(*event_order(query.sort)), query.limit, query.offset)
        with _storage_errors("cannot read events"), self.engine.connect() as conn:
            return [_with_story(row[0], row[1]) for row in conn.execute(select_)]

    def iter_events(self, query: EventQuery, page_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every event matching ``query``, streamed: a server-side cursor, ``page_size`` rows at a time.

        Memory stays flat whatever the number of events (PostgreSQL uses a named cursor; SQLite
        steps its statement). The connection is held until the iterator is exhausted or closed.
        """
        select_ = select(events.c.data, events.c.story_id).where(*event_conditions(query))
        select_ = paged(select_.order_by(*event_order(query.sort)), query.limit, query.offset)
        with _storage_errors("cannot read events"), self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=page_size).execute(select_)
            for row in result:
                yield _with_story(row[0], row[1])

    def count_query(self, query: EventQuery) -> int:
        """How many events match ``query`` (its sort and page are ignored)."""
        return self._count(select(func.count()).select_from(events).where(*event_conditions(query)))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by id, with its ``story_id``, or None."""
        query = select(events.c.data, events.c.story_id).where(events.c.id == event_id)
        with _storage_errors("cannot read events"), self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _with_story(row[0], row[1]) if row else None

    def stats(self, query: EventQuery) -> list[dict[str, Any]]:
        """Counts of dated events matching ``query`` by day and PLOVER type, by day."""
        select_ = (
            select(events.c.date, events.c.plover_type, func.count())
            .where(events.c.date.is_not(None), *event_conditions(query))
            .group_by(events.c.date, events.c.plover_type)
            .order_by(events.c.date, events.c.plover_type)
        )
        with _storage_errors("cannot read events"), self.engine.connect() as conn:
            return [
                {"date": day.isoformat(), "plover_type": kind, "count": int(n)}
                for day, kind, n in conn.execute(select_)
            ]

    def facets(self) -> dict[str, list[dict[str, Any]]]:
        """Event counts by country and by PLOVER type (for filter menus)."""
        out: dict[str, list[dict[str, Any]]] = {}
        with _storage_errors("cannot read events"), self.engine.connect() as conn:
            for name, column in (("countries", events.c.country), ("types", events.c.plover_type)):
                rows = conn.execute(
                    select(column, func.count()).where(column.is_not(None)).group_by(column).order_by(column)
                )
                out[name] = [{"value": value, "count": int(n)} for value, n in rows]
        return out

    def stories(self, query: StoryQuery) -> list[dict[str, Any]]:
        """One page of stories matching ``query``, as story dicts (see ``tocsin.stories``)."""
        select_ = select(stories.c.data, stories.c.updated_at).where(*story_conditions(query))
        select_ = paged(select_.order_by(*story_order(query.sort)), query.limit, query.offset)
        with _storage_errors("cannot read stories"), self.engine.connect() as conn:
            return [{**dict(row[0]), "updated_at": row[1].isoformat()} for row in conn.execute(select_)]

    def count_stories(self, query: StoryQuery | None = None) -> int:
        """How many stories match ``query`` (all stories when None)."""
        where = story_conditions(query) if query else []
        return self._count(select(func.count()).select_from(stories).where(*where))

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its ``changes`` (oldest first), or None."""
        with _storage_errors("cannot read stories"), self.engine.connect() as conn:
            row = conn.execute(select(stories.c.data, stories.c.updated_at).where(stories.c.id == story_id)).first()
            if row is None:
                return None
            changes = conn.execute(
                select(
                    story_changes.c.field,
                    story_changes.c.old,
                    story_changes.c.new,
                    story_changes.c.article_id,
                    story_changes.c.changed_at,
                )
                .where(story_changes.c.story_id == story_id)
                .order_by(story_changes.c.id)
            )
            log = [
                {"field": f, "old": old, "new": new, "article_id": a, "changed_at": at.isoformat()}
                for f, old, new, a, at in changes
            ]
        return {**dict(row[0]), "updated_at": row[1].isoformat(), "changes": log}

    def articles(self, query: ArticleQuery) -> list[dict[str, Any]]:
        """One page of articles (newest ingested first) without their text, with event counts."""
        n_events = select(func.count()).where(events.c.article_id == articles.c.id).scalar_subquery()
        select_ = (
            select(*_ARTICLE_COLUMNS, n_events.label("n_events"))
            .where(*article_conditions(query))
            .order_by(articles.c.ingested_at.desc(), articles.c.id)
        )
        select_ = paged(select_, query.limit, query.offset)
        with _storage_errors("cannot read articles"), self.engine.connect() as conn:
            return [_article_dict(row) for row in conn.execute(select_).mappings()]

    def count_article_query(self, query: ArticleQuery) -> int:
        """How many articles match ``query``."""
        return self._count(select(func.count()).select_from(articles).where(*article_conditions(query)))

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its clean text and flags, or None."""
        select_ = select(*_ARTICLE_COLUMNS, articles.c.text, articles.c.flags).where(articles.c.id == article_id)
        with _storage_errors("cannot read articles"), self.engine.connect() as conn:
            row = conn.execute(select_).mappings().first()
        return _article_dict(row) if row else None

    def count_articles(self) -> int:
        """How many articles are stored."""
        return self._count(select(func.count()).select_from(articles))

    def count_events(self) -> int:
        """How many events are stored."""
        return self._count(select(func.count()).select_from(events))

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A connection in a transaction that will write (see ``_sqlite_setup``)."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def _count(self, query: Any) -> int:
        with _storage_errors("cannot count"), self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())


_ARTICLE_COLUMNS = (
    articles.c.id,
    articles.c.url,
    articles.c.source,
    articles.c.title,
    articles.c.author,
    articles.c.published,
    articles.c.language,
    articles.c.ingested_at,
)


def _with_story(data: Any, story_id: str | None) -> dict[str, Any]:
    out = dict(data)
    out["story_id"] = story_id
    return out


def _article_dict(row: Any) -> dict[str, Any]:
    out = dict(row)
    for key in ("published", "ingested_at"):
        if out.get(key) is not None:
            out[key] = out[key].isoformat()
    return out


def _insert_article(conn: Connection, row: dict[str, Any]) -> bool:
    """Insert the ``articles`` row unless its id is stored; whether it was inserted.

    ON CONFLICT DO NOTHING rather than look-then-insert: two writers adding the same article
    at once must not both get past the look.
    """
    dialect = conn.dialect.name
    if dialect in {"postgresql", "sqlite"}:
        upsert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = (
            upsert(articles)
            .values(row)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(articles.c.id)  # not rowcount: drivers need not report it for INSERT
        )
        return conn.execute(stmt).first() is not None
    if conn.execute(select(articles.c.id).where(articles.c.id == row["id"])).first():
        return False
    conn.execute(insert(articles).values(row))
    return True


def _sqlite_setup(engine: Engine) -> None:
    """Foreign keys and WAL on every connection, and transactions SQLite honours.

    pysqlite neither begins a transaction before DDL or SELECT nor lets SQLAlchemy do it, so
    migrations would not be atomic; this is SQLAlchemy's documented fix ("Serializable
    isolation / Savepoints / Transactional DDL" in its SQLite dialect notes).
    """

    @sqla_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA busy_timeout = 30000")
        finally:
            cursor.close()

    @sqla_event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that reads, then writes after another writer committed, fails
        # at once in WAL mode (SQLITE_BUSY_SNAPSHOT) rather than waiting: writers take the
        # lock up front and queue on busy_timeout instead.
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except SQLAlchemyError as e:
        raise StorageError(f"invalid database URL {url!r}: {e}") from e
    # Bare postgresql:// means psycopg2 to SQLAlchemy; tocsin's postgres extra ships psycopg 3.
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def open_store(url: str) -> EventStore:
    """Connect to the database at SQLAlchemy ``url`` and upgrade its schema to the latest.

    ``sqlite:///tocsin.db`` (the default setting) or ``postgresql+psycopg://user:pw@host/db``.
    """
    parsed = _url(url)
    shown = parsed.render_as_string(hide_password=True)
    try:
        engine = create_engine(parsed, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (SQLAlchemyError, ImportError) as e:
        raise StorageError(f"cannot use database {shown}: {e}") from e
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    store = EventStore(engine)
    try:
        store.migrate()
    except StorageError as e:
        store.close()
        raise StorageError(f"cannot open database {shown}: {e}") from e.__cause__
    return store
