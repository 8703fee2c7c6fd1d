import threading

import pytest

from fakes import FakeEmbedder, FakeGenerator, ScoringFakeGenerator, indexed_retriever
from newsdesk.answer.assistant import Answered, Assistant, Retrieved, Token
from newsdesk.question.follow_up import rewrite_follow_up
from newsdesk.errors import BadInputError
from newsdesk.settings import PROFILES, AnswerConfig

# These tests pin the model-answer path and the MultiHop-RAG rules (yes/no from the model's
# scores, before/after from dates); test_strategies.py covers the everyday strategies.
MULTIHOP = PROFILES["multihop"].answer


@pytest.fixture
def retriever(tmp_path):
    return indexed_retriever(tmp_path, {
        "seoul.txt": "Title: Seoul aid\nSource: Ledger\nPublished: 2024-06-21\n\n"
                     "Seoul has sent Ukraine first-aid kits, medicine and mine detectors. It sent no weapons.",
        "chips.txt": "Title: Chip exports\nSource: Monitor\nPublished: 2024-06-01\n\n"
                     "Chip exports rose 54 percent in May."})


def run(assistant, question, history=(), cancel=None):
    events = list(assistant.answer(question, history, cancel=cancel))
    return events, events[-1].result


def test_events_come_in_order_and_citations_are_verified(retriever):
    llm = FakeGenerator("Seoul sent Ukraine first-aid kits and medicine [1]. It also sent tanks [1]. [9]")
    events, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1, top_k=2)), "What did Seoul send to Ukraine?")
    assert isinstance(events[0], Retrieved) and isinstance(events[-1], Answered)
    assert any(isinstance(e, Token) for e in events)
    assert result.dropped_citations == [9]
    first, second = result.sentences
    assert first.supported and first.citations == [1]
    assert not second.supported  # "tanks" is nowhere in the passage
    seoul = result.sources[0]
    assert seoul.cited and seoul.passage.path == "seoul.txt"
    assert seoul.highlights[0].text.startswith("Seoul has sent Ukraine first-aid kits")
    assert not result.abstained
    # the prompt numbers the passages and carries the question
    prompt = llm.prompts[0][-1]["content"]
    assert "[1]" in prompt and "What did Seoul send to Ukraine?" in prompt


def test_model_saying_it_does_not_know_is_an_abstention(retriever):
    llm = FakeGenerator("I don't know: the passages do not say.")
    _, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1)), "What did Seoul send to Ukraine?")
    assert result.abstained and result.answer == "The articles do not say."
    assert result.sources  # still shown, as related passages


def test_unrelated_question_abstains_without_calling_the_model(retriever):
    llm = FakeGenerator("Anything")
    _, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1)), "zebra quantum violin")
    assert result.abstained and llm.prompts == []


def test_unsupported_answer_is_replaced_or_abstains(retriever):
    llm = FakeGenerator("The moon is made of cheese [1].")
    _, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1)), "What did Seoul send to Ukraine?")
    assert result.abstained or result.extractive
    assert "cheese" not in result.answer


def test_empty_and_huge_questions(retriever):
    assistant = Assistant(retriever, FakeGenerator("Seoul sent medicine [1]."), AnswerConfig(**MULTIHOP, min_relevance=0.1))
    with pytest.raises(BadInputError):
        list(assistant.answer(" \x00\x07 "))
    _, result = run(assistant, "Seoul medicine? " * 2000)
    assert len(result.question) <= 2000 and result.notices


def test_cancel_stops_the_stream(retriever):
    cancel = threading.Event()
    cancel.set()
    events, result = run(Assistant(retriever, FakeGenerator("Seoul sent medicine [1]. " * 20), AnswerConfig(**MULTIHOP, min_relevance=0.1)),
                         "What did Seoul send?", cancel=cancel)
    assert not any(isinstance(e, Token) for e in events)
    assert "Stopped" in " ".join(result.notices) and not result.abstained


