import pytest

from newsdesk.eval.multihop import (balanced_accuracy, lenient_correct, majority_baseline, polarity,
                                 score_answers, strict_entity)


def test_polarity_from_first_words():
    assert polarity("Yes, the Fortune article agrees [1].") == "yes"
    assert polarity("No. TechCrunch says otherwise.") == "no"
    assert polarity("The reports are consistent [2].") == "yes"
    assert polarity("They were inconsistent.") == "no"
    assert polarity("Apple and Google both did something else entirely.") is None


def test_always_yes_scores_one_half():
    pairs = [("yes", "yes")] * 7 + [("no", "yes")] * 3
    assert balanced_accuracy(pairs) == pytest.approx(0.5)
    assert balanced_accuracy([("yes", "yes"), ("no", "no")]) == 1.0


def test_lenient_and_strict_rules():
    assert lenient_correct("It was Ada Lovelace [1].", "Ada Lovelace")
    assert strict_entity("Ada Lovelace is accused [1]. Not Google.", "Ada Lovelace")
    assert not strict_entity("The person is accused [1]. It was Ada Lovelace.", "Ada Lovelace")


def row(kind, gold, answer, abstained=False, cited=(), supported=()):
    return {"type": kind, "gold": gold, "answer": answer, "abstained": abstained,
            "cited_relevant": list(cited), "sentences_supported": list(supported)}


def test_scores_and_baseline():
    rows = [row("inference", "Google", "Google did it [1].", cited=[True, False], supported=[True]),
            row("inference", "OpenAI", "Meta did it [1].", cited=[False], supported=[False]),
            row("comparison", "Yes", "Yes [1].", cited=[True], supported=[True]),
            row("comparison", "No", "Yes.", cited=[], supported=[False]),
            row("temporal", "No", "", abstained=True),
            row("temporal", "Agreement", "Agreement: both say so [1].", cited=[True], supported=[True]),
            row("null", "Insufficient information.", "The articles do not say.", abstained=True)]
    s = score_answers(rows)
    assert s["inference"]["strict"] == 0.5
    assert s["comparison"]["balanced"] == 0.5
    assert s["temporal"]["balanced"] == 0.0  # over its one yes/no question only
    assert s["temporal"]["yes_no_questions"] == 1 and s["temporal"]["other_strict"] == 1.0
    assert s["macro"] == pytest.approx((0.5 + 0.5 + 0.0) / 3)
    assert s["null_abstention"] == 1.0 and s["false_abstention"] == pytest.approx(1 / 6)
    assert s["citation_precision"] == pytest.approx(3 / 5)
    assert s["answers_cited"] == pytest.approx(4 / 5)  # of the 5 answered answerable ones
    assert s["sentences_verified"] == pytest.approx(3 / 5)
    questions = [{"type": "inference", "answer": "Google"}, {"type": "inference", "answer": "Google"},
                 {"type": "inference", "answer": "OpenAI"}, {"type": "comparison", "answer": "No"},
                 {"type": "comparison", "answer": "Yes"}]
    base = majority_baseline(questions)
    assert base["inference"]["strict"] == pytest.approx(2 / 3) and base["comparison"]["balanced"] == 0.5
