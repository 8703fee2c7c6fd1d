"""The real embedder, real FAISS, the real default LLM through llama-cpp-python."""

import json
import subprocess
import sys

import pytest

from conftest import SAMPLE_FOLDER, SEED_FOLDER
from newsdesk.answer.assistant import Answered, Assistant
from newsdesk.ingest.sync import build_index
from newsdesk.search.retriever import Retriever

pytestmark = pytest.mark.slow
SUPPLIES = ["first-aid kit", "medicine", "mine detector", "protective gear"]


def final(assistant, question, history=()):
    return [e for e in assistant.answer(question, history) if isinstance(e, Answered)][0].result


def assert_seoul_answer(result):
    answer = result.answer.lower()
    named = [s for s in SUPPLIES if s in answer]
    assert len(named) >= 2, result.answer
    cited = [s for s in result.sources if s.cited]
    assert cited, result.to_dict()
    assert any(sum(s in c.passage.text.lower() for s in SUPPLIES) >= 2 for c in cited)
    assert any(h.text and "mine detectors" in h.text for c in cited for h in c.highlights)
    assert not result.abstained


def test_seoul_question_on_the_sample_folder(real_assistant):
    result = final(real_assistant, "What did Seoul provide to Ukraine?")
    assert_seoul_answer(result)
    assert result.sources[0].passage.outlet  # outlet metadata travels with the passage
    assert result.timings["first_token"] < result.timings["total"]


def test_the_seoul_question_asked_with_another_verb_is_answered(real_assistant):
    """"send" is said by the article's "has provided": the same answer, not an abstention."""
    assert_seoul_answer(final(real_assistant, "What did Seoul send to Ukraine?"))


@pytest.mark.skipif(not SEED_FOLDER.is_dir(), reason="../shared/seed is not present")
def test_seoul_question_on_the_seed_article(tmp_path, real_embedder, real_generator):
    build_index(SEED_FOLDER, tmp_path / "idx", real_embedder)
    assistant = Assistant(Retriever.load(tmp_path / "idx", real_embedder), real_generator)
    assert_seoul_answer(final(assistant, "What did Seoul provide to Ukraine?"))


def test_unanswerable_question_abstains(real_assistant):
    result = final(real_assistant, "Who won the 2022 football World Cup final?")
    assert result.abstained
    assert result.sources and not any(s.cited for s in result.sources)


def test_first_token_scores_and_a_prefixed_answer_from_the_real_model(real_generator):
    ask = lambda q: [{"role": "user", "content": q + " Answer with Yes or No."}]  # noqa: E731

    def margin(question):
        scores = real_generator.first_token_scores(ask(question), ["Yes", "No"])
        return scores["Yes"] - scores["No"]

    # The 0.5B model's plain Yes/No preference sits near 0 even for true statements (Paris is
    # the capital of France: -0.008 on a fresh context, +0.013 after another prompt), so the
    # sign is not what the assistant uses; what it uses is the order, true above false.
    for city, capital_of, not_capital_of in [("Paris", "France", "Sweden"),
                                             ("Berlin", "Germany", "Spain"),
                                             ("Tokyo", "Japan", "Brazil")]:
        assert (margin(f"Is {city} the capital of {capital_of}?")
                > margin(f"Is {city} the capital of {not_capital_of}?")), city
    pieces = list(real_generator.stream(ask("Is Paris the capital of France?"), max_tokens=24,
                                        prefix="Yes"))
    assert pieces[0] == "Yes" and "".join(pieces[1:]).strip()  # the model goes on after it


@pytest.mark.parametrize("question, verdict, quoted", [
    ("Did Seoul send mine detectors to Ukraine?", "Yes", ["mine detectors"]),  # stated
    # contradicted: the sample says so twice ("non-lethal"; a policy forbidding weapon sales)
    ("Did Seoul send lethal weapons to Ukraine?", "No", ["non-lethal", "forbids selling weapons"]),
    ("Has Japan sent weapons to Ukraine?", "No", ["no weapons"]),
])
def test_a_yes_no_verdict_is_what_the_quoted_sentence_says(real_assistant, question, verdict, quoted):
    result = final(real_assistant, question)
    assert result.answer.split()[0].strip(".,") == verdict, result.answer
    head = result.sentences[0]
    assert head.supported and head.citations, result.to_dict()
    cited = [result.sources[n - 1] for n in head.citations]
    assert any(q in h.text for s in cited for h in s.highlights for q in quoted)
    quotes = [s for s in result.sentences if s.evidence]
    assert quotes and any(q in quotes[0].text for q in quoted)
    assert result.verdict == verdict.lower()


def test_a_claim_no_sentence_decides_is_not_answered(real_assistant):
    result = final(real_assistant, "Did Seoul send fighter jets to Ukraine?")
    assert result.answer.startswith("The articles don't say"), result.answer
    assert result.verdict == "not stated"


def test_a_multi_part_claim_nothing_decides_gets_the_model_s_lean_marked_uncertain(real_assistant):
    result = final(real_assistant, "Did the Harbor Ledger report that Seoul sent fighter jets, "
                                   "while the Pacific Monitor said Tokyo built a bridge in Kyiv?")
    assert result.answer.startswith(("Probably yes", "Probably no")), result.answer
    assert result.verdict == "unsure" and result.yes_no_margin is not None