def test_follow_up_is_searched_with_the_previous_question():
    history = [{"role": "user", "content": "What did Seoul send to Ukraine?"},
               {"role": "assistant", "content": "Medicine [1]."}]
    assert rewrite_follow_up("What did it refuse to send?", history) == (
        "What did Seoul send to Ukraine? Medicine. What did it refuse to send?")
    assert rewrite_follow_up("How many typhoons are expected in East Asia this year?", history) == \
        "How many typhoons are expected in East Asia this year?"
    assert rewrite_follow_up("What did it refuse?", []) == "What did it refuse?"


def test_a_question_naming_two_outlets_gets_passages_from_both(retriever):
    llm = FakeGenerator("Yes [1].")
    assistant = Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1, top_k=2))
    question = assistant.analyse("Does the Ledger article about Seoul agree with the Monitor report?")
    passages = assistant.gather(question, 2)
    assert {p.outlet for p in passages} == {"Ledger", "Monitor"}


@pytest.mark.parametrize("yes, no, verdict", [(1.0, 1.5, "Yes"), (0.0, 2.0, "No")])
def test_yes_no_verdict_comes_from_the_calibrated_first_token_scores(retriever, yes, no, verdict):
    # The margin yes - no is -0.5 (above the cut of -0.8: "Yes") or -2.0 ("No"), whatever
    # the model's own greedy first word would have been.
    llm = ScoringFakeGenerator(", Seoul sent Ukraine mine detectors [1].", {"Yes": yes, "No": no})
    assistant = Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1))
    _, result = run(assistant, "Did Seoul send Ukraine mine detectors?")
    assert llm.prefixes == [verdict]
    assert result.answer.startswith(verdict) and result.yes_no_margin == pytest.approx(yes - no)
    assert result.sentences[0].text.rstrip(".") == verdict and result.sentences[1].supported


def test_questions_that_are_not_yes_no_get_no_forced_verdict(retriever):
    llm = ScoringFakeGenerator("Seoul sent Ukraine mine detectors [1].", {"Yes": 5.0, "No": 0.0})
    for question in ("What did Seoul send to Ukraine?", "Did Seoul send medicine or weapons?"):
        _, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1)), question)
        assert result.yes_no_margin is None
    assert llm.prefixes == []


def test_the_calibrated_yes_no_cut_belongs_to_the_bundled_model(tmp_path, monkeypatch):
    from pathlib import Path

    from newsdesk.settings import load_settings
    from newsdesk.app.runtime import Runtime

    from newsdesk.answer.assistant import BUNDLED_YES_NO_MARGIN

    def margin(settings):
        runtime = Runtime(settings, embedder=FakeEmbedder(), load_generator=False)
        runtime.index(tmp_path / "docs")
        return runtime.reload().yes_no_margin

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Title: A\n\nSeoul sent medicine to Ukraine.")
    monkeypatch.delenv("NEWSDESK_YES_NO_MARGIN", raising=False)
    base = dict(index_dir=tmp_path / "idx")
    assert margin(load_settings(**base)) == BUNDLED_YES_NO_MARGIN
    assert margin(load_settings(model_path=Path("other.gguf"), **base)) == 0.0
    monkeypatch.setenv("NEWSDESK_YES_NO_MARGIN", "-1.5")
    assert margin(load_settings(model_path=Path("other.gguf"), **base)) == -1.5


def test_a_follow_up_finds_its_article_only_after_rewriting(tmp_path):
    retriever = indexed_retriever(tmp_path, {
        "seoul.txt": "Title: Seoul aid\n\nSeoul will send Ukraine medicine and mine detectors. "
                     "Seoul refused to send weapons.",
        "club.txt": "Title: Club news\n\nThe club refused to send its players to the cup. "
                    "It refused to send them again."})
    follow_up = "What did it refuse to send?"
    assert retriever.search(follow_up, k=1)[0].path == "club.txt"  # alone: the wrong article
    history = [{"role": "user", "content": "What did Seoul send to Ukraine?"},
               {"role": "assistant", "content": "Medicine and mine detectors [1]."}]
    llm = FakeGenerator("Seoul refused to send weapons [1].")
    events, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1, top_k=1)),
                         follow_up, history)
    assert events[0].query == result.query == (
        "What did Seoul send to Ukraine? Medicine and mine detectors. " + follow_up)
    assert result.sources[0].passage.path == "seoul.txt"
    assert result.sentences[0].supported and not result.abstained


