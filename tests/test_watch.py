"""The watched folder with fakes: changes are noticed, described, debounced and synced
through the ordinary incremental build while the old index keeps answering."""

import shutil
import time

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.app.runtime import Runtime
from newsdesk.app.watch import FolderWatcher, compare, snapshot
from newsdesk.settings import load_settings

LIGHTHOUSE = ("Title: Port Emer lighthouse restored\nSource: Coastal Post\nPublished: 2024-07-01"
              "\n\nThe lighthouse at Port Emer reopened after a restoration costing 3 million "
              "dollars.")


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def watched(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLE_FOLDER, folder)
    runtime = Runtime(load_settings(index_dir=tmp_path / "idx"), embedder=FakeEmbedder(),
                      generator=FakeGenerator("x"))
    watcher = FolderWatcher(runtime, folder, interval=0.1, quiet=0.3)
    runtime.index(folder)
    runtime.reload()
    runtime.watcher = watcher.start()
    yield runtime, folder, watcher
    watcher.stop()


def titles(runtime, query="Port Emer lighthouse"):
    return {p.title for p in runtime.retriever().search(query, 5)}


def test_changes_are_described_renames_included(tmp_path):
    before = {"a.txt": (10, 1), "b.txt": (20, 1), "c.txt": (30, 1)}
    after = {"a.txt": (10, 2), "b2.txt": (20, 5), "d.txt": (40, 1)}
    changes = compare(before, after)
    assert (changes.added, changes.changed, changes.removed, changes.renamed) == (1, 1, 1, 1)
    assert str(changes) == "1 new article, 1 changed, 1 renamed, 1 removed"
    (tmp_path / "x.txt").write_text("hi")
    (tmp_path / "skip.bin").write_text("hi")
    assert set(snapshot(tmp_path)) == {"x.txt"}


def test_added_renamed_and_deleted_files_reach_the_index(watched):
    runtime, folder, watcher = watched
    seen = []
    (folder / "lighthouse.txt").write_text(LIGHTHOUSE)
    assert wait_for(lambda: seen.append(watcher.status) or
                    "Port Emer lighthouse restored" in titles(runtime))
    assert any("Indexing 1 new article" in s for s in seen), seen
    assert wait_for(lambda: "up to date" in watcher.status)

    (folder / "lighthouse.txt").rename(folder / "harbour-light.txt")
    assert wait_for(lambda: "harbour-light.txt" in {
        p.path for p in runtime.retriever().search("Port Emer lighthouse", 5)})
    (folder / "harbour-light.txt").unlink()
    assert wait_for(lambda: "Port Emer lighthouse restored" not in titles(runtime))


def test_a_burst_of_files_is_synced_once_it_settles(watched):
    runtime, folder, watcher = watched
    calls = []
    index = runtime.index
    runtime.index = lambda *a, **k: calls.append(1) or index(*a, **k)
    for i in range(5):
        (folder / f"burst-{i}.txt").write_text(LIGHTHOUSE.replace("Port Emer", f"Port {i}x"))
        time.sleep(0.12)  # shorter than the quiet time: one burst
    assert wait_for(lambda: "up to date" in watcher.status and not watcher.syncing)
    assert len(calls) == 1
    assert runtime.status()["articles"] == len(list(SAMPLE_FOLDER.iterdir())) + 5


def test_a_failing_sync_keeps_the_previous_index(watched, monkeypatch):
    runtime, folder, watcher = watched
    before = runtime.status()["articles"]

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(runtime, "index", broken)
    (folder / "lighthouse.txt").write_text(LIGHTHOUSE)
    assert wait_for(lambda: "Sync failed" in watcher.status)
    assert "disk full" in watcher.status and runtime.status()["articles"] == before
    assert runtime.retriever().search("Seoul Ukraine", 3)


def test_the_watch_switch_comes_from_the_flag_or_the_variable(monkeypatch):
    from newsdesk.app.cli import _settings, build_parser
    from newsdesk.errors import BadInputError

    monkeypatch.delenv("NEWSDESK_WATCH", raising=False)
    assert _settings(build_parser().parse_args(["serve", "--watch"])).watch is True
    assert _settings(build_parser().parse_args(["serve"])).watch is False
    monkeypatch.setenv("NEWSDESK_WATCH", "1")
    assert load_settings().watch is True
    monkeypatch.setenv("NEWSDESK_WATCH", "maybe")
    with pytest.raises(BadInputError, match="NEWSDESK_WATCH"):
        load_settings()
