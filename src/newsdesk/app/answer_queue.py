"""One answer at a time for the HTTP API: requests queue for the one shared model.

The assistant is a blocking generator; each answer runs in its own thread, holding the
queue's lock for the whole answer, and hands its events to the asking coroutine. A caller
that stops reading (a streamed answer whose client went away) cancels its answer, which frees
the model for the next.
"""

from __future__ import annotations

import asyncio
import threading
from typing import AsyncIterator, Sequence

from newsdesk.app.runtime import Runtime
from newsdesk.search.filters import SearchFilters

_DONE = object()


class AnswerQueue:
    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self._lock = threading.Lock()

    async def events(self, question: str, history: Sequence[dict],
                     filters: SearchFilters | None = None, top_k: int | None = None
                     ) -> AsyncIterator[object]:
        """The assistant's events (Retrieved, Token, Answered) for one question, once the
        answers queued before it are done. A NewsdeskError is raised here, in the caller."""
        loop = asyncio.get_running_loop()
        inbox: asyncio.Queue = asyncio.Queue()
        cancel = threading.Event()

        def put(item) -> None:
            try:
                loop.call_soon_threadsafe(inbox.put_nowait, item)
            except RuntimeError:  # the server stopped while answering
                cancel.set()

        def work() -> None:
            try:
                with self._lock:
                    if cancel.is_set():
                        return
                    assistant = self.runtime.assistant
                    for event in assistant.answer(question, history, filters=filters,
                                                  top_k=top_k, cancel=cancel):
                        put(event)
            except Exception as exc:  # noqa: BLE001 - re-raised in the asking coroutine
                put(exc)
            finally:
                put(_DONE)

        threading.Thread(target=work, name="newsdesk-api-answer", daemon=True).start()
        try:
            while (item := await inbox.get()) is not _DONE:
                if isinstance(item, Exception):
                    raise item
                yield item
        finally:
            cancel.set()  # no-op after the last event; stops an abandoned answer
