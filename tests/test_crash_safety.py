"""SIGKILL `newsdesk index` at many points: the index must always load and answer, and the
next run must finish with the same counts as a clean build. Two runs never interleave."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from corpus_gen import write_articles
from newsdesk import store
from newsdesk.locking import index_lock

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
    from newsdesk.retrieval import Retriever

    retriever = Retriever.load(idx, embedder)  # checksums verified on load
    assert retriever.data.vectors.size == len(retriever.data.chunks) > 0
    assert retriever.search("Ukraine aid report", k=3)


def test_sigkill_at_twenty_points_never_breaks_the_index(tmp_path, real_embedder):
    small, large = tmp_path / "small", tmp_path / "large"
    write_articles(small, 40, seed=1)
    shutil.copytree(small, large)
    write_articles(large, 120, seed=2)
    clean = tmp_path / "clean"
    started = time.perf_counter()
    run(large, clean, "--full")
    duration = time.perf_counter() - started
    expected = {str(small): None, str(large): chunk_count(clean)}
    run(small, tmp_path / "clean-small")
    expected[str(small)] = chunk_count(tmp_path / "clean-small")

    idx = tmp_path / "idx"
    run(small, idx)
    outcomes = []
    for i in range(KILLS):
        folder = large if i % 2 == 0 else small  # every run has real work to do
        proc = subprocess.Popen(index_cmd(folder, idx), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(duration * (i + 1) / (KILLS + 1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes.append(proc.returncode)
        assert_loads_and_answers(idx, real_embedder)
        assert chunk_count(idx) in expected.values()
    assert outcomes.count(-signal.SIGKILL) >= KILLS // 2, outcomes  # most runs really were killed
    run(large, idx)
    assert chunk_count(idx) == expected[str(large)]
    leftovers = [p.name for p in idx.iterdir() if p.name.startswith("build-") or p.name.startswith(".current-")]
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
