"""A follow-up restated with what its pronoun stands for (question/follow_up.restate)."""

import pytest

from newsdesk.question.analysis import analyse, as_statement
from newsdesk.question.follow_up import restate
from newsdesk.question.outlets import OutletMatcher


def turns(question: str, answer: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


@pytest.mark.parametrize("history, follow_up, restated", [
    # a thing asked for, then "it": the answer's subject
    (turns("What plant is Bridgestone trying out as a source of rubber?",
           "Guayule, a drought-resistant shrub [1]."),
     "Where is it grown?", "Where is Guayule grown?"),
    # a person asked for, then "her": the answer's subject
    (turns("Who did OpenAI name as interim CEO?", "Mira Murati, its technology chief [2]."),
     "And who replaced her later?", "And who replaced Mira Murati later?"),
    # "Who is X?": X, not the description the answer opens with
    (turns("Who is Connor Stalions?", "The Michigan football staffer at the center of it."),
     "When did Michigan suspend him?", "When did Michigan suspend Connor Stalions?"),
    # a team asked for, then "he": the person the question named
    (turns("Which team did Shohei Ohtani sign with?", "The Los Angeles Dodgers [1]."),
     "When will he pitch again?", "When will Shohei Ohtani pitch again?"),
    # a person's name answering "which official", then "he"; the follow-up's own name is
    # not its pronoun's
    (turns("Which EU official sent Elon Musk a letter?", "Thierry Breton, the commissioner."),
     "How long did he give Musk to reply?", "How long did Thierry Breton give Musk to reply?"),
    # "its": a possessive; the answer is a figure, so the question's name
    (turns("How much is Binance paying to settle?", "About $4.3 billion [1]."),
     "And what fine did its founder agree to?", "And what fine did Binance's founder agree to?"),
    # a group is not "him"
    (turns("Why did Republicans drop Jim Jordan?", "He lost a third vote [3]."),
     "How many voted against him?", "How many voted against Jim Jordan?"),
])
def test_a_pronoun_is_replaced_by_what_it_stands_for(history, follow_up, restated):
    assert restate(follow_up, history) == restated


def test_a_question_without_a_pronoun_or_history_is_left_as_asked():
    history = turns("Which Korean company signed a tank deal?", "Hyundai Rotem [1].")
    assert restate("How much is the deal worth?", history) == "How much is the deal worth?"
    assert restate("Where is it grown?", []) == "Where is it grown?"
    # nothing to stand for: the answer names nothing, the question no one
    assert restate("Is it over?", turns("how long did it last?", "about 3 weeks")) == "Is it over?"


def test_the_statement_of_a_follow_up_names_its_referent():
    history = turns("What plant is Bridgestone trying out as a source of rubber?",
                    "Guayule, a drought-resistant shrub [1].")
    asked = analyse("Where is it grown?", history, OutletMatcher([]))
    assert asked.restated == "Where is Guayule grown?"
    assert "Guayule" in asked.statement and "Guayule" in asked.query
    plain = analyse("Where is guayule grown?", [], OutletMatcher([]))
    assert plain.restated == "" and plain.statement == as_statement("Where is guayule grown?")


def test_it_after_what_someone_did_is_that_someone():
    """"What did Seoul send?" asks what Seoul did: "it" in "Did it send weapons?" is Seoul,
    not the medicine the answer names."""
    history = turns("What did Seoul send?", "Medicine [1].")
    assert restate("Did it send weapons?", history) == "Did Seoul send weapons?"


@pytest.mark.parametrize("answer", [
    "The articles do not say.",
    "Yes. - Science Wire, 2023-09-28: “Guayule is grown in Arizona.” [1]",
    "- Science Wire, 2023-09-28: “Guayule is grown in Arizona.” [1]",
    "A former chief executive [2].",
])
def test_an_answer_naming_nothing_is_not_what_a_pronoun_stands_for(answer):
    """newsdesk's own verdicts, abstentions and quotes, and a description with no name, name
    nothing: the pronoun goes to the name the previous question gives, or stays."""
    history = turns("Which plant is Bridgestone trying out?", answer)
    assert restate("Where is it grown?", history) == "Where is Bridgestone grown?"
    assert restate("Where is it grown?", turns("which plant is used?", answer)) == (
        "Where is it grown?")


def test_only_a_word_written_as_a_pronoun_is_one():
    history = turns("Who is Connor Stalions?", "A football staffer [1].")
    assert restate("Did Her Majesty's Treasury fine him?", history) == (
        "Did Her Majesty's Treasury fine Connor Stalions?")
    assert restate("Is it true that he quit?", history) == "Is it true that he quit?"
    assert restate("He quit?", history) == "Connor Stalions quit?"


def test_an_odd_history_leaves_the_question_as_asked():
    long_turn = turns("Who is A" + " " * 50_000 + "?", " " * 50_000 + ".")
    assert restate("Where is he?", long_turn) == "Where is A?"
    empty = [{"role": "user", "content": None}, {"role": "assistant", "content": None}]
    assert restate("Where is it?", empty) == "Where is it?"
