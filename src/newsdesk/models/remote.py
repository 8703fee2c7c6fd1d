"""Generation through an OpenAI-compatible HTTP server (llama.cpp's llama-server, vLLM,
Ollama, llama-cpp-python[server]): the same Generator interface as the local model."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Iterator, Sequence

from newsdesk.errors import ModelLoadError


class RemoteGenerator:
    def __init__(self, base_url: str, model: str = "", context_size: int = 4096,
                 timeout: float = 300.0):
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/v1"):
            self.base_url += "/v1"
        self.model = model
        self.name = f"{model or 'remote model'} at {base_url}"
        self.context_size = context_size
        self.timeout = timeout

    can_score = False  # OpenAI-compatible servers do not return the prompt's next-token logits

    def first_token_scores(self, messages, options) -> None:
        return None

    def count_tokens(self, text: str) -> int:
        # Remote servers rarely expose a tokenizer; ~3.5 characters per token is conservative.
        return int(len(text) / 3.5) + 1

    def stream(self, messages: Sequence[dict], max_tokens: int = 256, stop: Sequence[str] = (),
               cancel: threading.Event | None = None, prefix: str = "") -> Iterator[str]:
        """Stream the answer; with `prefix`, the answer starts with it: it is sent as the start
        of the assistant's turn, which llama.cpp's server and most others continue."""
        messages = list(messages)
        if prefix:
            yield prefix
            messages.append({"role": "assistant", "content": prefix})
        body = {"messages": messages, "max_tokens": max_tokens, "temperature": 0.0,
                "stream": True}
        if self.model:
            body["model"] = self.model
        if stop:
            body["stop"] = list(stop)[:4]
        request = urllib.request.Request(
            f"{self.base_url}/chat/completions", data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json", "Accept": "text/event-stream"})
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except (urllib.error.URLError, OSError) as exc:
            raise ModelLoadError(f"The model server at {self.base_url} did not answer: {exc}") from exc
        with response:
            for raw in response:
                if cancel is not None and cancel.is_set():
                    break
                line = raw.decode("utf-8", "replace").strip()
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                try:
                    choice = json.loads(data)["choices"][0]
                except (ValueError, KeyError, IndexError):
                    continue
                text = (choice.get("delta") or {}).get("content")
                if text:
                    yield text
