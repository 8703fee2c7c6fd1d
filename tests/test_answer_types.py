"""What a question asks for, and whether a sentence gives it (answer/answer_types.py)."""

import pytest

from newsdesk.answer.answer_types import gives, names_in
from newsdesk.question.values import AMOUNT, COUNT, DATE, DURATION, NAME, PLACE, asked_for


@pytest.mark.parametrize("question, kind", [
    ("When was Sam Bankman-Fried convicted?", DATE),
    ("And when will he pitch again?", DATE),
    ("How much did Google pay to be the default search engine?", AMOUNT),
    ("What revenue did Nike report for the quarter?", AMOUNT),
    ("How long is the senator's sentence?", DURATION),
    ("How many drones a month can the factory build?", COUNT),
    ("Who replaced Changpeng Zhao as Binance CEO?", NAME),
    ("Which judge is overseeing the trial?", NAME),
    ("Where was he when he said that?", PLACE),
    ("Why did Mel Tucker leave?", None),
    ("What did Seoul send to Ukraine?", None),
])
def test_what_a_question_asks_for(question, kind):
    assert asked_for(question) == kind


@pytest.mark.parametrize("sentence, kind, question, expected", [
    # the date must be one the question does not give
    ("His conviction landed on Nov. 2 after a monthlong trial.", DATE,
     "When was Bankman-Fried convicted?", True),
    ("Bankman-Fried was convicted on seven counts of fraud.", DATE,
     "When was Bankman-Fried convicted?", False),
    ("Google paid $26.3 billion in 2021.", DATE, "When did Google pay in 2021?", False),
    # an amount of money, not any number
    ("Revenue: $12.94 billion vs. $12.98 billion expected", AMOUNT,
     "What revenue did Nike report?", True),
    ("Nike sold 3 shoes on Thursday.", AMOUNT, "What revenue did Nike report?", False),
    ("Brent crude rose 1.2 per cent to $US93.96 a barrel.", AMOUNT,
     "What was the price of a barrel of Brent crude?", True),
    ("It was fined 4.3 billion dollars.", AMOUNT, "How much was it fined?", True),
    ("The KOSPI fell 0.6 percent on Tuesday.", AMOUNT, "How much did Seoul shares fall?", True),
    ("He was sentenced to 25 years in prison.", DURATION, "How long is his sentence?", True),
    ("The app saw over 100,000 downloads.", COUNT,
     "How many times was it downloaded in its first two days?", True),
    ("It was downloaded in its first two days.", COUNT,
     "How many times was it downloaded in its first two days?", False),
    # a name the question does not already use; a sentence's capitalised first word is not one
    ("Richard Teng will be the exchange's new CEO.", NAME,
     "Who replaced Changpeng Zhao as Binance CEO?", True),
    ("Changpeng Zhao, the CEO of Binance, is stepping down.", NAME,
     "Who replaced Changpeng Zhao as Binance CEO?", False),
    ("Critics said the plan was late.", NAME, "Who criticised the plan?", False),
    ("Speaking to reporters in Hanoi, Putin said so.", PLACE, "Where was Putin?", True),
])
def test_whether_a_sentence_gives_what_is_asked(sentence, kind, question, expected):
    assert gives(sentence, kind, question) is expected


def test_a_name_opening_a_sentence_counts_when_the_articles_write_it_as_a_name():
    sentence = "Microsoft completed its purchase of Activision Blizzard."
    names = names_in(["The deal makes Microsoft the largest games maker."])
    assert gives(sentence, NAME, "Who bought Activision Blizzard?", names)
    assert not gives(sentence, NAME, "Who bought Activision Blizzard?")
