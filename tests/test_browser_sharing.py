"""A chat served with a library root, in headless Chromium: a hostile article's URL is text,
not a link; folders outside the root are refused; uploads report what was not added."""

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_FOLDER
from servers import newsdesk_server
from test_browser import CHROMIUM, ask, browser, rebuild_from  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
HOSTILE = """Title: <img src=x onerror="window.__pwned=1">Lantern festival lights up Port Emer
Source: <b onmouseover="window.__pwned=2">Night Desk</b>
Published: 2024-05-05
URL: JaVaScRiPt:window.__pwned=3

The lantern festival in Port Emer drew 40,000 visitors on Saturday, organisers said.
"""


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    root = tmp_path_factory.mktemp("shared")
    library = root / "library"
    corpus = library / "articles"
    shutil.copytree(SAMPLE_FOLDER, corpus)
    (corpus / "lantern.txt").write_text(HOSTILE)
    (root / "private").mkdir()
    (root / "private" / "diary.txt").write_text("Title: Diary\n\nMy secret diary entry.")
    with newsdesk_server(root / "server.log", "--folder", str(corpus), "--index",
                         str(root / "index"), "--library-root", str(library),
                         "--max-upload-mb", "0.01") as (url, _):
        yield url, root


def test_a_hostile_url_is_shown_as_text(shared, browser):  # noqa: F811
    url, _ = shared
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    ask(page, "How many visitors did the lantern festival in Port Emer draw?")
    card = page.locator("#nd-sources .nd-card:has-text('Lantern festival')").first
    card.wait_for(timeout=180_000)
    page.wait_for_timeout(1000)
    assert "JaVaScRiPt:window.__pwned=3" in card.inner_text()
    assert '<img src=x onerror="window.__pwned=1">' in card.inner_text()
    assert card.locator("a").count() == 0 and card.locator("img").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    card.hover()
    assert page.evaluate("window.__pwned") is None and dialogs == []
    page.close()


def test_folders_outside_the_library_are_refused(shared, browser):  # noqa: F811
    url, root = shared
    page = browser.new_page()
    page.goto(url)
    for folder in (root / "private", root / "library" / ".." / "private"):
        rebuild_from(page, folder)
        page.wait_for_selector("#nd-library-log:has-text('not inside a library folder')",
                               timeout=60_000)
    page.close()


def test_uploads_report_refused_files(shared, browser, tmp_path):  # noqa: F811
    url, _ = shared
    (tmp_path / "tool.exe").write_bytes(b"MZ")
    (tmp_path / "huge.txt").write_text("Title: Huge\n\n" + "word " * 5000)
    page = browser.new_page()
    page.goto(url)
    page.get_by_role("tab", name="Library").click()
    page.locator("#nd-upload input[type=file]").set_input_files(
        [str(tmp_path / "tool.exe"), str(tmp_path / "huge.txt")])
    log = page.locator("#nd-library-log")
    page.wait_for_selector("#nd-library-log:has-text('Not added')", timeout=60_000)
    assert "unsupported file type" in log.inner_text() and "too large" in log.inner_text()
    page.close()
