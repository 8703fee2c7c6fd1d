"""The command line with fakes: every command through `main`, with the runtime built on the
fake embedder and model (the seam is `main(argv, runtime_factory=...)`)."""

import json

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.app import cli
from newsdesk.app.runtime import Runtime


@pytest.fixture
def fake_runtime():
    embedder = FakeEmbedder()
    generator = FakeGenerator("Seoul sent medicine and mine detectors [1].")

    def factory(settings, load_generator):
        return Runtime(settings, embedder=embedder, generator=generator,
                       load_generator=load_generator)

    factory.generator = generator
    return factory


def run(argv, factory, capsys):
    code = cli.main(argv, runtime_factory=factory)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def indexed(tmp_path, fake_runtime, capsys):
    index = tmp_path / "idx"
    code, out, _ = run(["index", str(SAMPLE_FOLDER), "--index", str(index)], fake_runtime, capsys)
    assert code == 0 and "articles" in out
    return index


def test_index_reports_counts_and_skips_bad_files(tmp_path, fake_runtime, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Title: Good\n\nSeoul sent medicine to Ukraine.")
    (folder / "bad.json").write_text("{not json")
    code, out, _ = run(["index", str(folder), "--index", str(tmp_path / "i"), "--json"],
                       fake_runtime, capsys)
    summary = json.loads(out)
    assert code == 0 and summary["articles"] == 1 and len(summary["skipped"]) == 1


def test_ask_json_carries_answer_sources_and_outlets(indexed, fake_runtime, capsys):
    code, out, _ = run(["ask", "What did Seoul provide to Ukraine?", "--index", str(indexed),
                        "--json"], fake_runtime, capsys)
    answer = json.loads(out)
    assert code == 0 and answer["answer"] and answer["sources"]
    assert {"n", "cited", "title", "outlet", "published", "path", "highlights"} <= set(answer["sources"][0])


def test_ask_prints_the_answer_and_its_sources(indexed, fake_runtime, capsys):
    code, out, _ = run(["ask", "What did Seoul provide to Ukraine?", "--index", str(indexed)],
                       fake_runtime, capsys)
    assert code == 0 and "Answer:" in out and "Sources" in out and "[1]" in out


def test_the_stream_labels_the_models_words_a_draft_and_not_the_quoted_evidence(capsys):
    """Checking may move a citation ("[3]" written, "[2]" checked): what the model writes
    streams as a draft after the quoted evidence, and the checked answer is printed after."""
    from newsdesk.answer.assistant import Answered
    from newsdesk.answer.result import AnswerResult, Token

    class Streaming:
        def answer(self, question, history, filters=None):
            yield Token("- Ledger: “Seoul sent mine detectors.” [2]\n", evidence=True)
            yield Token("Seoul sent medicine [3].")
            yield Answered(AnswerResult(question=question, query=question,
                                        answer="Seoul sent medicine [2]."))

    result = cli._answer_one(Streaming(), "What did Seoul send?", [], None, True)
    out = capsys.readouterr().out
    assert result.answer == "Seoul sent medicine [2]."
    assert out == ("- Ledger: “Seoul sent mine detectors.” [2]\n\n"
                   + cli.DRAFT_LABEL + "Seoul sent medicine [3].")


def test_ask_with_history_and_batch(indexed, fake_runtime, capsys, tmp_path):
    history = tmp_path / "turns.json"
    history.write_text(json.dumps([{"role": "user", "content": "What did Seoul send to Ukraine?"},
                                   {"role": "assistant", "content": "Mine detectors [1]."}]))
    code, out, _ = run(["ask", "Did it send weapons?", "--index", str(indexed), "--history",
                        str(history), "--json"], fake_runtime, capsys)
    assert code == 0 and "Seoul" in json.loads(out)["query"]
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "question": "What did Seoul provide to Ukraine?"}\n'
                     '{"id": "b", "question": "How did Putin react?"}\n')
    code, out, _ = run(["ask", "--batch", str(batch), "--index", str(indexed)], fake_runtime, capsys)
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["a", "b"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not valid JSON"),
    ('{"role": "user"}', "must be a JSON list"),
])
def test_bad_history_is_a_clear_error(indexed, fake_runtime, capsys, tmp_path, content, message):
    history = tmp_path / "turns.json"
    history.write_text(content)
    code, _, err = run(["ask", "Why?", "--index", str(indexed), "--history", str(history)],
                       fake_runtime, capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_missing_model_is_a_clear_error(indexed, capsys, tmp_path):
    code = cli.main(["ask", "What did Seoul provide?", "--index", str(indexed), "--model",
                     str(tmp_path / "nope.gguf")],
                    runtime_factory=lambda s, load_generator: Runtime(s, embedder=FakeEmbedder()))
    err = capsys.readouterr().err
    assert code == 2 and "No model file" in err and "--model" in err


def test_search_filters_by_outlet_and_date(indexed, fake_runtime, capsys):
    code, out, _ = run(["search", "Ukraine", "--index", str(indexed), "--json", "--outlet",
                        "Harbor Ledger", "--since", "2024-01-01"], fake_runtime, capsys)
    results = json.loads(out)
    assert code == 0 and results
    assert all(r["outlet"] == "Harbor Ledger" and r["published"] >= "2024-01-01" for r in results)


def test_flags_and_environment_reach_the_settings(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TOP_K", "7")
    monkeypatch.setenv("NEWSDESK_EXCERPT_SENTENCES", "3")
    args = cli.build_parser().parse_args(["ask", "q", "--profile", "multihop", "-k", "5"])
    settings = cli._settings(args)
    assert settings.answer.top_k == 5  # the flag beats the variable
    assert settings.answer.excerpt_sentences == 3
    assert settings.answer.report_order and not settings.answer.evidence_verdicts


def test_a_bad_environment_value_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("NEWSDESK_TOP_K", "many")
    assert cli.main(["search", "x"]) == 2
    assert "NEWSDESK_TOP_K='many'" in capsys.readouterr().err
