"""`newsdesk timeline` and `--as-of` through the command line, on the fake embedder and model."""

import json

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.app import cli
from newsdesk.app.runtime import Runtime


@pytest.fixture
def factory():
    embedder, generator = FakeEmbedder(), FakeGenerator("unused")
    return lambda settings, load_generator: Runtime(settings, embedder=embedder,
                                                    generator=generator,
                                                    load_generator=load_generator)


@pytest.fixture
def index(tmp_path, factory, capsys):
    assert cli.main(["index", str(SAMPLE_FOLDER), "--index", str(tmp_path / "idx")],
                    runtime_factory=factory) == 0
    capsys.readouterr()
    return str(tmp_path / "idx")


def run(argv, factory, capsys):
    code = cli.main(argv, runtime_factory=factory)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_timeline_json_lists_the_story_in_date_order(index, factory, capsys):
    code, out, _ = run(["timeline", "Seoul Ukraine weapons", "--index", index, "--json"],
                       factory, capsys)
    entries = json.loads(out)["entries"]
    assert code == 0 and len(entries) >= 2
    dates = [e["published"] for e in entries]
    assert dates == sorted(dates)
    assert all(e["sentence"] and e["outlet"] and e["path"] for e in entries)


def test_timeline_text_and_an_empty_topic(index, factory, capsys):
    code, out, _ = run(["timeline", "Seoul Ukraine weapons", "--index", index,
                        "--until", "2024-06-21"], factory, capsys)
    assert code == 0 and out.startswith(" 1. 20") and "2024-06-22" not in out
    code, _, err = run(["timeline", "  ", "--index", index], factory, capsys)
    assert code == 2 and "Name a story" in err


def test_as_of_cuts_off_search_and_a_bad_date_is_refused(index, factory, capsys, monkeypatch):
    code, out, _ = run(["search", "Seoul Ukraine", "--index", index, "--json",
                        "--as-of", "2024-06-01"], factory, capsys)
    results = json.loads(out)
    assert code == 0 and results and all(r["published"] <= "2024-06-01" for r in results)
    with pytest.raises(SystemExit):
        cli.main(["search", "x", "--as-of", "1 June"])
    monkeypatch.setenv("NEWSDESK_AS_OF", "soon")
    assert cli.main(["search", "x", "--index", index], runtime_factory=factory) == 2
    assert "NEWSDESK_AS_OF='soon'" in capsys.readouterr().err


def test_ask_as_of_names_the_date_of_what_it_cites(index, factory, capsys):
    code, out, _ = run(["ask", "What is the latest on Seoul and weapons for Ukraine?",
                        "--index", index, "--json", "--as-of", "2024-06-21",
                        "--min-relevance", "0.05"], factory, capsys)
    answer = json.loads(out)
    assert code == 0 and answer["strategy"] == "recent first"
    cited = [s for s in answer["sources"] if s["cited"]]
    assert cited and all(s["published"] <= "2024-06-21" for s in answer["sources"])
    assert answer["answer"].startswith("As of " + cited[0]["published"][8:].lstrip("0"))
