"""The dashboard in a real headless Chromium against `tocsin serve` run as a subprocess.

Follows datasette's tests/test_playwright.py: a real server on a free loopback port over a small
database built here. One article carries hostile HTML; nothing of it may execute.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tocsin.batch import ingest
from tocsin.config import Settings
from tocsin.store import open_store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">'
ARTICLES = {
    "nairobi.txt": (
        "Title: Nairobi tax protests\nPublished: 2024-06-26\nURL: https://example.org/nairobi\n\n"
        "Police fired tear gas at thousands of protesters in Nairobi on Tuesday. "
        "Two people were killed, witnesses said.\n"
    ),
    "hostile.txt": (
        "Title: Lagos march\nPublished: 2024-06-27\nURL: javascript:window.__pwned=1\n\n"
        f"Hundreds of traders protested in Lagos on Wednesday {HOSTILE} against rising food prices.\n"
    ),
    "santiago.txt": (
        "Title: Santiago fare riots\nPublished: 2024-06-20\nURL: https://example.org/santiago\n\n"
        "Students rioted in Santiago on Thursday, setting fire to metro stations.\n"
    ),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium (make setup does it as root)")
    folder = tmp_path_factory.mktemp("dashboard")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{folder / 'tocsin.db'}"
    with open_store(url) as store:
        summary = ingest([str(folder)], store, Settings(progress=False, n_process=1))
        assert summary.ingested == 3, summary.lines()
        assert store.count_events() >= 3
    port = _free_port()
    command = [sys.executable, "-m", "tocsin.cli", "serve", "--db", url, "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/facets", timeout=1):  # noqa: S310 - loopback
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"tocsin serve exited: {process.stdout.read() if process.stdout else ''}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="module")
def page(server):
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
        page.goto(server + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=15000)
        yield page
        assert errors == []
        browser.close()


def test_dashboard_map_timeline_filter_evidence_and_no_script_runs(page, server) -> None:
    # the map: world-atlas base layer (npm) and one marker per place
    assert page.get_attribute("#map", "data-base") == "world-atlas"
    assert page.locator("#map path.country").count() > 100
    markers = page.locator("#map .marker")
    assert markers.count() >= 3
    # the timeline: one bar per day and type
    assert page.locator("#timeline .bar").count() >= 3
    days = {page.locator("#timeline .bar").nth(i).get_attribute("data-date") for i in range(3)}
    assert "2024-06-25" in days or "2024-06-26" in days
    # a filter: only riots
    types = page.locator("#f-type option").all_text_contents()
    riot = next(t for t in types if t.startswith("PROTEST"))
    page.select_option("#f-type", label=riot)
    page.wait_for_function("document.querySelectorAll('#events li').length > 0")
    page.wait_for_timeout(300)
    shown = page.locator("#map .marker").evaluate_all("ms => ms.map(m => m.getAttribute('data-type'))")
    assert shown
    assert set(shown) == {"PROTEST"}
    assert set(page.locator("#timeline .bar").evaluate_all("bs => bs.map(b => b.dataset.type)")) == {"PROTEST"}
    page.select_option("#f-type", value="")
    page.wait_for_timeout(300)
    # evidence: the hostile article's event, highlighted, its markup shown as text
    page.locator("#events li button", has_text="Lagos").first.click()
    page.wait_for_selector("#detail .evidence mark.trigger")
    evidence = page.locator("#detail .evidence").first
    assert page.locator("#detail mark.trigger").first.text_content()
    assert "<script>window.__pwned=1</script>" in evidence.text_content()
    assert '<img src=x onerror="window.__pwned=1">' in evidence.text_content()
    assert page.locator("#detail img, #detail script").count() == 0
    assert page.locator("#detail a.source-link").count() == 0  # javascript: URL is not a link
    page.locator("#detail button", has_text="show article text").click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    # a marker opens its event; a story lists its sources with links
    page.locator("#events li button", has_text="Nairobi").first.click()
    page.wait_for_selector("#detail a.source-link[href='https://example.org/nairobi']")
    page.locator("#detail button.link", has_text="story").click()
    page.wait_for_selector("#detail h3[data-story]")
    assert page.evaluate("typeof window.__pwned") == "undefined"
