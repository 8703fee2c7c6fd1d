"""Filter chips beside the question box, in headless Chromium against the real stack: an
outlet chip narrows the sources to that outlet and its x widens them again; a question naming
an outlet and a date shows their chips; a reopened conversation gets its chips back."""

import pytest

from conftest import SAMPLE_FOLDER
from servers import newsdesk_server
from test_browser import ask, browser  # noqa: F401 - the shared browser fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]
QUESTION = "What did Seoul provide to Ukraine?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("chips")
    with newsdesk_server(root / "server.log", "--folder", str(SAMPLE_FOLDER),
                         "--index", str(root / "index")) as (url, _):
        yield url


def answered(page, turns):
    """Wait until the conversation's `turns`-th answer is shown: it is saved (the list counts
    its turns) with the final update of the chat and its sources."""
    page.wait_for_selector(f"#nd-conversations label:has-text('({turns})')", timeout=240_000)
    page.wait_for_function("!document.querySelector('#nd-sources').innerText"
                           ".includes('answer in progress')", timeout=30_000)


def card_outlets(page) -> set[str]:
    metas = page.locator("#nd-sources .nd-card > .nd-meta").all_inner_texts()
    return {meta.split("·")[0].strip() for meta in metas}


def chips(page) -> list[str]:
    return [t.strip() for t in page.locator("#nd-filters .token span").all_inner_texts()]


def chips_read(page):
    """Waits for the server's reading of the chips just changed (see web.tidy_chips)."""
    return page.expect_response(lambda r: "/run/predict" in r.url)


def choose_chip(page, text):
    page.locator("#nd-filters input").click()
    page.locator("#nd-filters input").fill(text.split(": ")[-1])
    with chips_read(page):
        page.locator(f"[data-testid='dropdown-option']:has-text('{text}')").first.click()
    page.keyboard.press("Escape")


def test_an_outlet_chip_narrows_the_sources_and_its_x_widens_them(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    choose_chip(page, "outlet: Pacific Monitor")
    assert chips(page) == ["outlet: Pacific Monitor"]
    ask(page, QUESTION)
    answered(page, 1)
    assert card_outlets(page) == {"Pacific Monitor"}
    page.wait_for_selector(f"#nd-conversations label:has-text('{QUESTION}')", timeout=30_000)

    # a new conversation starts without chips; reopening this one brings its chip back
    page.locator("#nd-new-conversation").click()
    page.wait_for_function("document.querySelectorAll('#nd-filters .token').length === 0")
    page.locator(f"#nd-conversations label:has-text('{QUESTION}')").click()
    page.wait_for_selector("#nd-filters .token:has-text('outlet: Pacific Monitor')",
                           timeout=30_000)

    # the chip's x widens the next answer again
    with chips_read(page):
        page.locator("#nd-filters .token:has-text('Pacific Monitor') .token-remove").click()
    assert chips(page) == []
    ask(page, QUESTION)
    answered(page, 2)
    assert len(card_outlets(page)) > 1, card_outlets(page)

    # a typed date chip is read into its canonical form
    page.locator("#nd-filters input").fill("since June 1, 2024")
    page.locator("#nd-filters input").press("Enter")
    page.wait_for_selector("#nd-filters .token:has-text('since: 2024-06-01')", timeout=30_000)
    # an unreadable one is taken back off, saying why
    page.locator("#nd-filters input").fill("until someday")
    page.locator("#nd-filters input").press("Enter")
    page.wait_for_selector("#nd-query:has-text('not a date')", timeout=30_000)
    page.wait_for_function("document.querySelectorAll('#nd-filters .token').length === 1")
    assert chips(page) == ["since: 2024-06-01"]
    page.close()


def test_a_question_naming_an_outlet_and_a_date_shows_their_chips(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    ask(page, "What did Pacific Monitor report about Ukraine since May 2024?")
    page.wait_for_selector("#nd-filters .token:has-text('outlet: Pacific Monitor')",
                           timeout=240_000)
    answered(page, 1)
    assert sorted(chips(page)) == ["outlet: Pacific Monitor", "since: 2024-05-01"]
    assert card_outlets(page) == {"Pacific Monitor"}
    page.close()


def test_chips_through_gradio_client(server):
    import re

    from gradio_client import Client

    chat, sources, _note, _box, chips_in_force, *_ = Client(server, verbose=False).predict(
        QUESTION, [], 3, ["Pacific Monitor", "since 2024-01-01"], api_name="/ask")
    assert chips_in_force == ["outlet: Pacific Monitor", "since: 2024-01-01"]
    assert set(re.findall(r"<div class='nd-meta'>([^<·]+?) · ", sources)) == {"Pacific Monitor"}
