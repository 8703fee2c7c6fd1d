"""The HTTP API on a real server (`newsdesk serve` and `newsdesk api`: real embedder, FAISS
and the bundled LLM on the bundled sample folder), through the official openai client and
plain HTTP; and the chat's login in real headless Chromium."""

import base64
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import SAMPLE_FOLDER
from servers import newsdesk_server

openai = pytest.importorskip("openai")

KEY = "test-key-1"
LOGIN = ("reporter", "s3cret")
CHROMIUM = "/usr/bin/chromium"
QUESTION = "What did Seoul provide to Ukraine?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("api-server")
    with newsdesk_server(root / "server.log", "--folder", str(SAMPLE_FOLDER), "--index",
                         str(root / "index"), "--api-key", f"{KEY},other-key", "--auth",
                         ":".join(LOGIN), "--api-max-body", "8000") as (url, _):
        yield url


@pytest.fixture(scope="module")
def client(server):
    return openai.OpenAI(base_url=server + "v1", api_key=KEY, max_retries=0, timeout=300)


def http(url, body=None, headers=None):
    """(status, parsed JSON body) of a request; errors are returned, not raised."""
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    request = urllib.request.Request(url, data=data, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.slow
def test_a_cited_answer_with_its_sources(client):
    answer = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": QUESTION}])
    text = answer.choices[0].message.content
    assert "mine detectors" in text.lower() and "[" in text
    sources = answer.model_extra["sources"]
    cited = [s for s in sources if s["cited"]]
    assert cited and all(s["title"] and s["path"] and s["highlights"] for s in cited)
    assert any(s["verified"] for s in cited)


@pytest.mark.slow
def test_streamed_answer_ends_with_its_sources(client):
    chunks = list(client.chat.completions.create(
        model="newsdesk", stream=True,
        messages=[{"role": "user", "content": "How many containers did North Korea ship to Russia?"}]))
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert len(chunks) > 3 and "6,700" in text
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop"
    assert "6,700" in final.model_extra["newsdesk"]["answer"]
    assert any(s["cited"] for s in final.model_extra["sources"])


@pytest.mark.slow
def test_a_follow_up_is_read_with_the_conversation(client):
    answer = client.chat.completions.create(model="newsdesk", messages=[
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": "Seoul provided first-aid kits, medicine and mine "
                                         "detectors [1]."},
        {"role": "user", "content": "Did it send weapons?"}])
    assert "Seoul" in answer.model_extra["newsdesk"]["query"]
    assert answer.choices[0].message.content


@pytest.mark.slow
def test_refusals_401_400_413(server, client):
    refused = openai.OpenAI(base_url=server + "v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        refused.chat.completions.create(model="x", messages=[{"role": "user", "content": QUESTION}])
    status, body = http(server + "v1/models")
    assert status == 401 and json.loads(body)["error"]["type"] == "authentication_error"
    with pytest.raises(openai.BadRequestError) as empty:
        client.chat.completions.create(model="x", messages=[{"role": "user", "content": "  "}])
    assert "empty" in empty.value.message
    with pytest.raises(openai.APIStatusError) as big:
        client.chat.completions.create(model="x", messages=[{"role": "user", "content": "x" * 9000}])
    assert big.value.status_code == 413
    status, _ = http(server + "v1/models", headers={"Authorization": "Bearer other-key"})
    assert status == 200


@pytest.mark.slow
def test_the_chat_login_opens_the_api_and_nothing_else_does(server):
    basic = base64.b64encode(":".join(LOGIN).encode()).decode()
    status, body = http(server + "v1/search", {"query": "mine detectors", "top_k": 2},
                        {"Authorization": f"Basic {basic}"})
    assert status == 200 and len(json.loads(body)["results"]) == 2
    for path in ("config", "gradio_api/info", "gradio_api/file=" + str(SAMPLE_FOLDER / "04-japan-aid-package.txt")):
        status, _ = http(server + path)
        assert status == 401, path
    status, _ = http(server + "gradio_api/call/ask", {"data": [QUESTION, [], 3, []]})
    assert status == 401


@pytest.mark.slow
def test_api_alone(tmp_path):
    with newsdesk_server(tmp_path / "server.log", "--folder", str(SAMPLE_FOLDER), "--index",
                         str(tmp_path / "index"), command="api") as (url, _):
        status, body = http(url + "v1/models")
        assert status == 200 and json.loads(body)["data"][0]["id"] == "newsdesk"
        assert http(url)[0] == 404  # no chat


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield b
        b.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_chat_page_asks_for_the_login_first(server, browser):
    page = browser.new_page()
    page.goto(server)
    page.wait_for_selector("input[type=password]", timeout=60_000)
    assert page.locator("#nd-question").count() == 0
    refused = page.evaluate("fetch('config').then(r => r.status)")
    assert refused == 401
    page.get_by_role("textbox").first.fill(LOGIN[0])
    page.locator("input[type=password]").fill(LOGIN[1])
    page.get_by_role("button", name="Login").click()
    page.wait_for_selector("#nd-question textarea", timeout=60_000)
    box = page.locator("#nd-question textarea")
    box.fill(QUESTION)
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#nd-chat').innerText.toLowerCase().includes('mine detectors')",
        timeout=180_000)
    page.close()
