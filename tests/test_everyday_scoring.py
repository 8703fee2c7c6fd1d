"""How `newsdesk eval everyday` scores answers: a verdict against the gold is counted apart
from "the articles don't say"."""

from newsdesk.eval.everyday import judge, score, wrong_verdict


def _row(answer: str, abstained: bool = False) -> dict:
    return {"answer": answer, "abstained": abstained, "cited_texts": [], "cited_articles": [],
            "seconds": 1.0, "first_text": 0.5}


def test_an_opposite_verdict_is_wrong_and_an_undecided_one_is_not_a_verdict():
    true = {"id": "everyday-0000", "kind": "yes_no_true", "accept": []}
    false = {"id": "everyday-0002", "kind": "yes_no_false", "accept": ["not guilty"]}
    undecided = _row("The articles don't say: no sentence in them answers it either way.",
                     abstained=True)
    assert wrong_verdict(true, _row("No. He pleaded not guilty [1]."))
    assert wrong_verdict(false, _row("Yes [1]."))
    assert not wrong_verdict(true, undecided) and not judge(true, undecided)
    assert not wrong_verdict(false, _row("No. He pleaded not guilty [1]."))
    number = {"id": "everyday-0004", "kind": "number", "accept": ["7"]}
    assert not wrong_verdict(number, _row("Seven counts [1]."))


def test_the_report_gives_the_share_of_wrong_verdicts():
    questions = [{"id": f"everyday-{i:04d}", "kind": kind, "accept": []}
                 for i, kind in enumerate(["yes_no_true", "yes_no_true", "yes_no_false",
                                           "yes_no_false"])]
    rows = [_row("Yes [1]."), _row("No [1]."), _row("Yes [2]."),
            _row("The articles don't say.", abstained=True)]
    scores = score(questions, rows)
    assert scores["wrong_verdicts"] == 0.5
    assert scores["yes_no_balanced"] == 0.25
