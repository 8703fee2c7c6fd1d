"""The PostgreSQL + pgvector store against a real PostgreSQL 16 with pgvector 0.6 (PyPI
`pgserver`, started once per session in a temporary folder; one fresh database per test)."""

from __future__ import annotations

import itertools
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import SAMPLE_FOLDER
from corpus_gen import write_articles
from fakes import FakeEmbedder
from newsdesk.errors import IndexBusyError, IndexMissingError
from newsdesk.ingest.sync import build_index
from newsdesk.search.retriever import Retriever

pytestmark = pytest.mark.slow
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e .[test])")
_names = itertools.count()


def pg_folder() -> Path:
    """A folder outside pytest's private temp root: pgserver runs PostgreSQL as another
    user when started as root, and that user must be able to reach the data folder."""
    return Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))


@pytest.fixture(scope="session")
def pg_server():
    pgserver = pytest.importorskip(
        "pgserver", reason="pgserver (a bundled PostgreSQL) is not installed: pip install -e .[test]")
    folder = pg_folder()
    try:
        server = pgserver.get_server(folder / "data", cleanup_mode="stop")
    except Exception as exc:  # noqa: BLE001 - any start failure means: cannot test here
        pytest.skip(f"pgserver could not start PostgreSQL here: {exc}")
    yield server
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """The address of a new, empty database."""
    name = f"newsdesk_test_{next(_names)}"
    with psycopg.connect(pg_server.get_uri(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server.get_uri(name)


def table_counts(url) -> tuple[int, int, dict]:
    """(articles, chunks, manifest) as the database holds them now."""
    with psycopg.connect(url) as conn:
        articles = conn.execute("SELECT count(*) FROM newsdesk_articles").fetchone()[0]
        chunks = conn.execute("SELECT count(*) FROM newsdesk_chunks").fetchone()[0]
        manifest = conn.execute("SELECT manifest FROM newsdesk_state").fetchone()[0]
    return articles, chunks, manifest


def test_sample_folder_into_postgres_then_search_and_ask(pg_url, sample_index, real_embedder,
                                                        real_generator):
    from newsdesk.answer.assistant import Assistant
    from test_real_stack import assert_seoul_answer, final

    summary = build_index(SAMPLE_FOLDER, pg_url, real_embedder)
    assert summary.articles == len(list(SAMPLE_FOLDER.iterdir())) and summary.chunks > 0
    retriever = Retriever.load(pg_url, real_embedder)
    assert retriever.data.manifest["index_type"] == "pgvector-hnsw"
    top = retriever.search("mine detectors for Ukraine", k=3)
    assert top and "Seoul" in top[0].title
    faiss_top = Retriever.load(sample_index, real_embedder).search("mine detectors for Ukraine", k=3)
    assert [(p.path, p.start) for p in top] == [(p.path, p.start) for p in faiss_top]
    assert [p.dense_score for p in top] == pytest.approx([p.dense_score for p in faiss_top],
                                                         abs=1e-3)
    assert_seoul_answer(final(Assistant(retriever, real_generator),
                              "What did Seoul provide to Ukraine?"))


def test_incremental_sync_adds_changes_and_deletes(pg_url, tmp_path):
    embedder = FakeEmbedder()
    folder = tmp_path / "docs"
    paths = write_articles(folder, 6, seed=4)
    first = build_index(folder, pg_url, embedder)
    assert first.embedded_chunks == first.chunks == table_counts(pg_url)[1]
    assert build_index(folder, pg_url, embedder).up_to_date

    (folder / "new.txt").write_text("Title: Lighthouse keepers strike\n\nThe lighthouse "
                                    "keepers of Vardø walked out on Monday over pay.")
    paths[0].write_text(paths[0].read_text() + "\nA zeppelin landed in the harbour.")
    paths[1].unlink()
    before = embedder.encoded
    second = build_index(folder, pg_url, embedder)
    assert (second.new_files, second.removed_files, second.reused_files) == (2, 1, 4)
    assert embedder.encoded - before == second.embedded_chunks < second.chunks
    articles, chunks, manifest = table_counts(pg_url)
    assert (articles, chunks) == (6, second.chunks) and set(manifest["files"]) == {
        p.name for p in folder.iterdir()}
    retriever = Retriever.load(pg_url, embedder)
    assert "lighthouse" in retriever.search("lighthouse keepers strike", k=1)[0].text.lower()
    assert "zeppelin" in retriever.search("zeppelin harbour", k=1)[0].text.lower()
    assert not any(p.path == paths[1].name for p in retriever.search(paths[1].stem, k=10))
    clean = build_index(folder, tmp_path / "faiss", embedder)
    assert clean.chunks == second.chunks  # same state as a clean FAISS build


def test_a_second_writer_waits_or_refuses_and_a_missing_index_says_so(pg_url, tmp_path):
    from newsdesk.index.postgres import PostgresStore

    with pytest.raises(IndexMissingError, match="newsdesk index FOLDER --store"):
        Retriever.load(pg_url, FakeEmbedder())
    folder = tmp_path / "docs"
    write_articles(folder, 2, seed=5)
    with PostgresStore(pg_url).writer_lock():
        with pytest.raises(IndexBusyError, match="Another newsdesk process"):
            build_index(folder, pg_url, FakeEmbedder(), wait_for_lock=False)
    assert build_index(folder, pg_url, FakeEmbedder(), wait_for_lock=False).articles == 2


def test_full_text_search_mode_ranks_the_matching_chunk_first(pg_url, tmp_path):
    folder = tmp_path / "docs"
    write_articles(folder, 5, seed=6)
    (folder / "owl.txt").write_text("Title: Owls return\n\nSnowy owls nested on the pier.")
    build_index(folder, pg_url, FakeEmbedder())
    retriever = Retriever.load(pg_url + "&keyword=fts", FakeEmbedder())
    scores = retriever.keyword.scores("snowy owls")
    assert scores.max() > 0 and "owl" in retriever.data.chunks[int(scores.argmax())].text.lower()


def index_cmd(folder, url, *extra):
    return [sys.executable, "-m", "newsdesk", "index", str(folder), "--store", url, *extra]


def run(folder, url):
    proc = subprocess.run(index_cmd(folder, url), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_sigkill_during_a_postgres_sync_leaves_one_complete_state(pg_url, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_articles(a, 20, seed=1)
    shutil.copytree(a, b)
    write_articles(a, 60, seed=2)
    write_articles(b, 60, seed=3)
    run(a, pg_url)
    expected = {"a": table_counts(pg_url)[:2]}
    started = time.perf_counter()
    run(b, pg_url)  # one switch, timed: the kills are spread over this duration
    duration = time.perf_counter() - started
    expected["b"] = table_counts(pg_url)[:2]
    names = {"a": {p.name for p in a.iterdir()}, "b": {p.name for p in b.iterdir()}}

    def complete_state() -> str:
        """Which folder's complete state the database shows (fails on anything else)."""
        articles, chunks, manifest = table_counts(pg_url)
        now = next(k for k, files in names.items() if set(manifest["files"]) == files)
        assert (articles, chunks) == expected[now] == (manifest["counts"]["articles"],
                                                      manifest["counts"]["chunks"])
        return now

    outcomes, kills = [], 10
    for i in range(kills):
        target = a if complete_state() == "b" else b
        proc = subprocess.Popen(index_cmd(target, pg_url), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(duration * (i + 1) / (kills + 1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes.append(proc.returncode)
        complete_state()
    assert outcomes.count(-signal.SIGKILL) >= kills * 3 // 4, outcomes  # really killed mid-run
    run(b, pg_url)
    assert table_counts(pg_url)[:2] == expected["b"]
    run(a, pg_url)
    assert table_counts(pg_url)[:2] == expected["a"]


LIGHTHOUSE = ("Title: Lighthouse keepers of Vardø strike over pay\nSource: Harbor Ledger\n"
              "Published: 2024-09-02\n\nThe lighthouse keepers of Vardø walked out on Monday "
              "after talks on pay broke down. The keepers said the strike would last a week.")


def test_two_servers_on_one_database_pick_up_each_others_index(pg_url, tmp_path):
    """An article indexed through one `newsdesk serve` is found by another one sharing the
    database, within 10 s, with no restart."""
    from gradio_client import Client
    from servers import newsdesk_server

    folder = tmp_path / "docs"
    shutil.copytree(SAMPLE_FOLDER, folder)
    args = ("--store", pg_url, "--folder", str(folder), "--threads", "1")
    with newsdesk_server(tmp_path / "a.log", *args) as (url_a, _), \
            newsdesk_server(tmp_path / "b.log", *args) as (url_b, _):
        (folder / "99-lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
        log, _status = Client(url_a, verbose=False).predict(str(folder), api_name="/do_rebuild")
        assert "Indexed 15 articles" in log, log
        indexed = time.monotonic()
        client_b = Client(url_b, verbose=False)
        while True:
            asked = time.monotonic()
            _chat, sources, *_ = client_b.predict("Why did the lighthouse keepers of Vardø "
                                                  "strike?", [], 3, [], api_name="/ask")
            if "Vardø" in sources:
                break
            assert asked - indexed < 10, "the second server did not pick up the new article"
            time.sleep(1)
        assert asked - indexed <= 10


def test_pg_local_starts_a_server_that_takes_an_index_and_stops_it(capsys):
    pytest.importorskip("pgserver", reason="pgserver is not installed: pip install -e .[test]")
    from newsdesk.app import cli

    folder = pg_folder()
    data_dir = folder / "pg"
    assert cli.main(["pg-local", "--data-dir", str(data_dir)]) == 0
    url = capsys.readouterr().out.split("--store '", 1)[1].split("'", 1)[0]
    try:
        build_index(SAMPLE_FOLDER, url, FakeEmbedder())
        assert table_counts(url)[0] == len(list(SAMPLE_FOLDER.iterdir()))
    finally:
        assert cli.main(["pg-local", "--stop", "--data-dir", str(data_dir)]) == 0
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=3)
    shutil.rmtree(folder, ignore_errors=True)
