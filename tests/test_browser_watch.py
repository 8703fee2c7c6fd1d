"""A watched folder in headless Chromium against the real stack: a file dropped into the
folder becomes answerable without a restart, and questions keep being answered meanwhile."""

import shutil
import time

import pytest

from conftest import SAMPLE_FOLDER
from corpus_gen import write_articles
from servers import newsdesk_server
from test_browser import ask, browser  # noqa: F401 - the shared browser fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]
LIGHTHOUSE = ("Title: Port Emer lighthouse restored\nSource: Coastal Post\nPublished: 2024-07-01"
              "\n\nThe lighthouse at Port Emer reopened on Monday after a restoration that cost "
              "3 million dollars and took two years.")


def test_a_dropped_file_is_answerable_while_the_chat_keeps_answering(tmp_path, browser):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLE_FOLDER, folder)
    with newsdesk_server(tmp_path / "server.log", "--folder", str(folder), "--watch",
                         "--index", str(tmp_path / "index")) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        status = page.locator("#nd-watch-status")
        assert "Watching" in status.inner_text()

        extra = tmp_path / "extra"
        write_articles(extra, 40, seed=11)  # enough work for the sync to take a while
        dropped = time.monotonic()
        for item in extra.iterdir():
            shutil.copy(item, folder / item.name)
        (folder / "lighthouse.txt").write_text(LIGHTHOUSE)
        page.wait_for_selector("#nd-watch-status:has-text('Indexing 41 new articles')",
                               timeout=15_000)
        ask(page, "How many containers did North Korea ship to Russia?")  # during the sync
        page.wait_for_selector("#nd-watch-status:has-text('up to date')", timeout=30_000)
        synced = time.monotonic() - dropped
        page.wait_for_function(
            "document.querySelector('#nd-chat').innerText.includes('6,700')", timeout=180_000)
        page.wait_for_selector("#nd-conversations label:has-text('(1)')", timeout=180_000)

        ask(page, "How much did the restoration of the Port Emer lighthouse cost?")
        page.wait_for_selector("#nd-sources .nd-card:has-text('Port Emer lighthouse restored')",
                               timeout=180_000)
        print(f"dropped file indexed and live after {synced:.1f} s")
        page.close()
