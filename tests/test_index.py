import json
import shutil

import numpy as np
import pytest

from fakes import FakeEmbedder
from newsdesk.index import store
from newsdesk.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from newsdesk.ingest.sync import build_index, embed_by_length
from newsdesk.search.retriever import Retriever

ART = "Title: {t}\nSource: {s}\nPublished: {d}\n\n{b}"


def make_corpus(folder):
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(ART.format(t="Seoul aid", s="Ledger", d="2024-06-21",
                                             b="Seoul gave Ukraine medicine and mine detectors."))
    (folder / "b.txt").write_text(ART.format(t="Chip exports", s="Monitor", d="2024-06-01",
                                             b="Chip exports rose strongly in May."))
    (folder / "c.md").write_text("# Typhoons\n\nForecasters expect many typhoons this year.")
    (folder / "broken.json").write_text("{oops")
    (folder / "empty.txt").write_text("")


@pytest.fixture
def corpus(tmp_path):
    make_corpus(tmp_path / "docs")
    return tmp_path / "docs"


def test_build_load_and_skip_reasons(tmp_path, corpus):
    embedder = FakeEmbedder()
    summary = build_index(corpus, tmp_path / "idx", embedder)
    assert (summary.articles, summary.files) == (3, 3)
    assert sorted(s.path for s in summary.skipped) == ["broken.json", "empty.txt"]
    assert all(s.reason for s in summary.skipped)
    data = store.load(tmp_path / "idx")
    assert data.vectors.size == len(data.chunks) == summary.chunks
    assert data.manifest["counts"]["articles"] == 3
    assert set(data.manifest["files"]) == {"a.txt", "b.txt", "c.md"}


def test_incremental_add_modify_delete_rename_duplicate(tmp_path, corpus):
    embedder = FakeEmbedder()
    idx = tmp_path / "idx"
    first = build_index(corpus, idx, embedder)
    assert first.embedded_chunks == 3

    again = build_index(corpus, idx, embedder)
    assert again.up_to_date and again.embedded_chunks == 0

    (corpus / "b.txt").rename(corpus / "b-renamed.txt")  # rename: no re-embedding
    shutil.copy(corpus / "a.txt", corpus / "a-copy.txt")  # duplicate: indexed once
    (corpus / "c.md").write_text("# Typhoons\n\nForecasters now expect fewer typhoons.")  # modify
    (corpus / "d.txt").write_text("A new article about drones near Kyiv.")  # add
    summary = build_index(corpus, idx, embedder)
    assert summary.embedded_chunks == 2  # c.md and d.txt only
    assert summary.duplicates == 1 and summary.articles == 4
    data = store.load(idx)
    assert data.vectors.size == len(data.chunks) == 4
    a_row = next(a for a in data.articles if a["title"] == "Seoul aid")
    assert sorted(a_row["paths"]) == ["a-copy.txt", "a.txt"]
    assert any(a["path"] == "b-renamed.txt" for a in data.articles)

    (corpus / "d.txt").unlink()  # delete
    summary = build_index(corpus, idx, embedder)
    assert summary.removed_files == 1 and summary.embedded_chunks == 0
    data = store.load(idx)
    assert len(data.chunks) == data.vectors.size == 3
    assert Retriever.load(idx, embedder).keyword.size == 3  # keyword rows follow


def test_only_one_build_remains_and_old_builds_are_cleaned(tmp_path, corpus):
    idx = tmp_path / "idx"
    build_index(corpus, idx, FakeEmbedder())
    (idx / "build-leftover.tmp").mkdir()
    (corpus / "new.txt").write_text("Fresh text about markets.")
    build_index(corpus, idx, FakeEmbedder())
    builds = [p.name for p in idx.glob("build-*")]
    assert len(builds) == 1 and (idx / "current").resolve().name == builds[0]


def test_missing_mismatched_and_corrupt_index(tmp_path, corpus):
    idx = tmp_path / "idx"
    with pytest.raises(IndexMissingError, match="newsdesk index"):
        store.load(idx)
    build_index(corpus, idx, FakeEmbedder())

    class Other(FakeEmbedder):
        name = "other-embedder"

    with pytest.raises(IndexMismatchError, match="Rebuild"):
        Retriever.load(idx, Other())
    vectors = store.current_build(idx) / store.VECTORS
    vectors.write_bytes(vectors.read_bytes()[:-10])
    with pytest.raises(IndexCorruptError, match="checksum"):
        store.load(idx)
    # a rebuild over a corrupt index recovers
    build_index(corpus, idx, FakeEmbedder())
    assert store.load(idx).vectors.size == 3


def test_failed_run_leaves_old_index_intact(tmp_path, corpus, monkeypatch):
    idx = tmp_path / "idx"
    build_index(corpus, idx, FakeEmbedder())
    before = json.loads((store.current_build(idx) / store.MANIFEST).read_text())

    class Exploding(FakeEmbedder):
        def encode(self, texts, batch_size=64):
            raise RuntimeError("boom")

    (corpus / "new.txt").write_text("Something new.")
    with pytest.raises(RuntimeError):
        build_index(corpus, idx, Exploding())
    after = store.load(idx)
    assert after.manifest["files"] == before["files"]


def test_runtime_refuses_an_index_built_with_other_chunking(tmp_path, corpus):
    from newsdesk.settings import Settings
    from newsdesk.app.runtime import Runtime

    settings = Settings(index_dir=tmp_path / "idx", chunk_tokens=120)
    runtime = Runtime(settings, embedder=FakeEmbedder(), load_generator=False)
    runtime.index(corpus)
    assert runtime.reload().retriever.data.vectors.size == 3
    other = Runtime(settings.replace(chunk_tokens=60), embedder=FakeEmbedder(), load_generator=False)
    with pytest.raises(IndexMismatchError, match="chunking"):
        other.reload()
    other.index(corpus)  # the indexer sees the change and rebuilds everything
    assert other.reload().retriever.data.manifest["chunking"]["max_tokens"] == 60


def test_embedding_by_length_returns_vectors_in_the_texts_order():
    texts = [("word " * n).strip() + f" tag{n}" for n in (30, 2, 300, 7, 7, 120)] * 60
    steps = []
    vectors = embed_by_length(FakeEmbedder(), texts, lambda *a: steps.append(a))
    expected = FakeEmbedder().encode(texts)
    assert vectors.shape == expected.shape
    assert np.allclose(vectors, expected)
    assert steps[-1] == ("embedding", len(texts), len(texts)) and len(steps) == 2
