"""Collections with fakes: each its own index folder, listed, selected with --collection,
and "all" fusing every collection's ranking."""

import json

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.app import cli
from newsdesk.app.runtime import Runtime

LIGHTHOUSE = ("Title: Port Emer lighthouse restored\nSource: Coastal Post\nPublished: 2024-07-01"
              "\n\nThe lighthouse at Port Emer reopened on Monday after a restoration that cost "
              "3 million dollars and took two years. Seoul sent no lighthouse keepers.")


@pytest.fixture
def factory():
    embedder = FakeEmbedder()
    generator = FakeGenerator("The lighthouse restoration cost 3 million dollars [1].")

    def make(settings, load_generator):
        return Runtime(settings, embedder=embedder, generator=generator,
                       load_generator=load_generator)

    return make


@pytest.fixture
def root(tmp_path, factory, capsys):
    coast = tmp_path / "coast"
    coast.mkdir()
    (coast / "lighthouse.txt").write_text(LIGHTHOUSE)
    idx = tmp_path / "idx"
    assert cli.main(["index", str(SAMPLE_FOLDER), "--index", str(idx)], factory) == 0
    assert cli.main(["index", str(coast), "--index", str(idx), "--collection", "coast"],
                    factory) == 0
    capsys.readouterr()
    return idx


def run(factory, capsys, *argv):
    code = cli.main(list(argv), runtime_factory=factory)
    out = capsys.readouterr()
    return code, out.out, out.err


def search(factory, capsys, root, query, *extra):
    code, out, err = run(factory, capsys, "search", query, "--index", str(root), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_each_collection_has_its_own_index_and_is_listed(root, factory, capsys):
    assert (root / "collections" / "coast" / "current").exists()
    assert (root / "current").exists()  # the default collection keeps the old layout
    code, out, _ = run(factory, capsys, "collections", "--index", str(root), "--json")
    listed = {c["name"]: c for c in json.loads(out)}
    assert code == 0 and set(listed) == {"default", "coast"}
    assert listed["coast"]["articles"] == 1 and listed["default"]["articles"] > 1


def test_search_picks_one_collection_or_fuses_all(root, factory, capsys, monkeypatch):
    coast = search(factory, capsys, root, "lighthouse Seoul", "--collection", "coast")
    assert {r["title"] for r in coast} == {"Port Emer lighthouse restored"}
    default = search(factory, capsys, root, "lighthouse Seoul")
    assert "Port Emer lighthouse restored" not in {r["title"] for r in default}
    fused = search(factory, capsys, root, "lighthouse Seoul", "--collection", "all", "-k", "6")
    paths = [r["path"] for r in fused]
    assert any(p.startswith("coast/") for p in paths) and any(p.startswith("default/")
                                                              for p in paths)
    assert [r["score"] for r in fused] == sorted((r["score"] for r in fused), reverse=True)
    monkeypatch.setenv("NEWSDESK_COLLECTION", "coast")
    assert search(factory, capsys, root, "Seoul")[0]["title"] == "Port Emer lighthouse restored"


def test_ask_all_collections_cites_across_them(root, factory, capsys):
    code, out, err = run(factory, capsys, "ask", "How much did the Port Emer lighthouse "
                         "restoration cost?", "--index", str(root), "--collection", "all",
                         "--json", "--min-relevance", "0.05")
    answer = json.loads(out)
    assert code == 0, err
    assert any(s["path"].startswith("coast/") and s["cited"] for s in answer["sources"])


def test_bad_collection_names_and_missing_collections_are_refused(root, factory, capsys):
    for name in ("../escape", "all", "a/b", ""):
        code, _, err = run(factory, capsys, "index", str(SAMPLE_FOLDER), "--index", str(root),
                           "--collection", name)
        assert code == 2 and "cannot name a collection" in err, (name, err)
    code, _, err = run(factory, capsys, "search", "x", "--index", str(root), "--collection",
                       "nowhere")
    assert code == 2 and "newsdesk index" in err
    assert not (root / "escape").exists()


def test_fused_passages_keep_unique_ids_and_their_article_text(root, factory):
    from newsdesk.app.collections import Collections
    from newsdesk.settings import load_settings

    collections = Collections(factory(load_settings(index_dir=root), True))
    retriever = collections.all_assistant().retriever
    passages = retriever.search("lighthouse Seoul Ukraine", 8)
    assert len({p.chunk_id for p in passages}) == len(passages)
    for p in passages:
        assert p.text in retriever.article_text(p.article_row)


def test_a_search_within_one_article_reads_it_in_its_own_collection(root, factory):
    from newsdesk.app.collections import Collections
    from newsdesk.search.filters import SearchFilters
    from newsdesk.settings import load_settings

    collections = Collections(factory(load_settings(index_dir=root), True))
    retriever = collections.all_assistant().retriever
    lighthouse = next(p for p in retriever.search("lighthouse Port Emer", 8)
                      if "lighthouse" in p.text)
    within = retriever.search("lighthouse Seoul Ukraine", 8,
                              SearchFilters().in_article(lighthouse.path))
    assert within and {p.path for p in within} == {lighthouse.path}


def test_the_chat_answers_from_the_chosen_collection(root, factory):
    pytest.importorskip("gradio")
    from newsdesk.app.collections import Collections
    from newsdesk.app.web import build_app, respond_events
    from newsdesk.settings import load_settings

    runtime = factory(load_settings(index_dir=root, min_relevance=0.05), True)
    collections = Collections(runtime)
    question = "How much did the Port Emer lighthouse restoration cost?"
    shown = {}
    for name in ("default", "coast", "all"):
        chat, sources, *_ = list(respond_events(collections.for_answers(name), question, [], 4))[-1]
        shown[name] = sources
    assert "Port Emer" not in shown["default"]
    assert "Port Emer lighthouse restored" in shown["coast"]
    assert "Port Emer lighthouse restored" in shown["all"] and "default/" in shown["all"]
    build_app(runtime)
