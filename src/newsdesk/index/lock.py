"""An exclusive lock per index folder so that two writers never interleave (filelock: an
flock on Unix, which the kernel drops when the holder dies, even by SIGKILL)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from filelock import FileLock, Timeout

from newsdesk.errors import IndexBusyError


@contextmanager
def index_lock(index_dir: Path, wait: bool = True, timeout: float = 3600.0,
               on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold `index_dir/.lock`; without `wait`, fail at once if another process holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(index_dir / ".lock")
    busy = IndexBusyError(f"Another newsdesk process is updating the index in {index_dir}; "
                          "try again when it has finished.")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise busy from None
        if on_wait:
            on_wait()
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise busy from None
    try:
        yield
    finally:
        lock.release()
