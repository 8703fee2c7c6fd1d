"""The store interface: the factory, the FAISS folder behind it, the PostgreSQL address
handling and its messages (no database needed here; tests/test_postgres_store.py has them)."""

import numpy as np
import pytest

from fakes import FakeEmbedder
from newsdesk.errors import BadInputError, IndexMissingError
from newsdesk.index.backend import open_store
from newsdesk.index.store import FolderStore
from newsdesk.ingest.sync import build_index
from newsdesk.search.retriever import Retriever


def test_a_folder_store_publishes_whole_states_and_bumps_its_generation(tmp_path):
    from corpus_gen import write_articles

    store = open_store(tmp_path / "idx")
    assert isinstance(store, FolderStore) and store.generation() is None and not store.exists()
    folder = tmp_path / "docs"
    write_articles(folder, 3, seed=1)
    build_index(folder, store, FakeEmbedder())
    first = store.generation()
    write_articles(folder, 4, seed=2)
    build_index(folder, store, FakeEmbedder())
    assert store.exists() and store.generation() not in (None, first)
    data = store.load()
    assert data.vectors.size == len(data.chunks) == store.read_manifest()["counts"]["chunks"]
    assert np.allclose(np.linalg.norm(data.vectors.reconstruct_all(), axis=1), 1.0, atol=1e-5)


def test_a_postgres_address_is_shown_without_its_password_and_checked():
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    store = open_store("postgresql://reporter:s3cret@db.example:5432/news?sslmode=require")
    assert type(store).__name__ == "PostgresStore" and store.keyword_mode == "bm25"
    assert "s3cret" not in store.location and "reporter@db.example:5432/news" in store.location
    assert open_store("postgresql://u@h/db?keyword=fts").keyword_mode == "fts"
    with pytest.raises(BadInputError, match="bm25 or fts"):
        open_store("postgresql://u@h/db?keyword=';drop table x")


def test_an_unreachable_database_is_a_clear_message_not_a_traceback(tmp_path, capsys):
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    from newsdesk.app import cli

    url = f"postgresql://nobody@/news?host={tmp_path}&connect_timeout=2"
    with pytest.raises(IndexMissingError, match="Cannot connect to PostgreSQL"):
        Retriever.load(url, FakeEmbedder())
    assert cli.main(["search", "anything", "--store", url]) == 2
    err = capsys.readouterr().err
    assert "Cannot connect to PostgreSQL" in err and "Traceback" not in err
