"""Shared fixtures: the ../shared folder, the default pipeline, and the --slow/--update-golden flags."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tocsin.config import Settings
from tocsin.models import Article
from tocsin.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KAZAKHSTAN = SHARED / "examples" / "kazakhstan_unrest_article.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run tests marked slow")
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.json")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def kazakhstan_path() -> Path:
    if not KAZAKHSTAN.is_file():
        pytest.skip(f"canonical example not found at {KAZAKHSTAN} (../shared is absent in this checkout)")
    return KAZAKHSTAN


@pytest.fixture(scope="session")
def pipeline():
    return Pipeline.from_settings(Settings(progress=False))


@pytest.fixture(scope="session")
def extract_text(pipeline):
    """Run the default pipeline over one text; returns the Article."""

    def run(text: str, published: date | None = date(2025, 3, 14)):
        return pipeline.process(Article(raw=text, published=published))

    return run
