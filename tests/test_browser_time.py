"""The Timeline tab in headless Chromium against a real server (real embedder and index):
a story's articles render oldest first."""

import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE_FOLDER
from servers import newsdesk_server

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("timeline-ui")
    corpus = root / "articles"
    shutil.copytree(SAMPLE_FOLDER, corpus)
    with newsdesk_server(root / "server.log", "--folder", str(corpus),
                         "--index", str(root / "index")) as (url, _):
        yield url


@pytest.fixture(scope="module")
def page(server):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(server)
        yield page
        browser.close()


def test_a_timeline_renders_in_date_order(page):
    page.get_by_role("tab", name="Timeline").click()
    box = page.locator("#nd-timeline-topic textarea, #nd-timeline-topic input").first
    box.wait_for(state="visible")
    box.fill("Seoul weapons for Ukraine")
    page.locator("#nd-timeline-go").click()
    page.wait_for_selector("#nd-timeline-list li", timeout=120_000)
    entries = page.locator("#nd-timeline-list li")
    dates = [entries.nth(i).get_attribute("data-date") for i in range(entries.count())]
    assert len(dates) >= 2 and dates == sorted(dates)
    assert "“" in entries.first.inner_text()  # each entry quotes the sentence it added
