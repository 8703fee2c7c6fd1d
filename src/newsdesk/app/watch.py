"""Keep the index in sync with a folder while serving. The folder is polled (size and
modification time of each supported file, once a second): polling works the same on every
filesystem, network mounts and containers included, needs no extra package, and a scan of a
few thousand files costs milliseconds. A burst of changes (a copy of many files) is
debounced: the sync starts once the folder has been still for `quiet` seconds. The sync is
the ordinary crash-safe incremental build (`Runtime.index`), so answers keep coming from the
last complete build until the new one is swapped in."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.ingest.readers import SUPPORTED_SUFFIXES, iter_files

log = logging.getLogger("newsdesk.watch")
Snapshot = dict  # relative path -> (size, mtime_ns)


def snapshot(folder: Path) -> Snapshot:
    state = {}
    for path, rel in iter_files(folder):
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            try:
                st = path.stat()
            except OSError:
                continue  # gone between listing and stat: the next scan sees it removed
            state[rel] = (st.st_size, st.st_mtime_ns)
    return state


@dataclass
class Changes:
    added: int = 0
    changed: int = 0
    removed: int = 0
    renamed: int = 0

    def __str__(self) -> str:
        parts = [f"{self.added} new article{'s' * (self.added != 1)}" if self.added else "",
                 f"{self.changed} changed" if self.changed else "",
                 f"{self.renamed} renamed" if self.renamed else "",
                 f"{self.removed} removed" if self.removed else ""]
        return ", ".join(p for p in parts if p) or "changes"


def compare(before: Snapshot, after: Snapshot) -> Changes:
    """What changed; a file gone and another of the same size added counts as a rename."""
    gone = [before[p][0] for p in before.keys() - after.keys()]
    new = [after[p][0] for p in after.keys() - before.keys()]
    renamed = 0
    for size in list(new):
        if size in gone:
            gone.remove(size)
            new.remove(size)
            renamed += 1
    changed = sum(1 for p in before.keys() & after.keys() if before[p] != after[p])
    return Changes(added=len(new), changed=changed, removed=len(gone), renamed=renamed)


class FolderWatcher:
    """Polls `folder` in a daemon thread and syncs `runtime`'s index with it."""

    def __init__(self, runtime, folder: Path, interval: float = 1.0, quiet: float = 1.0):
        self.runtime, self.folder = runtime, Path(folder)
        self.interval, self.quiet = interval, quiet
        self.synced = snapshot(self.folder)  # taken before the first sync: nothing is missed
        self.status = f"Watching `{self.folder}` for new, changed and removed articles."
        self.syncing = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsdesk-watch", daemon=True)

    def start(self) -> "FolderWatcher":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                current = snapshot(self.folder)
            except OSError as exc:
                self.status = f"⚠️ Cannot read `{self.folder}`: {exc}"
                continue
            if current != self.synced:
                self._sync(self._settled(current))

    def _settled(self, current: Snapshot) -> Snapshot:
        """Wait until the folder stops changing (a burst of copies ends)."""
        still_since = time.monotonic()
        while not self._stop.wait(min(self.interval, self.quiet / 2)):
            latest = snapshot(self.folder)
            if latest != current:
                current, still_since = latest, time.monotonic()
            elif time.monotonic() - still_since >= self.quiet:
                break
        return current

    def _sync(self, current: Snapshot) -> None:
        changes = compare(self.synced, current)
        self.syncing = True
        self.status = (f"⏳ Indexing {changes} in `{self.folder}`; answers use the last "
                       "complete index meanwhile.")
        log.info("watch: indexing %s", changes)
        try:
            summary = self.runtime.index(self.folder)
        except (NewsdeskError, OSError) as exc:
            self.status = f"⚠️ Sync failed ({exc}); the chat keeps the previous index."
            self.synced = current  # retried when the folder changes again
        else:
            self.synced = current
            self.runtime.last_error = None
            self.status = (f"✓ Index up to date with `{self.folder}`: {summary.articles} "
                           f"articles (synced {time.strftime('%H:%M:%S')}).")
        finally:
            self.syncing = False
