"""tocsin.stories (pure matching) and story persistence (store, rebuild) on SQLite and PostgreSQL."""

from __future__ import annotations

import copy

import pytest
import test_store
from test_api import second_paris_report
from test_store import nairobi_article, paris_article

from tocsin import stories
from tocsin.store import open_store
from tocsin.store.queries import EventQuery, StoryQuery

store_url = test_store.store_url  # the SQLite / PostgreSQL fixture, shared


def _event(**changes):
    event = second_paris_report().events[0].to_dict()
    for key, value in changes.items():
        event[key] = value
    return event


def _report(**changes):
    """The first Paris march report as a dict, with ``changes``."""
    event = paris_article().events[0].to_dict()
    event.update(changes)
    return event


def test_stories_two_reports_of_one_march_merge() -> None:
    story = stories.found(_report())
    assert story["id"] == _report()["id"]
    assert stories.match_score(_event(), story) is not None
    merged, changes = stories.merge(story, _event())
    assert merged["n_articles"] == 2
    assert [s["article_id"] for s in merged["sources"]] == merged["article_ids"]
    assert {name for name, _, _ in changes} == {"last_date", "n_articles", "crowd_size"}


@pytest.mark.parametrize(
    "change",
    [
        {"plover_type": "ASSAULT", "acled_type": "Battles"},
        {"place": {**_report()["place"], "country": "BEL"}},
        {"place": {**_report()["place"], "lat": 45.76, "lon": 4.83}},  # Lyon, 390 km away
        {"date": "2024-03-20"},
        {"sources": [{"text": "soldiers", "name": "soldiers", "country": None, "sector": "MIL", "span": None}]},
        {"place": None},
    ],
)
def test_stories_gates_keep_different_events_apart(change) -> None:
    story = stories.found(_report())
    assert stories.match_score(_event(**change), story) is None


def test_stories_dissimilar_text_does_not_merge() -> None:
    story = stories.found(_report())
    event = _event()
    event["evidence"] = {**event["evidence"], "sentence": "Farmers blocked roads with tractors."}
    assert stories.match_score(event, story) is None


def test_stories_death_toll_revised_upward_is_a_change() -> None:
    first = _report(killed={"min": 2, "max": 2})
    later = _event(killed={"min": 5, "max": None})
    story, changes = stories.merge(stories.found(first), later)
    assert story["killed"] == {"min": 5, "max": None}
    assert ("killed", {"min": 2, "max": 2}, {"min": 5, "max": None}) in changes
    lower, changes = stories.merge(story, _event(killed={"min": 1, "max": 1}, id="other"))
    assert lower["killed"] == {"min": 5, "max": None}
    assert "killed" not in {name for name, _, _ in changes}


def test_stories_list_only_named_actors() -> None:
    story = stories.found(_report())
    assert story["actors"] == ["protesters"]  # not the inferred target, France


def test_stories_merge_is_idempotent() -> None:
    story, _ = stories.merge(stories.found(_report()), _event())
    again, changes = stories.merge(copy.deepcopy(story), _event())
    assert again == story
    assert changes == []


def test_stories_distance() -> None:
    assert stories.distance_km(48.8534, 2.3488, 45.7640, 4.8357) == pytest.approx(392, abs=5)


def test_stories_ids_stable_across_rebuild_and_reingest(store_url: str) -> None:
    with open_store(store_url) as store:
        for article in (paris_article(), nairobi_article(), second_paris_report()):
            store.add_article(article)
        before = {s["id"]: s["event_ids"] for s in store.stories(StoryQuery())}
        assigned = {e["id"]: e["story_id"] for e in store.query_events(EventQuery())}
        assert len(before) == 5
        assert store.rebuild_stories() == 5
        assert {s["id"]: s["event_ids"] for s in store.stories(StoryQuery())} == before
        assert {e["id"]: e["story_id"] for e in store.query_events(EventQuery())} == assigned
        assert store.add_article(second_paris_report()) is False
        assert {s["id"]: s["event_ids"] for s in store.stories(StoryQuery())} == before
        march = store.story(paris_article().events[0].id)
        assert march is not None
        assert march["n_articles"] == 2
        assert {c["field"] for c in march["changes"]} >= {"n_articles", "crowd_size"}
