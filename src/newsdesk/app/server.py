"""One uvicorn server for the web chat (at /) and the HTTP API (at /v1), behind the guard
(`guards.py`). `newsdesk serve` runs both; `newsdesk api` runs the API alone."""

from __future__ import annotations

import threading
from pathlib import Path

import uvicorn

from newsdesk.app.api import build_api
from newsdesk.app.guards import Guard
from newsdesk.app.runtime import Runtime
from newsdesk.errors import NewsdeskError
from newsdesk.settings import Settings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def prepare(runtime: Runtime, settings: Settings, rebuild_folder: Path | None) -> None:
    """Build the index on first start (or sync `rebuild_folder`) and load the model. A
    failure is kept in `runtime.last_error` and served anyway: the chat page says what is
    wrong, its Library tab can rebuild, and the API answers 503 with the reason."""
    try:
        if rebuild_folder is not None:
            summary = runtime.index(rebuild_folder)
            print(f"Index synced with {rebuild_folder}: {summary.articles} articles, "
                  f"{summary.chunks} chunks, {len(summary.skipped)} files skipped")
        else:
            summary = runtime.ensure_index()
            if summary is not None:
                print(f"Built the index from {settings.corpus_dir}: {summary.articles} articles, "
                      f"{summary.chunks} chunks in {summary.seconds:.1f} s")
        runtime.assistant  # load the model now, not on the first question
    except (NewsdeskError, OSError) as exc:
        runtime.last_error = str(exc)
        print(f"WARNING: {exc}", flush=True)


def build_server_app(runtime: Runtime, settings: Settings, chat: bool = True):
    """The ASGI app: the API, the chat mounted beside it when `chat`, the guard in front.
    `app.state.on_exit` is what to do when the server is told to stop."""
    app = build_api(runtime)
    logged_in, end_streams = (lambda cookies: False), (lambda: None)  # no chat, no login
    if chat:
        from newsdesk.app.web import mount_chat

        logged_in, end_streams = mount_chat(app, runtime, settings)
    app.add_middleware(Guard, settings=settings, logged_in=logged_in)
    app.state.on_exit = end_streams
    return app


class _Server(uvicorn.Server):
    """A uvicorn server that first ends the chat's open streams when told to stop."""

    def handle_exit(self, sig, frame) -> None:
        self.config.app.state.on_exit()
        super().handle_exit(sig, frame)


def _warn_exposed(settings: Settings) -> None:
    if settings.host not in LOOPBACK:
        print(f"WARNING: serving on {settings.host}: anyone who can reach this machine can use "
              "the chat and the API and read your articles. Use --auth user:password "
              "(and --api-key KEY for programs).")


def serve(settings: Settings, rebuild_folder: Path | None = None, chat: bool = True,
          block: bool = True, runtime: Runtime | None = None, watch: bool = False):
    """Prepare the index and model, then serve; returns (uvicorn server, runtime) when not
    blocking (the server runs in a thread; `server.should_exit = True` stops it). `watch`
    keeps the index in sync with `rebuild_folder` while serving (app/watch.py)."""
    runtime = runtime or Runtime(settings)
    if watch and rebuild_folder is not None:
        from newsdesk.app.watch import FolderWatcher

        runtime.watcher = FolderWatcher(runtime, rebuild_folder)  # its first look: now
    prepare(runtime, settings, rebuild_folder)
    if runtime.watcher is not None:
        runtime.watcher.start()
    app = build_server_app(runtime, settings, chat)
    _warn_exposed(settings)
    server = _Server(uvicorn.Config(app, host=settings.host, port=settings.port,
                                    log_level="warning", timeout_graceful_shutdown=5))
    where = f"http://{settings.host}:{settings.port}"
    print(("Chat on " + where + "/, " if chat else "") + f"API on {where}/v1", flush=True)
    if block:
        server.run()
        return server, runtime
    threading.Thread(target=server.run, name="newsdesk-server", daemon=True).start()
    return server, runtime
