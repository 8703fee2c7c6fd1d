"""What a question asks for, and whether a sentence gives it (answer/answer_types.py)."""

import pytest

from newsdesk.answer.answer_types import (acts_of, beside_asked, gives, gives_exactly,
                                         looks_ahead, names_holder, names_in, role_asked,
                                         says_act)
from newsdesk.question.values import (AMOUNT, COUNT, DATE, DURATION, NAME, PLACE, STANDING,
                                      asked_for)


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
    ("What jersey number will Ohtani wear for the Dodgers?", COUNT),
    ("What level did the Dow Jones Industrial Average close at?", COUNT),
    ("What level of detail does the report give?", None),
    ("Where did the Nasdaq composite close on Friday?", COUNT),
    ("Where did oil settle?", COUNT),
    ("Where was the deal closed?", PLACE),
    ("What was the startup valued at in its last round?", AMOUNT),
    ("What's the company worth now?", AMOUNT),
    ("What is the best show worth watching this week?", None),
    ("Where did the family settle after fleeing Ukraine?", PLACE),
    ("Where did the company close its last store?", PLACE),
    ("What is the Hawks' win-loss record this season?", STANDING),
    ("What's their record after the bye week?", STANDING),
    ("How did the Hawks' record change over the season?", STANDING),
    ("Where did the series between the Hawks and the Falcons stand?", STANDING),
    ("How has the death toll changed?", COUNT),
    ("What was the band's record label?", None),
    ("What was the record?", None),
    ("Why did Mel Tucker leave?", None),
    ("What did Seoul send to Ukraine?", None),
])
def test_what_a_question_asks_for(question, kind):
    assert asked_for(question) == kind


