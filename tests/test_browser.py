"""The web chat in headless Chromium (Playwright) and through gradio_client, real stack."""

import shutil
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import SAMPLE_FOLDER
from servers import newsdesk_server
from newsdesk.app.web import _plain, message_text

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "screenshot-seoul.png"
EVIL = """Title: <script>window.__pwned = 1; alert('title')</script>Typhoon warning
Source: <img src=x onerror="window.__pwned = 2">Storm Desk
Published: 2024-06-12

Storm chasers reported a typhoon named Evilcat near the coast <script>alert('body');window.__pwned = 3</script>
and an image <img src="http://127.0.0.1:9/beacon.png" onerror="alert('img');window.__pwned = 4"> in the report.
"""


def wire_copy(path: Path) -> str:
    """The article as a wire service ran it: another outlet, title and date, a dateline."""
    header, body = path.read_text().split("\n\n", 1)
    body = body.replace("on Tuesday", "on Tuesday morning").replace("Japanese officials",
                                                                    "Officials")
    return ("Title: Japan unveils Ukraine energy and demining aid\nSource: Eastern Wire\n"
            f"Published: 2024-05-15\n\nTOKYO (AP) - {body}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui")
    corpus = root / "articles"
    shutil.copytree(SAMPLE_FOLDER, corpus)
    (corpus / "evil.txt").write_text(EVIL)
    (corpus / "wire-japan.txt").write_text(wire_copy(corpus / "04-japan-aid-package.txt"))
    with newsdesk_server(root / "server.log", "--folder", str(corpus),
                         "--index", str(root / "index")) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def rebuild_from(page, folder):
    """Open the Library tab, type the folder and click Rebuild. The tab's components mount on
    first visit and may reset a value typed too early, so type until the value holds."""
    page.get_by_role("tab", name="Library").click()
    page.wait_for_selector("#nd-status", state="visible")
    box = page.locator("#nd-folder textarea, #nd-folder input").first
    for _ in range(20):
        box.fill(str(folder))
        page.wait_for_timeout(300)
        if box.input_value() == str(folder):
            break
    assert box.input_value() == str(folder)
    page.locator("#nd-rebuild").click()


def ask(page, question):
    box = page.locator("#nd-question textarea")
    box.fill(question)
    box.press("Enter")


def test_seoul_question_streams_an_answer_with_highlighted_source(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    ask(page, "What did Seoul provide to Ukraine?")
    page.wait_for_selector("#nd-sources .nd-cited mark", timeout=180_000)
    answer = page.locator("#nd-chat .message").last.inner_text().lower()
    assert sum(s in answer for s in ["first-aid kit", "medicine", "mine detector",
                                     "protective gear"]) >= 2, answer
    # the card whose highlighted sentence holds the mine detectors names its outlet and date
    card = page.locator("#nd-sources .nd-cited").filter(
        has=page.locator("mark", has_text="mine detectors")).first.inner_text()
    assert "Harbor Ledger" in card and "2024-06-21" in card
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # clicking the [1] marker brings source card 1 into view
    page.locator("#nd-sources").evaluate("el => el.scrollIntoView()")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.locator("#nd-chat a[href*='#source-']").first.click()
    page.wait_for_timeout(800)
    in_view = page.evaluate("""() => { const r = document.getElementById('source-1').getBoundingClientRect();
                                       return r.top < window.innerHeight && r.bottom > 0; }""")
    assert in_view

    # a follow-up that only makes sense with the history
    ask(page, "Did it send weapons too?")
    page.wait_for_function(
        "document.querySelectorAll('#nd-chat .message').length >= 4", timeout=180_000)
    page.wait_for_selector("#nd-query:has-text('Searched for')", timeout=180_000)
    assert "Seoul" in page.locator("#nd-query").inner_text()
    page.close()


@pytest.mark.parametrize("question, verdict, quoted", [
    ("Did Seoul send mine detectors to Ukraine?", "Yes", ["mine detectors"]),
    ("Did Seoul send lethal weapons to Ukraine?", "No", ["non-lethal", "forbids selling weapons"]),
])
def test_a_yes_no_verdict_follows_its_quoted_evidence(server, browser, question, verdict, quoted):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    ask(page, question)
    page.wait_for_selector("#nd-chat .message:has-text('Evidence')", timeout=180_000)
    answer = page.locator("#nd-chat .message").last.inner_text()
    assert answer.split()[0].strip(".,") == verdict, answer
    evidence = answer.split("Evidence", 1)[1]
    assert "Harbor Ledger" in evidence and any(q in evidence for q in quoted), answer
    assert page.locator("#nd-chat .message").last.locator("a[href*='#source-']").count() >= 2
    page.wait_for_selector("#nd-sources .nd-cited mark", timeout=60_000)
    page.close()


def test_upload_an_article_then_ask_about_it(server, browser, tmp_path):
    article = tmp_path / "lighthouse.txt"
    article.write_text("Title: Port Emer lighthouse restored\nSource: Coastal Post\n"
                       "Published: 2024-07-01\n\nThe lighthouse at Port Emer reopened on Monday "
                       "after a restoration that cost 3 million dollars and took two years.")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    page.get_by_role("tab", name="Library").click()
    page.locator("#nd-upload input[type=file]").set_input_files(str(article))
    page.wait_for_selector("#nd-library-log:has-text('Indexed')", timeout=180_000)
    assert "Port Emer" not in page.locator("#nd-library-log").inner_text()
    page.get_by_role("tab", name="Chat").click()
    ask(page, "How much did the restoration of the Port Emer lighthouse cost?")
    page.wait_for_selector("#nd-sources .nd-card:has-text('Port Emer lighthouse restored')",
                           timeout=180_000)
    page.wait_for_function(
        "document.querySelector('#nd-chat').innerText.includes('million')", timeout=180_000)
    page.close()


def test_stop_keeps_the_app_usable(server, browser):
    page = browser.new_page()
    page.goto(server)
    ask(page, "Why is Ukraine rationing power?")
    page.wait_for_selector("#nd-sources:has-text('answer in progress')", timeout=180_000)
    page.locator("#nd-stop").click()  # the model needs ~3 s of prompt before its first token
    page.wait_for_function(
        "document.querySelector('#nd-chat').innerText.toLowerCase().includes('stopped')",
        timeout=60_000)
    ask(page, "What did Seoul provide to Ukraine?")
    page.wait_for_function(
        "['mine detector', 'medicine', 'first-aid'].some(w => "
        "document.querySelector('#nd-chat').innerText.toLowerCase().includes(w))",
        timeout=180_000)
    page.close()


def test_article_payloads_render_as_inert_text(server, browser):
    page = browser.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server)
    ask(page, "Which typhoon did storm chasers report near the coast?")
    page.wait_for_selector("#nd-sources .nd-card:has-text('Evilcat')", timeout=180_000)
    page.wait_for_timeout(1500)
    card = page.locator("#nd-sources .nd-card:has-text('Evilcat')").first
    assert "<script>" in card.inner_text()  # shown as text, not executed
    assert dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert not any("beacon.png" in u for u in requests)
    page.close()


