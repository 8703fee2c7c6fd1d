"""Filter chips <-> SearchFilters, and the chips a question sets by naming outlets and dates."""

import pytest

from newsdesk.app.filter_chips import (from_filters, named_chips, outlet_choices, read_chip,
                                       tidy, to_filters)
from newsdesk.errors import BadInputError
from newsdesk.question.bounds import find_bounds
from newsdesk.question.outlets import OutletMatcher
from newsdesk.search.filters import SearchFilters

OUTLETS = ["The Verge", "TechCrunch", "Harbor Ledger"]


@pytest.mark.parametrize("typed, chip", [
    ("outlet: The Verge", "outlet: The Verge"),
    ("outlet the verge", "outlet: The Verge"),
    ("HARBOR LEDGER", "outlet: Harbor Ledger"),
    ("since 2023-10-01", "since: 2023-10-01"),
    ("since: October 2023", "since: 2023-10-01"),
    ("from Oct 7, 2023", "since: 2023-10-07"),
    ("after 2023-10-07", "since: 2023-10-08"),
    ("until October 2023", "until: 2023-10-31"),
    ("before 2024", "until: 2023-12-31"),
    ("to 5 March 2024", "until: 2024-03-05"),
    ("since October", "since: 2023-10-01"),  # the latest October on or before the reference
    ("since December", "since: 2022-12-01"),
])
def test_typed_chips_are_read_into_their_canonical_form(typed, chip):
    assert read_chip(typed, OUTLETS, reference="2023-11-20") == chip


@pytest.mark.parametrize("typed, said", [
    ("since: soon", "not a date"),
    ("until", "names nothing"),
    ("outlet: Daily Planet", "No articles from an outlet named"),
    ("Typhoons", "not a filter"),
    ("<script>alert(1)</script>", "not a filter"),
])
def test_unreadable_chips_say_what_is_wrong(typed, said):
    with pytest.raises(BadInputError, match=said):
        read_chip(typed, OUTLETS, reference="2023-11-20")


def test_tidy_keeps_each_outlet_once_and_the_latest_date_limit_of_each_kind():
    chips, problems = tidy(["outlet: the verge", "since 2023-10-01", "The Verge", "nonsense",
                            "until: 2023-12-31", "since: 2023-11-01"], OUTLETS)
    assert chips == ["outlet: The Verge", "until: 2023-12-31", "since: 2023-11-01"]
    assert len(problems) == 1 and "nonsense" in problems[0]


def test_chips_and_filters_round_trip():
    filters = SearchFilters(outlets=("The Verge", "TechCrunch"), date_from="2023-10-01",
                            date_to="2023-10-31")
    chips = from_filters(filters)
    assert chips == ["outlet: The Verge", "outlet: TechCrunch", "since: 2023-10-01",
                     "until: 2023-10-31"]
    assert to_filters(chips) == filters
    assert to_filters([]).is_empty()
    assert outlet_choices(["TechCrunch", "The Verge", "TechCrunch"]) == [
        "outlet: TechCrunch", "outlet: The Verge"]


def test_a_question_naming_an_outlet_and_a_date_limit_sets_both_chips():
    matcher = OutletMatcher(OUTLETS)
    assert named_chips("What did The Verge report about the FTX trial since October?",
                       matcher, "2023-11-20") == ["outlet: The Verge", "since: 2023-10-01"]
    assert named_chips("Did TechCrunch write about rates before March 5, 2024?", matcher,
                       "2024-06-01") == ["outlet: TechCrunch", "until: 2024-03-04"]
    # outlets are named with a capital; "by" before a name is no date
    assert named_chips("What was reported by the verge and by Harbor Ledger?", matcher,
                       "2024-06-01") == ["outlet: Harbor Ledger"]
    assert named_chips("What did Seoul provide to Ukraine?", matcher, "2024-06-01") == []


def test_date_limits_need_the_date_right_after_the_word():
    assert find_bounds("What changed since the trial in October?", "2023-11-20").since == ""
    assert find_bounds("Who spoke after May 2024 and until June 3rd, 2024?").since == "2024-06-01"
    assert find_bounds("Who spoke after May 2024 and until June 3rd, 2024?").until == "2024-06-03"
    assert find_bounds("What happened from 2023 on?").since == "2023-01-01"
