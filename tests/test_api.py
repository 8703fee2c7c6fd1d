"""The HTTP API with fakes: FastAPI's TestClient and the official openai client against the
real app (routes, guard, answer queue) on the fake embedder and model."""

import base64
import json
import threading

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.app.runtime import Runtime
from newsdesk.settings import load_settings

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsdesk.app.server import build_server_app  # noqa: E402

REPLY = ("The South Korean government has provided Ukraine with first-aid kits, medicine, "
         "portable mine detectors [1].")
QUESTION = "What did Seoul provide to Ukraine?"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    index = tmp_path_factory.mktemp("api") / "idx"
    Runtime(load_settings(index_dir=index), embedder=FakeEmbedder(),
            load_generator=False).index(SAMPLE_FOLDER)
    return index


def make_client(index_dir, chat=False, generator=None, **settings):
    settings = load_settings(index_dir=index_dir, min_relevance=0.1, **settings)
    runtime = Runtime(settings, embedder=FakeEmbedder(),
                      generator=generator or FakeGenerator(REPLY))
    return TestClient(build_server_app(runtime, settings, chat=chat))


@pytest.fixture
def client(index_dir):
    with make_client(index_dir) as c:
        yield c


def ask(client, messages, **body):
    return client.post("/v1/chat/completions", json={"messages": messages, **body})


def sse_events(text: str) -> list:
    lines = [line[len("data: "):] for line in text.splitlines() if line.startswith("data: ")]
    return [line if line == "[DONE]" else json.loads(line) for line in lines]


def test_models_lists_newsdesk(client):
    assert [m["id"] for m in client.get("/v1/models").json()["data"]] == ["newsdesk"]


def test_completion_carries_cited_answer_and_sources(client):
    response = ask(client, [{"role": "system", "content": "Be brief."},
                            {"role": "user", "content": QUESTION}], model="gpt-4o")
    body = response.json()
    assert response.status_code == 200 and body["object"] == "chat.completion"
    answer = body["choices"][0]["message"]["content"]
    assert "[1]" in answer and "mine detectors" in answer
    first = body["sources"][0]
    assert {"n", "title", "outlet", "published", "url", "path", "text", "highlights",
            "cited", "verified"} <= set(first)
    assert first["cited"] and first["verified"] and first["highlights"]
    assert body["newsdesk"]["question"] == QUESTION


def test_streaming_sends_deltas_then_sources_then_done(client):
    response = ask(client, [{"role": "user", "content": QUESTION}], stream=True)
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    assert events[-1] == "[DONE]"
    chunks = events[:-1]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    final = chunks[-1]["newsdesk"]
    assert "[1]" in text and "[1]" in final["answer"]
    assert final["stream_replaced"] == (text != final["answer"])
    assert sorted(text.splitlines()) == sorted(line.removeprefix("- ")
                                               for line in final["answer"].splitlines())
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["sources"]
    assert all("sources" not in c for c in chunks[:-1])


def test_follow_up_uses_earlier_messages(client):
    body = ask(client, [{"role": "user", "content": "What did Seoul send to Ukraine?"},
                        {"role": "assistant", "content": [{"type": "text", "text": REPLY}]},
                        {"role": "user", "content": "Did it send weapons?"}]).json()
    assert "Seoul" in body["newsdesk"]["query"]


@pytest.mark.parametrize("payload, param", [
    ({"messages": [{"role": "user", "content": "   "}]}, "messages"),
    ({"messages": [{"role": "system", "content": "Hello"}]}, "messages"),
    ({"messages": []}, "messages"),
    ({"messages": [{"role": "user", "content": QUESTION}], "top_k": 0}, "top_k"),
    ({"messages": [{"role": "user", "content": QUESTION}], "filters": {"since": "June"}},
     "filters.since"),
    ({}, "messages"),
])
def test_bad_requests_are_400_with_openai_error(client, payload, param):
    response = client.post("/v1/chat/completions", json=payload)
    error = response.json()["error"]
    assert response.status_code == 400 and error["type"] == "invalid_request_error"
    assert error["param"] == param and error["message"]


def test_bad_json_is_400(client):
    response = client.post("/v1/chat/completions", content=b"{not json",
                           headers={"content-type": "application/json"})
    assert response.status_code == 400 and "JSON" in response.json()["error"]["message"]


def test_oversized_body_is_413_and_the_server_goes_on(index_dir):
    with make_client(index_dir, api_max_body=2000) as c:
        big = ask(c, [{"role": "user", "content": "x " * 2000}])
        assert big.status_code == 413 and big.json()["error"]["code"] == "request_too_large"
        chunked = c.post("/v1/search", content=iter([b'{"query": "', b"x" * 3000, b'"}']),
                         headers={"content-type": "application/json"})
        assert chunked.status_code == 413
        assert ask(c, [{"role": "user", "content": QUESTION}]).status_code == 200


