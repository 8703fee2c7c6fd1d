"""SIGKILL `newsdesk index` at many points: the index must always load and answer, and the
next run must finish with the same counts as a clean build. Two runs never interleave."""

import shutil
import signal
import subprocess
import sys
import time

import pytest

from corpus_gen import write_articles
from newsdesk.index import store
from newsdesk.index.lock import index_lock

pytestmark = pytest.mark.slow
KILLS = 20


def index_cmd(folder, idx, *extra):
    return [sys.executable, "-m", "newsdesk", "index", str(folder), "--index", str(idx), *extra]


def run(folder, idx, *extra, timeout=600):
    proc = subprocess.run(index_cmd(folder, idx, *extra), capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def chunk_count(idx):
    return store.load(idx).vectors.size


def assert_loads_and_answers(idx, embedder):
    from newsdesk.search.retriever import Retriever

    retriever = Retriever.load(idx, embedder)  # checksums verified on load
    assert retriever.data.vectors.size == len(retriever.data.chunks) > 0
    assert retriever.search("Ukraine aid report", k=3)


def current_folder(idx, folders):
    files = set(store.load(idx).manifest["files"])
    return next(f for f in folders if {p.name for p in f.iterdir()} == files)


def test_sigkill_at_twenty_points_never_breaks_the_index(tmp_path, real_embedder):
    # Two folders sharing a base: switching the index from one to the other always has
    # real work to do (60 new articles to embed, 60 to drop).
    a, b = tmp_path / "a", tmp_path / "b"
    write_articles(a, 20, seed=1)
    shutil.copytree(a, b)
    write_articles(a, 60, seed=2)
    write_articles(b, 60, seed=3)
    expected = {}
    for folder in (a, b):
        run(folder, tmp_path / f"clean-{folder.name}")
        expected[folder] = chunk_count(tmp_path / f"clean-{folder.name}")

    idx = tmp_path / "idx"
    run(a, idx)
    started = time.perf_counter()
    run(b, idx)  # one switch, timed: the kills are spread over this duration
    duration = time.perf_counter() - started
    outcomes = []
    for i in range(KILLS):
        target = a if current_folder(idx, (a, b)) == b else b
        proc = subprocess.Popen(index_cmd(target, idx), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(duration * (i + 1) / (KILLS + 1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes.append(proc.returncode)
        assert_loads_and_answers(idx, real_embedder)
        assert chunk_count(idx) == expected[current_folder(idx, (a, b))]
    assert outcomes.count(-signal.SIGKILL) >= KILLS * 3 // 4, outcomes  # really killed mid-run
    run(b, idx)
    assert chunk_count(idx) == expected[b]
    run(a, idx)
    assert chunk_count(idx) == expected[a]
    leftovers = [p.name for p in idx.iterdir() if p.name.startswith(("build-", ".current-"))]
    assert len(leftovers) == 1  # temp folders of killed runs were cleaned up


def test_second_writer_waits_or_refuses(tmp_path):
    folder = tmp_path / "docs"
    write_articles(folder, 3, seed=3)
    idx = tmp_path / "idx"
    with index_lock(idx):
        proc = subprocess.run(index_cmd(folder, idx, "--no-wait"), capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 2 and "Another newsdesk process" in proc.stderr
        waiting = subprocess.Popen(index_cmd(folder, idx), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(12)
        assert waiting.poll() is None  # still waiting for the lock
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0 and "waiting" in err and "3 articles" in out


SAVER = """
import sys
from newsdesk.history.store import ConversationStore
store = ConversationStore(sys.argv[1])
result = {"answer": "x" * 20000, "sources": [{"n": i, "text": "passage " * 500} for i in range(8)]}
conversation = None
for turn in range(100000):
    conversation = store.add_turn(conversation if turn % 5 else None, f"question {turn}", result)
    print(conversation, turn, flush=True)
"""


def test_sigkill_during_conversation_saves_loses_nothing_saved(tmp_path):
    from newsdesk.history.store import ConversationStore

    db = tmp_path / "conversations.sqlite"
    committed: dict[int, set[str]] = {}
    for kill in range(12):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(db)], stdout=subprocess.PIPE,
                                text=True)
        deadline = time.time() + 0.3 + 0.1 * kill
        while time.time() < deadline:
            conversation, turn = proc.stdout.readline().split()
            committed.setdefault(int(conversation), set()).add(f"question {turn}")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        store = ConversationStore(db)
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for conversation, questions in committed.items():
            saved = store.get(conversation)
            assert questions <= {t["question"] for t in saved.turns}
            assert all(t["result"]["answer"] == "x" * 20000 for t in saved.turns)
        store.close()
    assert sum(len(q) for q in committed.values()) > 12


def test_sigkill_during_a_watched_sync_keeps_the_index_and_the_conversations(tmp_path,
                                                                            real_embedder):
    from gradio_client import Client

    from newsdesk.history.store import ConversationStore
    from servers import newsdesk_server

    folder, idx = tmp_path / "articles", tmp_path / "idx"
    write_articles(folder, 20, seed=4)
    run(folder, idx)
    before, interrupted = chunk_count(idx), []
    # Kill times within the sync: 4 s was after the build went live on a fast run (the quiet
    # wait is 1 s and 30 short articles embed in about 2 s).
    for attempt, kill_at in enumerate(["build written", 1.5, 2.5]):
        with newsdesk_server(tmp_path / f"serve-{attempt}.log", "--folder", str(folder),
                             "--watch", "--index", str(idx)) as (url, proc):
            Client(url, verbose=False).predict("What happened in Ukraine?", [], 2, [],
                                               api_name="/ask")
            saved = ConversationStore(idx / "conversations.sqlite").list()
            assert len(saved) == attempt + 1  # every earlier server's conversation is kept
            published = (idx / "current").resolve()
            write_articles(folder, 30, seed=20 + attempt)  # the watcher starts a sync

            def build_started() -> bool:  # being written, or (on a fast run) already published
                return bool(list(idx.glob("build-*.tmp"))) or (idx / "current").resolve() != published

            if kill_at == "build written":  # the new build is being written beside the old
                deadline = time.time() + 120
                while time.time() < deadline and not build_started():
                    time.sleep(0.02)
                assert build_started(), "the watcher never started a build"
            else:  # while the watcher waits for quiet, reads or embeds
                time.sleep(kill_at)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        assert_loads_and_answers(idx, real_embedder)
        assert chunk_count(idx) >= before
        interrupted.append(len(store.load(idx).manifest["files"]) < len(list(folder.iterdir())))
        assert [c.id for c in ConversationStore(idx / "conversations.sqlite").list()] == [
            c.id for c in saved]
    assert interrupted.count(True) >= 2, interrupted  # killed before the new build went live
    run(folder, idx)  # the next sync finishes the job
    clean = tmp_path / "clean"
    run(folder, clean)
    assert chunk_count(idx) == chunk_count(clean)