@pytest.mark.parametrize("sentence, kind, question, expected", [
    # the date must be one the question does not give
    ("His conviction came on Nov. 2 after a four-week trial.", DATE,
     "When was Bankman-Fried convicted?", True),
    ("Bankman-Fried was convicted on seven counts of fraud.", DATE,
     "When was Bankman-Fried convicted?", False),
    ("Google paid $26.3 billion in 2021.", DATE, "When did Google pay in 2021?", False),
    # an amount of money, not any number
    ("Revenue: $12.9 billion vs. $13.1 billion forecast", AMOUNT,
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
    # "how long" is also a length
    ("In the 172-page suit, the regulator says Amazon punishes cheaper sellers.", DURATION,
     "How long is the FTC's complaint against Amazon?", True),
    # a team's record is a standing, not a rank or a count of points
    ("The Hawks ranked 31st in points allowed for the second year running.", STANDING,
     "What was the Hawks' win-loss record this season?", False),
    ("The Hawks improved to 9-3 with the win.", STANDING,
     "What was the Hawks' win-loss record this season?", True),
    # a follow-up's conversation may speak of a record: its count is still any number
    ("Juve scored 33 goals in 45 matches.", COUNT,
     "How many goals did he score? Whose scoring record is Haaland about to break?", True),
])
def test_whether_a_sentence_gives_what_is_asked(sentence, kind, question, expected):
    assert gives(sentence, kind, question) is expected


def test_a_name_opening_a_sentence_counts_when_the_articles_write_it_as_a_name():
    sentence = "Microsoft completed its purchase of Activision Blizzard."
    names = names_in(["The deal makes Microsoft the largest games maker."])
    assert gives(sentence, NAME, "Who bought Activision Blizzard?", names)
    assert not gives(sentence, NAME, "Who bought Activision Blizzard?")


def test_a_word_opening_a_clause_after_a_colon_is_no_name():
    """"Harbor's loss, Quay's gain: Dating app Quay hired ..." names no one new by "Dating",
    though its passages write it capitalised after a colon too; "It’s" is never a name."""
    question = "Quay hired Ana Lopes, CEO of Harbor. Who did she take over from at Harbor?"
    sentence = ("Harbor’s loss, Quay’s gain: Dating app Quay announced a coup: It’s "
                "replacing its founder with Harbor CEO Ana Lopes.")
    names = names_in([sentence, "Ana Lopes said: It’s a good fit."])
    assert not gives(sentence, NAME, question, names)
    assert gives("The winner: Tessa Wullaert scored late.", NAME, "Who scored?", names)
    assert gives(sentence.replace("its founder", "founder Joan Vidal"), NAME, question, names)


@pytest.mark.parametrize("sentence, question, expected", [
    ("Paro faces Love, from Ohio, on December 9 in San Francisco.",
     "Who won Paro's fight against Love?", True),
    ("De Minaur and co should be fresh for Sunday's final.", "Who won the Davis Cup final?", True),
    ("The memoir is due for release on 24 October.", "How many copies has the memoir sold?", True),
    ("Italy beat Australia 2-0 to win the Davis Cup.", "Who won the Davis Cup final?", False),
    # a question about what is to come is answered by what is planned
    ("Paro faces Love on December 9.", "When is Paro's fight against Love?", False),
    ("Andrade will finally get his shot when he faces Benavidez on Saturday.",
     "Who won the fight between Benavidez and Andrade?", True),
    # a request is not what was ordered
    ("James is seeking $250 million in fines and a ban on Trump running businesses.",
     "How much did the judge order Trump to pay?", True),
    # a sentence saying what was done answers, whatever else it looks ahead to
    ("Seoul shares fell 0.6 percent on Tuesday ahead of a central bank meeting.",
     "How much did Seoul shares fall?", False),
    ("He said North Korea had shipped 6,700 containers, which could hold three million shells.",
     "How many containers has North Korea sent to Russia?", False),
    ("Germany will deliver another Patriot system, the defence ministry said on Saturday.",
     "When did Germany announce it would send a Patriot system?", False),
    # "Will" opening a name is not the future
    ("Will Smith spoke to fans in Baltimore.", "Where did Will Smith talk about it?", False),
    # who said it is no act of the sentence's own; "would" looks ahead too
    ("Seoul will provide 2.3 billion dollars in loans, the ministry said on Tuesday.",
     "What did Seoul provide to Ukraine?", True),
    ("Diplomats said the delegation would brief allies on the pact.",
     "What did the delegation do?", True),
    ("Officials said Seoul had sent tents and would send more.", "What did Seoul send?", False),
])
def test_a_preview_does_not_answer_what_happened(sentence, question, expected):
    assert looks_ahead(sentence, question) is expected


def test_a_sentence_answers_an_act_only_if_it_says_the_act():
    acts = acts_of("Who won the fight between Benavidez and Andrade?")
    assert not says_act("Andrade told CBS Sports he was glad David had nowhere to go.", acts)
    assert says_act("Benavidez beat Andrade on points in Las Vegas.", acts)
    assert says_act("Anything at all.", acts_of("How much did the device cost?"))
    assert says_act("Richard Teng will take over as CEO.", acts_of("Who replaced Zhao as CEO?"))
    assert acts_of("When did Seoul summon the Russian ambassador over the treaty?") == []
    assert says_act("Moshiri agreed to sell his stake to 777 Partners.",
                    acts_of("Who agreed to buy Moshiri's stake in Everton?"))


@pytest.mark.parametrize("sentence, named", [
    ("Harbour Minister Ana Lopes opened the new quay on Monday.", True),
    ("Ana Lopes, the port city's harbour minister, opened the new quay.", True),
    # the minister spoke of someone: that one is not who the minister is
    ("The harbour minister said Pedro Alves had broken the rules.", False),
    # another minister
    ("Fisheries Minister Rui Costa opened the new quay on Monday.", False),
])
def test_who_holds_a_role_is_named_beside_it(sentence, named):
    role = role_asked("Who is Portmouth's harbour minister?")
    assert role == "harbour minister"
    assert names_holder(sentence, role) is named


def test_only_a_question_about_a_role_asks_for_its_holder():
    assert role_asked("Who is the CEO of the Harbour Company now?") == "ceo"
    assert role_asked("Who is the new head coach of the Rovers?") == "head coach"
    assert role_asked("Which judge is hearing the harbour case?") == "judge"
    assert role_asked("And which Portmouth senator tabled the bill?") == "senator"
    for question in ("Which team won the cup?", "Who is Taylor Swift?", "Who was serving as interim speaker during the row?",
                     "Who is the club set to name as its new director of rugby?"):
        assert role_asked(question) == "", question


def test_a_calendar_date_is_preferred_to_one_relative_to_the_report():
    question = "When was Bankman-Fried convicted?"
    assert gives("He was found guilty this month.", DATE, question)
    assert not gives_exactly("He was found guilty this month.", DATE, question)
    assert gives_exactly("He was convicted on Nov. 2 after a monthlong trial.", DATE, question)
    assert gives_exactly("Anything.", COUNT, "How many?")


def test_a_sentence_about_another_one_of_a_series_does_not_answer():
    from newsdesk.answer.stance import other_in_series

    question = "How much was the harbour board's first dredging contract worth?"
    assert other_in_series("The board signed a $9 million contract, its second dredging deal "
                           "under the plan.", question)
    assert not other_in_series("The board's first dredging contract was worth $4 million.",
                               question)
    assert not other_in_series("The board signed a $4 million dredging contract.", question)
    assert not other_in_series("The second contract followed the first, worth $4 million.",
                               question)


@pytest.mark.parametrize("sentence, kind, question, expected", [
    ("She said she drew up seven phony balance sheets for the fund.", COUNT,
     "How many fake balance sheets did she say she made?", True),
    ("She testified for three days in December about the balance sheets.", COUNT,
     "How many fake balance sheets did she say she made?", False),
    ("Juve scored 33 goals in 45 matches for Norway.", COUNT,
     "How many goals did he score for Norway?", True),
    ("He scored 5 goals in 2 games.", COUNT, "How many goals did he score in 2 games?", True),
    ("He scored twice in 2 games.", COUNT, "How many goals did he score in 2 games?", False),
    ("Anything at all, 12 of them.", COUNT, "How many did she sell?", None),
    ("Senator Ana Lopes has called for a probe.", NAME,
     "Which Australian senator called for a probe?", True),
    ("Credit: Alex Ellinghausen. The senator called for a probe.", NAME,
     "Which Australian senator called for a probe?", False),
    ("Judge Donato told jurors the trial would last five weeks.", NAME,
     "Which judge is overseeing Epic's trial?", True),
    ("Tessa Wullaert scored twice for Belgium.", NAME, "Who scored Belgium's winner?", None),
    ("Speaking to reporters in Hanoi, Putin said Moscow would respond.", PLACE,
     "Where was Putin when he said that?", True),
    ("Putin warned South Korea on Thursday against sending weapons.", PLACE,
     "Where was Putin when he said that?", False),
    ("The summit took place in Vietnam.", PLACE, "Where in Vietnam was the summit?", False),
])
def test_a_value_is_given_beside_what_the_question_asks_it_of(sentence, kind, question, expected):
    assert beside_asked(sentence, kind, question) is expected


def test_a_count_asked_per_period_is_of_the_thing_counted():
    question = "How many drones a month can the new factory build?"
    assert beside_asked("It can build up to 4,000 reconnaissance drones a month.", COUNT, question)
    assert not beside_asked("It opened 3 months ago near the capital.", COUNT, question)


def test_an_act_word_marked_whole_is_not_the_start_of_another_word():
    """"new" (a new coach: someone replaced) is not "news"; "win" is not "winter", "elect"
    not "electric"."""
    assert acts_of("What news did the club share?") == []
    assert acts_of("Where was the winter storm?") == []
    assert acts_of("Who makes the electric car?") == []
    replaced = acts_of("Who is the new coach?")
    assert says_act("The club named Ana Lopes coach.", replaced)
    assert not says_act("The Sporting News tracked the game.", replaced)
    assert says_act("Rovers beat the Hawks, a win that ...", acts_of("Who wins the cup?"))
    suing = acts_of("Which company is suing the harbour board?")
    assert says_act("Quayside Ltd is pursuing a legal case against the harbour board.", suing)
    assert says_act("The case, filed by Quayside Ltd, names the harbour board.", suing)
    assert not says_act("Quayside Ltd met the harbour board.", suing)
    assert not says_act("Quayside Ltd filed for bankruptcy last year.", suing)