def test_rate_limit_is_429_per_client(index_dir):
    with make_client(index_dir, api_rate_limit=3) as c:
        codes = [c.get("/v1/models").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = c.get("/v1/models")
        assert refused.json()["error"]["type"] == "rate_limit_error"
        assert int(refused.headers["retry-after"]) >= 1


def test_api_keys_are_required_when_set(index_dir):
    with make_client(index_dir, api_key="alpha, beta") as c:
        assert c.get("/v1/models").status_code == 401
        assert c.get("/v1/models", headers={"Authorization": "Bearer gamma"}).status_code == 401
        error = c.get("/v1/models").json()["error"]
        assert error["type"] == "authentication_error"
        for key in ("alpha", "beta"):
            assert c.get("/v1/models", headers={"Authorization": f"Bearer {key}"}
                         ).status_code == 200


def test_chat_login_also_opens_the_api(index_dir):
    with make_client(index_dir, auth="reporter:s3cret") as c:
        basic = base64.b64encode(b"reporter:s3cret").decode()
        wrong = base64.b64encode(b"reporter:nope").decode()
        assert c.get("/v1/models").status_code == 401
        assert c.get("/v1/models", headers={"Authorization": f"Basic {wrong}"}).status_code == 401
        assert c.get("/v1/models", headers={"Authorization": f"Basic {basic}"}).status_code == 200
        assert c.get("/v1/models", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_search_matches_the_cli_shape(client):
    body = client.post("/v1/search", json={"query": "mine detectors", "top_k": 3,
                                           "filters": {"outlets": ["Harbor Ledger"]}}).json()
    assert 0 < len(body["results"]) <= 3
    assert {r["outlet"] for r in body["results"]} == {"Harbor Ledger"}
    assert set(body["results"][0]) == {"path", "title", "outlet", "published", "text", "score",
                                       "start", "end", "page", "also_in"}
    empty = client.post("/v1/search", json={"query": " "})
    assert empty.status_code == 400 and empty.json()["error"]["param"] == "query"


def test_hostile_text_comes_back_as_data(client):
    hostile = "<script>alert(1)</script> What did Seoul provide? \u0000 ' OR 1=1 --"
    response = ask(client, [{"role": "user", "content": hostile}])
    assert response.status_code == 200
    assert response.json()["newsdesk"]["question"].startswith("<script>")


def test_concurrent_requests_queue_for_the_model(index_dir):
    generator = FakeGenerator(REPLY)
    active, most = [0], [0]
    original = generator.stream

    def counting_stream(*args, **kwargs):
        active[0] += 1
        most[0] = max(most[0], active[0])
        try:
            yield from original(*args, **kwargs)
        finally:
            active[0] -= 1

    generator.stream = counting_stream
    with make_client(index_dir, generator=generator) as c:
        results = []
        threads = [threading.Thread(target=lambda: results.append(
            ask(c, [{"role": "user", "content": QUESTION}], stream=True).status_code))
            for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == [200] * 4 and most[0] == 1


def test_the_openai_client_works_against_the_app(index_dir):
    openai = pytest.importorskip("openai")
    with make_client(index_dir, api_key="k1") as c:
        client = openai.OpenAI(base_url="http://testserver/v1", api_key="k1", http_client=c)
        answer = client.chat.completions.create(
            model="anything", messages=[{"role": "user", "content": QUESTION}])
        assert "[1]" in answer.choices[0].message.content
        assert answer.model_extra["sources"][0]["title"]
        pieces = list(client.chat.completions.create(
            model="anything", messages=[{"role": "user", "content": QUESTION}], stream=True))
        assert pieces[-1].model_extra["sources"]
        with pytest.raises(openai.BadRequestError):
            client.chat.completions.create(model="x", messages=[{"role": "user", "content": ""}])
        refused = openai.OpenAI(base_url="http://testserver/v1", api_key="bad", http_client=c)
        with pytest.raises(openai.AuthenticationError):
            refused.models.list()


def test_with_auth_every_chat_route_needs_the_login(index_dir):
    pytest.importorskip("gradio")
    with make_client(index_dir, chat=True, auth="reporter:s3cret") as c:
        assert "nd-question" not in c.get("/").text  # the login page, not the chat
        for path in ("/config", "/gradio_api/info", "/gradio_api/file=README.md",
                     "/gradio_api/queue/data?session_hash=x", "/gradio_api/upload_progress"):
            assert c.get(path).status_code == 401, path
        assert c.post("/gradio_api/call/ask", json={"data": []}).status_code == 401
        assert c.post("/gradio_api/stream/x", json={}).status_code == 401
        assert c.post("/login", data={"username": "reporter", "password": "no"}
                      ).status_code >= 400
        assert c.post("/login", data={"username": "reporter", "password": "s3cret"}
                      ).status_code == 200
        assert c.get("/config").status_code == 200 and "nd-question" in c.get("/").text
        assert c.get("/v1/models").status_code == 200  # the chat's login cookie opens the API


def test_no_index_is_503_with_the_reason(tmp_path):
    with make_client(tmp_path / "empty") as c:
        response = ask(c, [{"role": "user", "content": QUESTION}])
        assert response.status_code == 503 and "index" in response.json()["error"]["message"].lower()
        assert c.post("/v1/search", json={"query": "Seoul"}).status_code == 503
        assert c.get("/v1/models").status_code == 200
