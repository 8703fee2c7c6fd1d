"""An exclusive lock per index folder so that two writers never interleave."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from newsdesk.errors import IndexBusyError


@contextmanager
def index_lock(index_dir: Path, wait: bool = True, timeout: float = 3600.0,
               on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold `index_dir/.lock`. The kernel drops it when the holder dies, even by SIGKILL."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait or time.monotonic() > deadline:
                    raise IndexBusyError(
                        f"Another newsdesk process is updating the index in {index_dir}; "
                        "try again when it has finished.") from None
                if on_wait and not told:
                    on_wait()
                    told = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)
