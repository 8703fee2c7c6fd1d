"""Collections in headless Chromium against the real stack: switching the chat's collection
changes the sources its answers come from."""

import subprocess
import sys

import pytest

from servers import newsdesk_server
from test_browser import ask, browser  # noqa: F401 - the shared browser fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]
LIGHTHOUSE = ("Title: Port Emer lighthouse restored\nSource: Coastal Post\nPublished: 2024-07-01"
              "\n\nThe lighthouse at Port Emer reopened on Monday after a restoration that cost "
              "3 million dollars and took two years.")
QUESTION = "How much did the restoration of the Port Emer lighthouse cost?"


def answered(page, turns):
    """The answer is complete once the conversation is saved with this many turns (a question
    sent while an answer is still running would be ignored)."""
    page.wait_for_selector(f"#nd-conversations label:has-text('({turns})')", timeout=180_000)


def choose(page, label):
    page.locator("#nd-collection input").click()
    page.get_by_role("option", name=label).click()
    page.wait_for_timeout(300)


def test_switching_collections_changes_the_sources(tmp_path, browser):
    coast, index = tmp_path / "coast", tmp_path / "index"
    coast.mkdir()
    (coast / "lighthouse.txt").write_text(LIGHTHOUSE)
    subprocess.run([sys.executable, "-m", "newsdesk", "index", str(coast), "--index", str(index),
                    "--collection", "coast"], check=True, capture_output=True, timeout=600)
    with newsdesk_server(tmp_path / "server.log", "--index", str(index)) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        ask(page, QUESTION)  # the default collection (the bundled sample) has no lighthouse
        answered(page, 1)
        assert "Port Emer" not in page.locator("#nd-sources").inner_text()

        choose(page, "coast")
        ask(page, QUESTION)
        page.wait_for_selector("#nd-sources .nd-card:has-text('Port Emer lighthouse restored')",
                               timeout=180_000)
        page.wait_for_function(
            "document.querySelector('#nd-chat').innerText.includes('million')", timeout=180_000)
        answered(page, 2)
        assert "Harbor Ledger" not in page.locator("#nd-sources").inner_text()

        choose(page, "All collections")
        ask(page, "What did Seoul provide to Ukraine? And what did the Port Emer lighthouse cost?")
        page.wait_for_selector("#nd-sources .nd-card:has-text('coast/lighthouse.txt')",
                               timeout=180_000)
        page.wait_for_selector("#nd-sources .nd-card:has-text('default/')", timeout=180_000)
        page.close()
