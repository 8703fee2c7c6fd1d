"""OpenAI chat-completion shapes for newsdesk answers: a conversation in, a completion (or its
streamed chunks) out, with newsdesk's sources as an extra top-level field. No HTTP here."""

from __future__ import annotations

import time
import uuid

from newsdesk.answer.result import AnswerResult
from newsdesk.errors import BadInputError

MODEL_ID = "newsdesk"
TURN_ROLES = ("user", "assistant")


def message_text(content) -> str:
    """A message's text: a string, or OpenAI's list of typed parts ({"type": "text", ...})."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text") or "" for part in content
                        if isinstance(part, dict) and part.get("type", "text") == "text")
    raise BadInputError("A message's 'content' must be a string or a list of text parts")


def conversation(messages: list[dict]) -> tuple[str, list[dict]]:
    """(question, history): the question is the last user message; the user and assistant
    turns before it are the conversation so far (system and tool messages are ignored)."""
    asked = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    if not asked:
        raise BadInputError("'messages' has no user message: the question is the last message "
                            "with role 'user'")
    last = asked[-1]
    question = message_text(messages[last].get("content")).strip()
    if not question:
        raise BadInputError("The question (the last user message) is empty")
    history = [{"role": m["role"], "content": message_text(m.get("content"))}
               for m in messages[:last] if m.get("role") in TURN_ROLES]
    return question, history


def new_id() -> str:
    return "chatcmpl-" + uuid.uuid4().hex[:24]


def details(result: AnswerResult) -> dict:
    """The answer as `newsdesk ask --json` gives it, split into sources and the rest."""
    data = result.to_dict()
    return {"sources": data.pop("sources"), "newsdesk": data}


def completion(result: AnswerResult, completion_id: str | None = None) -> dict:
    return {"id": completion_id or new_id(), "object": "chat.completion",
            "created": int(time.time()), "model": MODEL_ID,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": result.answer}}],
            "usage": None, **details(result)}


def chunk(completion_id: str, delta: dict, finish_reason: str | None = None, **extra) -> dict:
    return {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()),
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}], **extra}


def final_chunk(completion_id: str, result: AnswerResult, streamed: str) -> dict:
    """The last chunk: whatever of the verified answer was not streamed yet, the sources and
    the answer's details. When the verified answer is not the streamed text continued (quoted
    evidence moved after the answer, a citation dropped), `newsdesk.stream_replaced` is true
    and `newsdesk.answer` holds the verified text to show instead."""
    continued = result.answer.startswith(streamed)
    rest = result.answer[len(streamed):] if continued else ""
    extra = details(result)
    extra["newsdesk"]["stream_replaced"] = not continued
    return chunk(completion_id, {"content": rest} if rest else {}, "stop", **extra)


def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0,
                                        "owned_by": "newsdesk"}]}


def error(message: str, kind: str, param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}
