"""The only importer of llama_cpp: one local model per process, behind a lock, streaming.

A `Llama` object is one context and is not thread-safe, so the lock is held for the whole
stream; a cancelled or abandoned stream releases it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from .errors import ModelLoadError
from .models import resolve_model_path

Message = dict  # {"role": "system"|"user"|"assistant", "content": str}


class Generator(Protocol):
    name: str
    context_size: int

    def count_tokens(self, text: str) -> int: ...

    def stream(self, messages: Sequence[Message], max_tokens: int = 256,
               stop: Sequence[str] = (), cancel: threading.Event | None = None) -> Iterator[str]: ...


class LlamaGenerator:
    """llama-cpp-python with the model's own chat template, greedy decoding."""

    def __init__(self, model_path: Path | None = None, context_size: int = 4096,
                 threads: int = 2):
        path = resolve_model_path(model_path)
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelLoadError(
                "llama-cpp-python is not installed; run the install step (make install).") from exc
        try:
            self._llm = Llama(model_path=str(path), n_ctx=context_size, n_threads=threads,
                              n_threads_batch=threads, n_batch=512, flash_attn=True,
                              verbose=False)
        except Exception as exc:  # noqa: BLE001 - llama.cpp raises ValueError/RuntimeError
            raise ModelLoadError(f"Could not load the model {path}: {exc}") from exc
        self.name = path.name
        self.path = path
        self.context_size = context_size
        self._lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8", "ignore"), add_bos=False, special=False))

    def reset_perf(self) -> None:
        import llama_cpp

        llama_cpp.llama_perf_context_reset(self._llm.ctx)

    def perf(self) -> dict:
        """llama.cpp's own counters since the last reset: prompt and generation speed."""
        import llama_cpp

        data = llama_cpp.llama_perf_context(self._llm.ctx)
        return {"prompt_tokens": data.n_p_eval, "prompt_ms": data.t_p_eval_ms,
                "generated_tokens": data.n_eval, "generation_ms": data.t_eval_ms}

    def stream(self, messages: Sequence[Message], max_tokens: int = 256,
               stop: Sequence[str] = (), cancel: threading.Event | None = None) -> Iterator[str]:
        with self._lock:
            pieces = self._llm.create_chat_completion(
                messages=list(messages), stream=True, max_tokens=max_tokens, temperature=0.0,
                top_k=1, repeat_penalty=1.05, stop=list(stop) or None)
            try:
                for piece in pieces:
                    if cancel is not None and cancel.is_set():
                        break
                    text = piece["choices"][0].get("delta", {}).get("content")
                    if text:
                        yield text
            finally:
                close = getattr(pieces, "close", None)
                if close:
                    close()
