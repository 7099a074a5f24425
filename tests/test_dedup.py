"""Exact and near-duplicate detection (tocsin.ingest.dedup) and its store tables."""

from __future__ import annotations

import pytest
from data.ingest.server import DATA

from tocsin.batch import ingest
from tocsin.config import Settings
from tocsin.ingest.dedup import Deduplicator, jaccard, shingles
from tocsin.models import Article
from tocsin.store import open_store
from tocsin.store.ingest_state import canonical_id

SETTINGS = Settings(progress=False, n_process=1)
TEXT = (
    "Several thousand teachers marched through the centre of Dunmere on Monday to demand three months of "
    "unpaid wages, blocking traffic around the parliament building for most of the afternoon. Police fired "
    "tear gas at a group of protesters who tried to push through a barrier near the finance ministry, and at "
    "least twelve people were detained, according to the national teachers' union."
)


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'x.db'}") as s:
        yield s


def article(text: str) -> Article:
    return Article(raw=text, text=text)


def test_dedup_shingles_and_jaccard():
    assert jaccard(shingles(TEXT), shingles(TEXT.upper())) == 1.0
    assert jaccard(shingles(TEXT), shingles("Completely different words about a football match.")) == 0.0


def test_dedup_within_one_run_without_store():
    dedup = Deduplicator(None, SETTINGS)
    assert dedup.check(article(TEXT)).kind == "new"
    assert dedup.check(article(TEXT)).kind == "exact"
    copy = dedup.check(article("From our correspondent. " + TEXT + " This story first ran elsewhere."))
    assert copy.kind == "near"
    assert copy.canonical == article(TEXT).id
    assert dedup.check(article("Dock workers walked off the job in Port Saltire. " * 6)).kind == "new"


def test_dedup_short_texts_only_exact():
    dedup = Deduplicator(None, SETTINGS)
    assert dedup.check(article("Police fired tear gas.")).kind == "new"
    assert dedup.check(article("Police fired tear gas!")).kind == "new"


def test_dedup_across_runs_through_the_store(store):
    first = Deduplicator(store, SETTINGS)
    original = article(TEXT)
    assert first.check(original).kind == "new"
    assert store.add_article(original)
    first.stored(original.id)
    later = Deduplicator(store, SETTINGS)  # a new run
    assert later.check(article(TEXT)).kind == "exact"
    verdict = later.check(article("UPDATED: " + TEXT + " Reporting by the wire desk."))
    assert (verdict.kind, verdict.canonical) == ("near", original.id)


def test_dedup_threshold_setting(store):
    strict = Deduplicator(None, SETTINGS.with_overrides({"near_duplicate_threshold": "0.99"}))
    strict.check(article(TEXT))
    assert strict.check(article("From our correspondent. " + TEXT)).kind == "new"


def test_dedup_syndicated_copy_linked_and_not_extracted(store):
    summary = ingest([str(DATA / "protest.html"), str(DATA / "syndicated.html")], store, SETTINGS)
    assert (summary.ingested, summary.near_duplicates) == (1, 1)
    assert store.count_articles() == 2
    ids = [e["article_id"] for e in store.events()]
    assert len(set(ids)) == 1  # every event comes from the canonical article
    with store.engine.connect() as conn:
        from sqlalchemy import text  # noqa: PLC0415

        copy = conn.execute(text("SELECT id FROM articles WHERE id != :id"), {"id": ids[0]}).scalar()
    assert canonical_id(store, copy) == ids[0]
    again = ingest([str(DATA / "syndicated.html")], store, SETTINGS)
    assert (again.ingested, again.duplicates, again.near_duplicates) == (0, 1, 0)