def test_two_questions_at_once_through_gradio_client(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    questions = ["What did Seoul provide to Ukraine?", "How many Patriot systems has Germany sent?"]

    def one(q):
        chat, sources, *_ = client.predict(q, [], 3, [], api_name="/ask")
        return message_text(chat[-1]["content"]), sources

    with ThreadPoolExecutor(2) as pool:
        (a1, s1), (a2, s2) = pool.map(one, questions)
    assert "mine" in a1.lower() or "medicine" in a1.lower()
    assert "Patriot" in s2 and "Patriot" not in a1  # no interleaved tokens


def test_history_messages_back_to_plain_text():
    parts = [{"type": "text", "text": "Seoul sent medicine [[1]](#source-1) \\(AP\\) &amp; more"}]
    assert _plain(parts) == "Seoul sent medicine [1] (AP) & more"


def test_auth_and_host_warning(tmp_path):
    from gradio_client import Client

    log = tmp_path / "server.log"
    with newsdesk_server(log, "--index", str(tmp_path / "idx"), "--host", "0.0.0.0",
                         "--auth", "reporter:s3cret") as (url, _):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "gradio_api/info", timeout=10)
        assert refused.value.code in (401, 403)
        with pytest.raises(Exception):
            Client(url, auth=("reporter", "wrong"), verbose=False)
        client = Client(url, auth=("reporter", "s3cret"), verbose=False)
        chat, *_ = client.predict("What did Seoul provide to Ukraine?", [], 3, [],
                                  api_name="/ask")
        assert "Seoul" in message_text(chat[0]["content"])
    assert "WARNING: serving on 0.0.0.0" in log.read_text()


# Before the rebuild below, which replaces the module server's articles.
def test_a_story_two_outlets_ran_shows_as_one_card_naming_both(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    ask(page, "What is Japan sending to Ukraine for its energy network?")
    page.wait_for_selector("#nd-sources .nd-also", timeout=180_000)
    titles = page.locator("#nd-sources .nd-card h4").all_inner_texts()
    japan = [t for t in titles if "Tokyo pledges" in t or "Japan unveils" in t]
    assert len(japan) == 1, titles
    also = page.locator("#nd-sources .nd-also").first.inner_text()
    assert ("Eastern Wire" in also) != ("Pacific Monitor" in also), also
    assert "2024-05-1" in also


def test_chat_keeps_answering_during_a_rebuild(server, browser, tmp_path):
    from corpus_gen import write_articles

    folder = tmp_path / "bigger"
    shutil.copytree(SAMPLE_FOLDER, folder)
    write_articles(folder, 150, seed=7)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    rebuild_from(page, folder)
    page.get_by_role("tab", name="Chat").click()
    ask(page, "How many containers did North Korea ship to Russia?")
    page.wait_for_function(
        "document.querySelector('#nd-chat').innerText.includes('6,700')", timeout=180_000)
    page.get_by_role("tab", name="Library").click()
    page.wait_for_selector("#nd-library-log:has-text('Indexed 164 articles')", timeout=300_000)
    page.close()


def test_missing_model_and_failed_rebuild_are_explained(tmp_path, browser):
    with newsdesk_server(tmp_path / "server.log", "--index", str(tmp_path / "idx"),
                         "--model", str(tmp_path / "missing.gguf")) as (url, _):
        page = browser.new_page()
        page.goto(url)
        assert "No model file" in page.locator("#nd-error").inner_text()
        ask(page, "What did Seoul provide to Ukraine?")
        page.wait_for_function(
            "document.querySelector('#nd-chat').innerText.includes('No model file')", timeout=60_000)
        rebuild_from(page, tmp_path / "nowhere")
        page.wait_for_selector("#nd-library-log:has-text('Rebuild failed')", timeout=60_000)
        assert "previous index" in page.locator("#nd-library-log").inner_text()
        page.close()
