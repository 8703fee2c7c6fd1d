"""The only importer of llama_cpp: one local model per process, behind a lock, streaming.

A `Llama` object is one context and is not thread-safe, so the lock is held for the whole
stream; a cancelled or abandoned stream releases it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator, Sequence

from newsdesk.errors import ModelLoadError
from newsdesk.models.bundled import resolve_model_path
from newsdesk.models.generator import Message

class LlamaGenerator:
    """llama-cpp-python with the model's own chat template, greedy decoding."""

    can_score = True  # first_token_scores reads the model's logits

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
        self._formatter = None

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

    def _prompt(self, messages: Sequence[Message]) -> str:
        """The chat as the model's own template renders it, ready for the answer's tokens
        (the same rendering llama-cpp-python's chat completion uses)."""
        if self._formatter is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            llm = self._llm
            text = lambda token: llm._model.token_get_text(token) if token != -1 else ""  # noqa: E731
            self._formatter = Jinja2ChatFormatter(
                template=llm.metadata["tokenizer.chat_template"], eos_token=text(llm.token_eos()),
                bos_token=text(llm.token_bos()), add_generation_prompt=True)
        return self._formatter(messages=list(messages)).prompt

    def first_token_scores(self, messages: Sequence[Message], options: Sequence[str]
                           ) -> dict[str, float] | None:
        """The model's logit for starting its answer with each option ("Yes", "No"): read
        from one evaluation of the prompt, so a verdict can be taken with a threshold
        calibrated on data rather than from the model's greedy (and biased) first word. The
        evaluated prompt stays in the context, so the answer that follows reuses it."""
        import numpy as np

        if "tokenizer.chat_template" not in self._llm.metadata:
            return None
        with self._lock:
            llm = self._llm
            tokens = llm.tokenize(self._prompt(messages).encode("utf-8"), add_bos=True, special=True)
            reused = 0
            for old, new in zip(llm._input_ids[:llm.n_tokens].tolist(), tokens):
                if old != new:
                    break
                reused += 1
            llm.n_tokens = min(reused, len(tokens) - 1)
            llm.eval(tokens[llm.n_tokens:])
            logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
            scores = {}
            for option in options:
                variants = {option, " " + option, option.lower()}
                ids = sorted({llm.tokenize(v.encode("utf-8"), add_bos=False, special=False)[0]
                              for v in variants})
                scores[option] = float(np.logaddexp.reduce(logits[ids]))
            return scores

    def stream(self, messages: Sequence[Message], max_tokens: int = 256,
               stop: Sequence[str] = (), cancel: threading.Event | None = None,
               prefix: str = "") -> Iterator[str]:
        """Stream the answer; with `prefix`, the answer starts with it and the model goes on."""
        with self._lock:
            options = dict(max_tokens=max_tokens, temperature=0.0, top_k=1, repeat_penalty=1.05,
                           stop=list(stop) or None, stream=True)
            if prefix:
                yield prefix
            if prefix and "tokenizer.chat_template" in self._llm.metadata:
                pieces = self._llm.create_completion(prompt=self._prompt(messages) + prefix,
                                                     **options)
                read = lambda piece: piece["choices"][0].get("text")  # noqa: E731
            else:
                pieces = self._llm.create_chat_completion(messages=list(messages), **options)
                read = lambda piece: piece["choices"][0].get("delta", {}).get("content")  # noqa: E731
            try:
                for piece in pieces:
                    if cancel is not None and cancel.is_set():
                        break
                    text = read(piece)
                    if text:
                        yield text
            finally:
                close = getattr(pieces, "close", None)
                if close:
                    close()