def test_a_shortened_name_in_the_answer_is_completed_from_the_passages(tmp_path):
    retriever = indexed_retriever(tmp_path, {"firm.txt": "Title: Lenders\n\nBirchwood Research "
                                             "borrowed billions from CoinVault. Birchwood Research collapsed."})
    llm = FakeGenerator("Birchwood [1].")
    _, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1)), "Which firm borrowed billions?")
    assert result.answer == "Birchwood Research [1]." and result.sentences[0].supported
    _, result = run(Assistant(retriever, FakeGenerator("Birchwood [1]."), AnswerConfig(**MULTIHOP, min_relevance=0.1)),
                    "Did the firm borrow billions?")  # not a name question: left as written
    assert "Research" not in result.answer


def test_a_bare_verdict_is_cited_with_the_passage_stating_the_claim(retriever):
    # The model cites the chips passage for its bare "Yes"; the verdict is cited with the
    # passage that states the question's claim, quoted under the answer.
    llm = ScoringFakeGenerator(" [2].", {"Yes": 2.0, "No": 0.0})
    _, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1, top_k=2)),
                    "Did Seoul send Ukraine mine detectors and medicine?")
    verdict, quote = result.sentences
    seoul = next(s for s in result.sources if s.passage.path == "seoul.txt")
    assert verdict.text.startswith("Yes") and verdict.citations == [seoul.n] and verdict.supported
    assert quote.evidence and quote.text.startswith("Ledger, 2024-06-21: “Seoul has sent Ukraine")
    assert [s.passage.path for s in result.sources if s.cited] == ["seoul.txt"]
    assert result.answer.splitlines()[1].startswith("- Ledger, 2024-06-21:")


@pytest.mark.parametrize("relation, verdict", [("before", "Yes"), ("after", "No")])
def test_an_order_question_is_answered_from_the_publication_dates(retriever, relation, verdict):
    llm = FakeGenerator("No [1].")
    _, result = run(Assistant(retriever, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1, top_k=2)),
                    f"Did the Monitor report chip exports rising in May {relation} the Ledger "
                    "reported Seoul sending Ukraine first-aid kits?")
    assert llm.prompts == []  # the dates decide it, not the model
    assert result.answer.startswith(f"{verdict} [1][2]. Monitor reported on 2024-06-01; "
                                    "Ledger on 2024-06-21"), result.answer
    assert [s.passage.outlet for s in result.sources[:2]] == ["Monitor", "Ledger"]
    assert all(s.cited for s in result.sources[:2])
    assert "publication dates" in result.notices[-1]


def test_an_order_question_about_one_day_goes_to_the_model(tmp_path):
    same_day = indexed_retriever(tmp_path, {
        "a.txt": "Title: Fund\nSource: Ledger\nPublished: 2024-06-21\n\nSeoul expanded its Ukraine fund.",
        "b.txt": "Title: Chips\nSource: Monitor\nPublished: 2024-06-21\n\nChip exports rose 54 percent."})
    llm = FakeGenerator("Seoul expanded its Ukraine fund [1].")
    _, result = run(Assistant(same_day, llm, AnswerConfig(**MULTIHOP, min_relevance=0.1, top_k=2)),
                    "Did the Ledger report Seoul expanding its Ukraine fund before the Monitor "
                    "reported chip exports rising?")
    assert len(llm.prompts) == 1 and "publication dates" not in " ".join(result.notices)


def test_sentence_vectors_are_cached_and_the_cache_stays_bounded(retriever):
    from newsdesk.answer.vectors import SentenceVectors

    embedder = retriever.embedder
    vectors = SentenceVectors(embedder.encode, capacity=4)
    first = vectors.similarity("mine detectors", ["Seoul sent mine detectors.", "Chips rose."])
    encoded = embedder.encoded
    assert vectors.similarity("mine detectors", ["Seoul sent mine detectors.", "Chips rose."]) == first
    assert embedder.encoded == encoded  # nothing encoded twice
    # overflowing the cache empties it, without losing vectors the call still needs
    again = vectors.similarity("mine detectors", ["Seoul sent mine detectors.", "a", "b", "c"])
    assert again[0] == pytest.approx(first[0]) and len(vectors._vectors) <= 5
