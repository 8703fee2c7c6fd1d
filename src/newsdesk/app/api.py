"""The HTTP API: OpenAI-compatible chat completions over the articles, plus search.

    GET  /v1/models             the one model, "newsdesk"
    POST /v1/chat/completions   answer the last user message (earlier messages: the
                                conversation), streamed as server-sent events or not; the
                                sources ride in an extra top-level "sources" field
    POST /v1/search             passages for a query, as `newsdesk search --json`

Errors are OpenAI-style bodies {"error": {message, type, param, code}}. Access control and
limits are in `guards.py`; answers queue for the one model in `answer_queue.py`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.answer.result import Answered, Token
from newsdesk.app import openai_shapes as shapes
from newsdesk.app.answer_queue import AnswerQueue
from newsdesk.app.runtime import Runtime
from newsdesk.errors import BadInputError, NewsdeskError
from newsdesk.search.filters import SearchFilters

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Filters(BaseModel):
    outlets: list[str] = Field(default_factory=list, max_length=50)
    since: str = ""
    until: str = ""

    @field_validator("since", "until")
    @classmethod
    def _date(cls, value: str) -> str:
        if value and not DATE.match(value):
            raise ValueError("must be a date YYYY-MM-DD")
        return value

    def to_search(self) -> SearchFilters:
        return SearchFilters(outlets=tuple(self.outlets), date_from=self.since,
                             date_to=self.until)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """OpenAI's request; fields newsdesk does not use (temperature, max_tokens...) are
    accepted and ignored. `top_k` and `filters` are newsdesk's own."""

    model_config = ConfigDict(extra="allow")
    model: str | None = None
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    top_k: int | None = Field(default=None, ge=1, le=20)
    filters: Filters = Field(default_factory=Filters)


class SearchRequest(BaseModel):
    query: str
    top_k: int = Field(default=10, ge=1, le=100)
    filters: Filters = Field(default_factory=Filters)


def _error(status: int, message: str, kind: str = "invalid_request_error",
           param: str | None = None, code: str | None = None) -> JSONResponse:
    return JSONResponse(shapes.error(message, kind, param, code), status_code=status)


def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 as a 400 that names the field: bad JSON, a missing or ill-typed field."""
    first = (exc.errors() or [{}])[0]
    where = [str(part) for part in first.get("loc", ()) if part != "body"]
    if first.get("type") == "json_invalid":
        return _error(400, "The request body is not valid JSON", code="invalid_json")
    field = ".".join(where) or None
    message = first.get("msg", "Invalid request")
    return _error(400, f"{field}: {message}" if field else message, param=field,
                  code="invalid_value")


def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    kind = "not_found_error" if exc.status_code == 404 else "invalid_request_error"
    return _error(exc.status_code, str(exc.detail), kind)


def _newsdesk_error(request: Request, exc: NewsdeskError) -> JSONResponse:
    if isinstance(exc, BadInputError):
        return _error(400, str(exc), code="invalid_value")
    # No index yet, a missing model, an index being rebuilt: nothing the request can fix.
    return _error(503, str(exc), "server_error", code="unavailable")


def _sse(data: dict | str) -> str:
    return "data: " + (data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)) + "\n\n"


async def _stream(events, first, completion_id: str):
    """Server-sent events: the role, each piece of text, then the final chunk with the
    sources, then [DONE]. A failure mid-answer is sent as an error event."""
    yield _sse(shapes.chunk(completion_id, {"role": "assistant", "content": ""}))
    streamed = ""
    try:
        event = first
        while True:
            if isinstance(event, Token) and event.text:
                streamed += event.text
                yield _sse(shapes.chunk(completion_id, {"content": event.text}))
            elif isinstance(event, Answered):
                yield _sse(shapes.final_chunk(completion_id, event.result, streamed))
            event = await anext(events, None)
            if event is None:
                break
    except NewsdeskError as exc:
        yield _sse(shapes.error(str(exc), "server_error", code="unavailable"))
    finally:
        await events.aclose()
    yield _sse("[DONE]")


def _routes(app: FastAPI, runtime: Runtime, queue: AnswerQueue) -> None:
    @app.get("/v1/models")
    def list_models() -> dict:
        return shapes.models()

    @app.post("/v1/chat/completions")
    async def chat_completions(body: ChatRequest):
        try:
            question, history = shapes.conversation([m.model_dump() for m in body.messages])
        except BadInputError as exc:
            return _error(400, str(exc), param="messages", code="invalid_value")
        events = queue.events(question, history, body.filters.to_search(), body.top_k)
        first = await anext(events)  # errors before the first event are plain HTTP errors
        if body.stream:
            return StreamingResponse(_stream(events, first, shapes.new_id()),
                                     media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache"})
        event = first
        while not isinstance(event, Answered):
            event = await anext(events)
        await events.aclose()
        return shapes.completion(event.result)

    @app.post("/v1/search")
    def search(body: SearchRequest):
        query = body.query.strip()
        if not query:
            return _error(400, "The query is empty", param="query", code="invalid_value")
        passages = runtime.retriever().search(query, body.top_k, body.filters.to_search())
        return {"query": query, "results": [p.search_result() for p in passages]}


def build_api(runtime: Runtime) -> FastAPI:
    """The API's routes and error shapes; the chat may be mounted beside them."""
    app = FastAPI(title="newsdesk", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(NewsdeskError, _newsdesk_error)
    _routes(app, runtime, AnswerQueue(runtime))
    return app