@pytest.mark.parametrize("question, quoted", [
    ("Why did Seoul send lethal weapons to Ukraine?",
     ("forbids selling weapons", "non-lethal", "refusal")),
    # the premise says "send", the article "has also sent ..., but no weapons"
    ("Why did Japan send weapons to Ukraine?", ("but no weapons",)),
])
def test_a_false_premise_is_corrected_from_the_articles(real_assistant, question, quoted):
    result = final(real_assistant, question)
    assert result.answer.startswith("That is not what the articles say"), result.answer
    assert any(q in result.answer for q in quoted)
    assert result.sources[result.sentences[0].citations[0] - 1].cited


def test_a_story_is_told_from_several_articles_in_date_order(real_assistant):
    result = final(real_assistant, "What happened with South Korea and the war in Ukraine?")
    cited = [s.passage for s in result.sources if s.cited]
    assert len({p.path for p in cited}) >= 2, result.answer
    assert [p.published for p in cited] == sorted(p.published for p in cited)
    assert result.strategy == "story summary"


@pytest.mark.parametrize("relation, verdict", [("before", "No"), ("after", "Yes")])
def test_an_order_question_is_answered_from_the_dates_of_the_right_articles(
        sample_index, real_embedder, real_generator, relation, verdict):
    from newsdesk.settings import PROFILES, AnswerConfig

    assistant = Assistant(Retriever.load(sample_index, real_embedder), real_generator,
                          AnswerConfig(**PROFILES["multihop"].answer))
    result = final(assistant, f"Did the Pacific Monitor report on Tokyo pledging power "
                   f"generators for Ukraine {relation} the Eastern Wire reported on shipping "
                   f"containers pointing to North Korean shells for Russia?")
    first, second = result.sources[:2]
    assert "japan-aid" in first.passage.path and "north-korea" in second.passage.path
    assert result.answer.startswith(f"{verdict} [1][2]. Pacific Monitor reported on 2024-05-14; "
                                    f"Eastern Wire on 2024-02-27"), result.answer


def test_a_follow_up_finds_its_article_only_after_rewriting(real_assistant):
    follow_up = "What was in them?"
    alone = real_assistant.search(follow_up, 1)[0]
    assert "north-korea" not in alone.path  # on its own the question is about nothing
    history = [{"role": "user", "content": "How many containers did North Korea ship to Russia?"},
               {"role": "assistant", "content": "About 10,000 containers [1]."}]
    result = final(real_assistant, follow_up, history)
    assert result.query.startswith("How many containers did North Korea ship")
    assert "north-korea" in result.sources[0].passage.path


def test_long_and_odd_questions_do_not_crash(real_assistant):
    result = final(real_assistant, "Seoul Ukraine supplies " * 1500 + "\x00\x1b[31m")
    assert result.answer and result.notices
    result = final(real_assistant, "서울은 우크라이나에 무엇을 제공했습니까?")
    assert result.answer


def cli(*args, timeout=600):
    proc = subprocess.run([sys.executable, "-m", "newsdesk", *args], capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_cli_index_search_and_ask_contracts(tmp_path):
    idx = str(tmp_path / "idx")
    out = cli("index", str(SAMPLE_FOLDER), "--index", idx)
    assert "14 articles" in out and "Index built" in out
    assert "up to date" in cli("index", str(SAMPLE_FOLDER), "--index", idx)

    results = json.loads(cli("search", "Seoul mine detectors", "-k", "3", "--index", idx, "--json"))
    assert len(results) == 3
    assert set(results[0]) >= {"path", "text", "score", "start", "end"}
    assert results[0]["path"].startswith("01-seoul")

    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "question": "Seoul mine detectors"}\n'
                     '{"id": "b", "question": "Patriot air defence Germany"}\n')
    lines = [json.loads(x) for x in cli("search", "--batch", str(batch), "--index", idx).splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert lines[1]["results"][0]["path"].startswith("05-germany")

    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": "What did Seoul provide to Ukraine?"},
                                   {"role": "assistant", "content": "Medicine and mine detectors [1]."}]))
    answer = json.loads(cli("ask", "What did Seoul provide to Ukraine?", "--index", idx, "--json"))
    assert set(answer) >= {"question", "query", "answer", "abstained", "sources", "timings"}
    assert set(answer["sources"][0]) >= {"n", "cited", "title", "outlet", "published", "url",
                                         "path", "text", "start", "end"}
    assert any(s["cited"] for s in answer["sources"])
    assert set(answer["timings"]) >= {"retrieval", "first_token", "total"}
    follow = json.loads(cli("ask", "Did it send weapons too?", "--index", idx, "--json",
                            "--history", str(history)))
    assert "Seoul" in follow["query"]

    proc = subprocess.run([sys.executable, "-m", "newsdesk", "ask", "", "--index", idx],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2 and "question" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "newsdesk", "search", "x", "--index",
                           str(tmp_path / "none")], capture_output=True, text=True)
    assert proc.returncode == 2 and "newsdesk index" in proc.stderr


def test_index_a_folder_with_broken_files(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Title: Good\n\nA fine article about ports and ships.")
    (folder / "bad.json").write_text("{nope")
    (folder / "binary.txt").write_bytes(b"\x00\xff" * 100)
    out = cli("index", str(folder), "--index", str(tmp_path / "idx"))
    assert "1 articles" in out and "bad.json: invalid JSON" in out and "binary.txt: binary" in out
