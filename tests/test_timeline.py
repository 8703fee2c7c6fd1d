import pytest

from newsdesk.answer.strategies.report_order import order_verdict
from newsdesk.question.order import parse_order_question
from newsdesk.question.outlets import OutletMatcher

OUTLETS = OutletMatcher(["Harbor Ledger", "Eastern Wire", "The Roar | Sports Writers Blog"])


def test_a_plain_before_question_names_the_report_asked_about_first():
    q = parse_order_question("Did the Harbor Ledger report on the fund before the Eastern Wire "
                             "covered the shipping containers?", OUTLETS)
    assert (q.subject_outlet, q.reference_outlet, q.relation) == ("Harbor Ledger", "Eastern Wire", "before")
    assert q.subject == "the Harbor Ledger report on the fund"
    assert q.reference == "the Eastern Wire covered the shipping containers"


def test_a_leading_after_clause_is_the_reference():
    q = parse_order_question("After the Eastern Wire reported on the containers, did The Roar "
                             "report the knockout?", OUTLETS)
    assert (q.subject_outlet, q.reference_outlet, q.relation) == (
        "The Roar | Sports Writers Blog", "Eastern Wire", "after")
    assert q.subject == "The Roar report the knockout"


@pytest.mark.parametrize("question", [
    # judgement or negation: the dates alone do not answer it
    "Did the Harbor Ledger fail to report the fund before the Eastern Wire covered the containers?",
    "Was the Harbor Ledger coverage consistent before the Eastern Wire covered the containers?",
    "Did the Harbor Ledger report a larger fund after the Eastern Wire covered the containers?",
    # "before" places an event, not a report
    "Does the Harbor Ledger say the fund runs out before the end of the year, in the way the "
    "Eastern Wire does?",
    "Does the Harbor Ledger say the fund runs out before the end of the year, as the Eastern Wire says?",
    # not yes/no, one outlet only, two orderings
    "Which outlet reported the fund before the Eastern Wire covered the containers?",
    "Did the Harbor Ledger report the fund before the election?",
    "Did the Harbor Ledger report it before the vote and after the Eastern Wire covered it?",
])
def test_other_questions_are_left_to_the_model(question):
    assert parse_order_question(question, OUTLETS) is None


def test_the_verdict_comes_from_the_dates_and_a_same_day_pair_is_undecided():
    assert order_verdict("before", "2024-02-27", "2024-05-14") == "Yes"
    assert order_verdict("after", "2024-02-27", "2024-05-14") == "No"
    assert order_verdict("after", "2024-06-01", "2024-05-14") == "Yes"
    assert order_verdict("before", "2024-05-14", "2024-05-14") is None
    assert order_verdict("before", "", "2024-05-14") is None
