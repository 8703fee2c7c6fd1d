"""A saved conversation as Markdown (for reading and sharing) or JSON (everything saved)."""

from __future__ import annotations

import json
import re

from newsdesk.history.store import Conversation

FORMATS = ("md", "json")


def _inline(text: str) -> str:
    """One line of article or model text, with Markdown's link and emphasis syntax escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(str(text or "").split()))


def _quote(source: dict) -> str:
    """The sentences of the passage that support the answer, else its first sentence."""
    quoted = [h.get("text", "") for h in source.get("highlights", []) if h.get("text")]
    if not quoted:
        text = " ".join(str(source.get("text", "")).split())
        quoted = [re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]] if text else []
    return " … ".join(" ".join(q.split()) for q in quoted)


def citation_markdown(source: dict) -> str:
    meta = ", ".join(_inline(x) for x in (source.get("outlet"), source.get("published")) if x)
    line = f"[{source.get('n')}] **{_inline(source.get('title') or source.get('path'))}**"
    line += f" ({meta})" if meta else ""
    url = str(source.get("url") or "")
    if re.match(r"^https?://\S+$", url):
        line += f" <{url.replace('>', '%3E')}>"
    quote = _quote(source)
    return f"- {line}\n  > {_inline(quote)}" if quote else f"- {line}"


def turn_markdown(number: int, turn: dict) -> str:
    result = turn["result"]
    cited = [s for s in result.get("sources", []) if s.get("cited")]
    shown = cited or ([] if result.get("abstained") else result.get("sources", []))
    parts = [f"## {number}. {_inline(turn['question'])}", "", _inline(result.get("answer", ""))]
    unverified = [s["text"] for s in result.get("sentences", []) if not s.get("supported")]
    if unverified:
        parts += ["", "Unverified: " + " ".join(_inline(t) for t in unverified)]
    if shown:
        parts += ["", "Sources:", ""] + [citation_markdown(s) for s in shown]
    return "\n".join(parts)


def to_markdown(conversation: Conversation) -> str:
    header = [f"# {_inline(conversation.title)}", "",
              f"Created {conversation.created}, updated {conversation.updated}."]
    turns = [turn_markdown(i, t) for i, t in enumerate(conversation.turns, start=1)]
    return "\n\n".join(["\n".join(header), *turns]) + "\n"


def to_json(conversation: Conversation) -> str:
    return json.dumps(conversation.to_dict(), ensure_ascii=False, indent=1)


def export(conversation: Conversation, fmt: str) -> str:
    if fmt == "md":
        return to_markdown(conversation)
    if fmt == "json":
        return to_json(conversation)
    from newsdesk.errors import BadInputError

    raise BadInputError(f"Unknown export format {fmt!r}; choose md or json")
