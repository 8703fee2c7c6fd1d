"""A sentence's stance on a claim: stated, contradicted, or not stated."""

import pytest

from newsdesk.answer.contest import REVERSED, compare, result_of
from newsdesk.answer.stance import (CONTRADICTS, NOT_STATED, STATES, hedged, numbers,
                                     other_in_series, stance)
from newsdesk.text import lone_capitals, normalize


@pytest.mark.parametrize("claim, sentence, expected", [
    ("Seoul send mine detectors to Ukraine",
     "The South Korean government has provided Ukraine with first-aid kits, medicine, portable "
     "mine detectors and protective gear, while declining to ship arms or ammunition.", STATES),
    ("Seoul send lethal weapons to Ukraine", "Until now Seoul's help to Kyiv has been non-lethal.",
     CONTRADICTS),
    ("Menendez plead guilty", "Menendez pleaded not guilty.", CONTRADICTS),
    ("Japan sent weapons to Ukraine",
     "Tokyo has also sent bulletproof vests, helmets and drones, but no weapons to Ukraine.",
     CONTRADICTS),
    ("the KOSPI rise on Tuesday", "The KOSPI fell 0.6 percent on Tuesday.", CONTRADICTS),
    ("the package worth 5 billion dollars", "The package is worth 2.3 billion dollars.",
     CONTRADICTS),
    ("Russia admitted buying artillery shells", "Russia denies buying artillery shells.",
     CONTRADICTS),
    ("Seoul send lethal weapons to Ukraine",
     "The official said the government would look again at every option, including the supply "
     "of lethal weapons to Ukraine.", NOT_STATED),
    ("Seoul send mine detectors to Ukraine", "Chip exports rose 54 percent in May.", NOT_STATED),
])
def test_stance(claim, sentence, expected):
    around = sentence + " Seoul sent aid to Ukraine."
    assert stance(claim, sentence, context=around, passage=around).relation == expected


def test_another_name_contradicts_only_when_the_claimed_one_is_nowhere():
    sentence = "Microsoft completed its purchase of Activision Blizzard in October."
    assert stance("Sony purchase Activision Blizzard", sentence, context=sentence).relation == CONTRADICTS
    # the passages speak of Sony too: the sentence may just not name the buyer the claim
    # names; and a sentence whose passage never speaks of Sony does not state it either
    context = sentence + " Sony had opposed the deal."
    assert stance("Sony purchase Activision Blizzard", sentence, context=context).relation == NOT_STATED


def test_a_sentence_naming_the_same_people_but_not_the_act_does_not_state_it():
    sentence = "Dean did fine work in his years coaching the Minnesota Wild."
    claim = "the Minnesota Wild fire Dean Evason"
    assert stance(claim, sentence, passage=sentence + " Evason").relation == NOT_STATED
    sentence = "On Monday the Wild relieved Dean Evason, their coach, of his duties."
    assert stance(claim, sentence, passage=sentence + " Minnesota").relation == STATES


def test_a_sentence_holding_only_part_of_a_claim_does_not_state_it():
    sentence = "Seoul's policy forbids selling weapons to countries at war, so none goes to Ukraine."
    assert stance("Seoul send lethal weapons to Ukraine", sentence).relation == CONTRADICTS
    sentence = "Seoul sent aid to the border, officials in Ukraine said."
    assert stance("Seoul send lethal weapons to Ukraine", sentence).relation == NOT_STATED


@pytest.mark.parametrize("claim, sentence", [
    # who beat whom is not read from "defeats": South Africa did the defeating here
    ("South Africa win the Rugby World Cup",
     "Easy defeats of Scotland, Romania and Tonga carried South Africa into the Rugby World Cup quarter-finals."),
    # "failed" describing the exchange negates nothing the claim says
    ("Sam Bankman-Fried found guilty",
     "Sam Bankman-Fried, the founder of failed exchange FTX, was found guilty on all counts."),
])
def test_words_that_only_look_contrary_do_not_contradict(claim, sentence):
    assert stance(claim, sentence, passage=sentence).relation != CONTRADICTS


def test_a_report_need_not_name_the_year_it_was_published_in():
    claim = "the 2023 chemistry Nobel awarded for work on quantum dots"
    sentence = "Three researchers won the chemistry Nobel Prize for their work on quantum dots."
    assert stance(claim, sentence, published="2023-10-04").relation == STATES
    assert stance(claim, sentence, published="2022-10-04").relation == NOT_STATED


def test_an_abbreviation_with_dots_is_the_same_word():
    claim = "Temu the most downloaded free iPhone app in the US"
    sentence = "Temu is Apple's most downloaded free iPhone app in the U.S. this year."
    assert stance(claim, sentence).relation == STATES


def test_a_penalty_of_another_size_contradicts_the_points_docked():
    sentence = "Everton's appeal against its 10-point deduction is to be heard before May."
    assert stance("Everton docked six points", sentence).relation == CONTRADICTS


def test_a_sentence_giving_the_figure_and_another_of_its_kind_does_not_decide():
    sentence = ("The OLED model has a display that is larger at 7.4 inches, against the first "
                "model's 7-inch screen.")
    assert stance("the Steam Deck OLED have a 7-inch screen", sentence).relation == NOT_STATED
    assert stance("the Steam Deck OLED have a 7.4-inch screen",
                  "The Steam Deck OLED has a 7.4-inch screen.").relation == STATES


def test_a_figure_is_contradicted_only_by_a_figure_of_the_same_kind():
    claim = "the Steam Deck OLED have a 7-inch screen"
    assert stance(claim, "The Steam Deck OLED is a Steam Deck 2 in all but name, with a "
                         "better screen.").relation != CONTRADICTS
    assert stance(claim, "The Steam Deck OLED has a 7.4-inch screen.").relation == CONTRADICTS


def test_a_sentence_opening_with_another_name_of_the_claim_says_what_that_one_did():
    assert stance("NHTSA planning to crash-test the Tesla Cybertruck",
                  "Tesla ran its own crash tests on the Cybertruck in-house.",
                  passage="The NHTSA has no plans. Tesla ran its own crash tests on the "
                          "Cybertruck in-house.").relation == NOT_STATED
    assert stance("Arsenal sign the Ajax striker",
                  "Ajax sign the Arsenal striker on loan.").relation == NOT_STATED
    assert stance("Seoul send mine detectors to Ukraine",
                  "Seoul has provided Ukraine with portable mine detectors.").relation == STATES


def test_a_number_word_inside_a_compound_is_not_a_number():
    assert stance("India beat Australia in the one-off Test in Mumbai",
                  "India beat Australia by eight wickets in the Test in Mumbai.").relation == STATES


def test_a_negation_covers_the_words_right_after_it_only():
    """"rejected any suggestion Australia's hold on women's cricket is slipping" negates the
    suggestion, not the women's cricket a claim speaks of."""
    sentence = ("Alyssa Healy rejected any suggestion that Australia's grip on "
                "international women's cricket is loosening after the Test loss to India.")
    assert stance("India's women beat Australia in the Test", sentence).relation != CONTRADICTS


def test_a_negation_speaks_of_the_claim_only_in_a_sentence_about_its_act():
    claim = "MLB strip the Houston Astros of their 2017 World Series title"
    sentence = "The Houston Astros had not yet won a World Series title then."
    passage = f"MLB fined the Astros. {sentence}"
    assert stance(claim, sentence, passage=passage).relation != CONTRADICTS
    # the act said, its object negated
    assert stance("Japan sent weapons to Ukraine", "Japan sent helmets but no weapons to "
                  "Ukraine.").relation == CONTRADICTS


def test_the_words_describing_the_claims_subject_may_come_from_its_passage():
    """"the payments startup Rainforest" is "the firm" in the sentence that gives the
    round's size; the passage says what the company is."""
    claim = "the payments startup Rainforest raise a $20 million seed round"
    sentence = "Accel headed the firm’s $8.5 million seed round, joined by BoxGroup."
    passage = f"Rainforest, a payments startup in Atlanta, grew fast. {sentence}"
    assert stance(claim, sentence, passage=passage).relation == CONTRADICTS
    assert stance(claim, sentence, passage=f"Rainforest grew fast. {sentence}"
                  ).relation != CONTRADICTS
    # an act is not a description: another count of years says nothing of the verdict
    convicted = "the jury convicted Bankman-Fried on seven counts"
    assert stance(convicted, "Bankman-Fried faces up to 110 years on two counts.",
                  passage="The jury convicted him. Bankman-Fried faces up to 110 years on two "
                          "counts.").relation != CONTRADICTS


def test_a_negated_act_contradicts_only_a_claim_about_what_it_was_done_to():
    """"A refusal to send weapons" denies sending weapons, and says nothing of fighter jets."""
    sentence = "Seoul said it would review its long-standing refusal to send weapons to Kyiv."
    assert stance("Seoul send weapons to Kyiv", sentence).relation == CONTRADICTS
    assert stance("Seoul send fighter jets to Kyiv", sentence).relation != CONTRADICTS


def test_the_title_of_its_article_says_what_a_sentence_is_about():
    """A sentence leaves to its article's title what the whole article is about: "a Aarhus
    court rejected Orbit's arguments" under a title on Denmark's ban on Orbit's profiling
    ads states the claim, and without that title it leaves most of the claim out. The act
    itself must still be the sentence's: a title cannot say it for a sentence that does not."""
    claim = "an Aarhus court reject Orbit's challenge to Denmark's ban on its profiling ads"
    sentence = "On Monday an Aarhus court rejected Orbit's arguments and upheld the watchdog."
    title = "Denmark moves to widen ban on Orbit's profiling ads"
    passage = f"{title}. {sentence}"
    assert stance(claim, sentence, passage=passage, title=title).relation == STATES
    assert stance(claim, sentence, passage=passage).relation == NOT_STATED
    heard = "On Monday an Aarhus court heard Orbit's arguments and the watchdog's."
    assert stance(claim, heard, passage=f"{title}. {heard}", title=title).relation == NOT_STATED


@pytest.mark.parametrize("claim, sentence, relation", [
    # the sides swapped, in the words of a match report
    ("the Hawks beat the Falcons", "The Falcons thrashed the Hawks 41-10 on Sunday.", CONTRADICTS),
    ("the Hawks beat the Falcons", "The Hawks slumped to a 41-10 defeat to the Falcons.",
     CONTRADICTS),
    ("the Hawks beat the Falcons", "The Hawks were beaten by the Falcons at home.", CONTRADICTS),
    ("the Hawks beat the Falcons", "The Falcons' 41-10 win over the Hawks was their biggest.",
     CONTRADICTS),
    ("the Hawks beat the Falcons", "Watch: the 41-10 defeat for the Hawks against the Falcons",
     CONTRADICTS),
    # an acronym is its side's initials
    ("the HRFC beat Dundee", "Hillhead Rovers Football Club lost 2-0 to Dundee.", CONTRADICTS),
    # the claim's result in other words
    ("the Hawks beat the Falcons", "The Hawks routed the Falcons 41-10.", STATES),
    # a result between other sides, one that may come, or a side named in passing
    ("the Hawks beat the Falcons", "The Falcons beat the Bears 20-17.", NOT_STATED),
    ("the Hawks beat the Falcons", "The Falcons could beat the Hawks on Sunday.", NOT_STATED),
    ("the Hawks beat the Falcons in the final",
     "The Hawks will face the Falcons in the final on Sunday.", NOT_STATED),
    ("the Hawks beat the Falcons in the final",
     "Two decades ago the Hawks and the Falcons met in the final.", NOT_STATED),
    ("the Hawks beat the Falcons", "The Falcons, who beat the Hawks last year, lost again.",
     NOT_STATED),
])
def test_who_beat_whom_is_read_from_the_sides_roles(claim, sentence, relation):
    passage = f"The Hawks and the HRFC were in action. {sentence}"
    assert stance(claim, sentence, context=passage, passage=passage).relation == relation


def test_a_result_names_its_winner_and_loser():
    found = result_of("The Hawks slid to their first home defeat to the Falcons by ten points.")
    assert found.winner == "the Falcons" and found.loser.startswith("The Hawks")
    assert result_of("Nvidia beat estimates for the quarter.") is None
    assert compare("the USMNT beat Germany", "the U.S. men's national team went down 3-1 to "
                   "Germany on Saturday.") == REVERSED


def test_a_result_in_the_claims_roles_states_it_with_some_details_left_out():
    # The claim's result, in other words and roles kept, with "women's" and "one-off" unsaid.
    claim = "the Hawks' women beat the Falcons in the one-off Test in Porto"
    sentence = "The Falcons suffered their first Test defeat to the Hawks in Porto on Sunday."
    assert stance(claim, sentence, passage=sentence).relation == STATES
    # the same sides in another game: too little of the claim is said
    other = "In May the Falcons suffered a defeat to the Hawks in a Test."
    assert stance(claim, other, passage=other).relation == NOT_STATED


@pytest.mark.parametrize("sentence, relation", [
    # "do so" is the act said before it
    ("Portmouth had looked into sending tugboats to Lisbon but declined to do so, the "
     "council said.", CONTRADICTS),
    # "neither ... nor" covers the rest of the sentence
    ("Neither Portmouth nor Porto - the two ports with spare boats - has any plans to send "
     "tugboats to Lisbon.", CONTRADICTS),
    # a negation well before the act, in its clause: the act is not said to be done
    ("There was no mention of Lisbon in the council's long list of ports to which Portmouth "
     "will send tugboats.", NOT_STATED),
    # the act said once without a negation, and negated only of something else
    ("Portmouth provided Lisbon with tugboats, while declining to ship cranes.", STATES),
])
def test_a_negation_of_the_act_said_before_or_well_after_it(sentence, relation):
    claim = "Portmouth send tugboats to Lisbon"
    assert stance(claim, sentence, passage=sentence).relation == relation, sentence


def test_the_month_of_may_and_names_are_no_hedge():
    claim = "the harbour board open the new quay to ferries"
    assert stance(claim, "The harbour board opened the new quay to ferries in May.").relation \
        == STATES
    assert stance("the harbour board sign a film deal",
                  "The harbour board signed a film deal with Warner Bros. on Monday.").relation \
        == STATES
    assert stance(claim, "The harbour board may open the new quay to ferries.").relation \
        == NOT_STATED


@pytest.mark.parametrize("sentence, relation", [
    ("Lopes testified against the harbour board for two days.", CONTRADICTS),
    ("Lopes refused to testify against the harbour board.", STATES),
    ("Lopes may yet testify against the harbour board.", NOT_STATED),
    # said of someone else, or of only part of the claim
    ("The harbour board testified in its own defence.", NOT_STATED),
])
def test_a_claim_that_something_was_not_done_is_contradicted_by_a_report_that_it_was(
        sentence, relation):
    claim = "Lopes refuse to testify against the harbour board"
    assert stance(claim, sentence, passage=f"Ana Lopes. {sentence}").relation == relation


def test_words_ending_in_ied_and_ies_are_the_same_word_as_their_base():
    from newsdesk.text import normalize
    assert normalize("testified") == normalize("testify")
    assert normalize("companies") == normalize("company")


@pytest.mark.parametrize("sentence, relation", [
    ("Quayside Robotics, a Lisbon startup building port cranes, raised $9 million.", CONTRADICTS),
    ("The Lisbon-based Quayside Robotics raised $9 million.", CONTRADICTS),
    ("Quayside Robotics is headquartered in Lisbon.", CONTRADICTS),
    # the other place is another company's
    ("Dockside, a Lisbon startup, and Quayside Robotics both raised money.", NOT_STATED),
    ("Quayside Robotics is based in Porto, where it was founded.", STATES),
])
def test_a_base_in_another_place_contradicts_where_the_claim_puts_it(sentence, relation):
    claim = "Quayside Robotics based in Porto"
    assert stance(claim, sentence, passage=sentence).relation == relation


def test_a_sentence_naming_someone_else_in_full_does_not_state_a_claim_about_another():
    claim = "the club pick Ana Lopes as its new captain"
    for sentence, relation in (("The club picked Rui Costa as its new captain.", NOT_STATED),
                               ("The club picked her as its new captain.", STATES),
                               ("The club selected Ana Lopes as its new captain.", STATES)):
        passage = f"Ana Lopes joined in May. {sentence}"
        assert stance(claim, sentence, passage=passage).relation == relation, sentence


@pytest.mark.parametrize("claim, sentence, expected", [
    # the opposite word said of something the claim names
    ("the harbour board continue the dredging", "The harbour board halted the dredging in May.",
     CONTRADICTS),
    ("shares of Quayside rise on Monday", "Shares of Quayside fell 3% on Monday.", CONTRADICTS),
    # the opposite word said of something else in the same sentence
    ("the club suspend Ana Lopes",
     "The inquiry into the club's scouting, centred on the analyst Ana Lopes, continues to "
     "widen week by week.", NOT_STATED),
    ("the club suspend Ana Lopes",
     "A 2-0 win in which Ana Lopes' part continues to be examined by the league.", NOT_STATED),
    ("the ferry line keep its boats running to Tarbert and Uig",
     "Two days later the ferry line chose to halt its boats on every route it runs, Tarbert and Uig "
     "among them.", CONTRADICTS),
])
def test_an_opposite_word_contradicts_only_what_it_is_said_of(claim, sentence, expected):
    assert stance(claim, sentence).relation == expected


def test_a_plan_asked_about_is_answered_by_a_plan():
    claim = "the harbour board planning to dredge the channel"
    assert stance(claim, "The harbour board has no plans to dredge the channel this year."
                  ).relation == CONTRADICTS
    assert stance(claim, "The harbour board has plans to dredge the channel this year."
                  ).relation == STATES


def test_another_one_of_a_series_does_not_state_the_claim():
    claim = "the harbour board's first dredging contract worth 9 million dollars"
    sentence = ("The harbour board signed a dredging contract worth 9 million dollars, its "
                "second under the programme.")
    assert stance(claim, sentence).relation == NOT_STATED
    assert stance(claim.replace("first", "second"), sentence).relation == STATES


def test_another_numbered_one_of_a_series_neither_states_nor_contradicts_the_claim():
    """"The Hawks won Game 3" says nothing of Game 2: before, its other number read as a
    contradiction, and the answer was a wrong "No"."""
    claim = "the Hawks beat the Falcons in Game 2"
    assert stance(claim, "The Hawks beat the Falcons in Game 3 on Monday.").relation == NOT_STATED
    assert stance(claim, "The Hawks beat the Falcons in Game 2 on Monday.").relation == STATES
    assert stance(claim, "The Falcons beat the Hawks in Game 2 on Monday.").relation == CONTRADICTS
    assert stance("the harbour board's revenue rose in Q3",
                  "The harbour board's revenue rose in Q4.").relation == NOT_STATED
    assert other_in_series("Game 1 and Game 2 were played in Dallas.", "Who won Game 2?") is False


def test_a_sentence_negating_the_claims_object_never_states_it():
    # "planning" is how the claim is asked, not what it says was done ("sell"): the
    # sentence's "forbid selling the ferries" speaks of that act.
    claim = "Quayside planning to sell the ferries to Lisbon"
    sentence = "Quayside's rules forbid selling the ferries, so none go to Lisbon."
    assert stance(claim, sentence).relation != STATES


def test_a_sentence_holding_every_word_but_the_act_does_not_state_the_claim():
    claim = "Lena Hart direct the Harbour documentary film"
    passage = ("Her documentary, Harbour: A Film by Lena Hart, opened in first place on Sunday. "
               "Lena Hart wrote, directed and produced Harbour.")
    opened = "Her documentary, Harbour: A Film by Lena Hart, opened in first place on Sunday."
    assert stance(claim, opened, passage=passage).relation == NOT_STATED
    directed = "Lena Hart wrote, directed and produced Harbour."
    assert stance(claim, directed, passage=passage).relation == STATES
    # the act in another word of its start: "backers" for "backing"
    assert stance("Sam Reyes backing the robotics startup Gearly",
                  "Sam Reyes is among the backers of the robotics startup Gearly."
                  ).relation == STATES


def test_the_words_describing_a_name_may_sit_beside_it_in_the_passage_only():
    """"the Harbour documentary film": a sentence saying only "Harbour" holds the rest when
    its passage writes "documentary film" beside the name."""
    claim = "Lena Hart direct the Harbour documentary film"
    directed = "Lena Hart wrote, directed and produced Harbour."
    beside = f"The documentary film Harbour opens on Friday. {directed}"
    apart = (f"Harbour opens on Friday. {directed} Critics liked it. The rest of the festival "
             "is a documentary about a film.")
    assert stance(claim, directed, passage=beside).relation == STATES
    assert stance(claim, directed, passage=apart).relation == NOT_STATED


def test_a_plan_asked_about_must_be_said_to_state_it():
    claim = "the harbour board planning to dredge the channel"
    passage = "The harbour board met on Monday."
    assert stance(claim, "Divers dredge the channel for the harbour board each spring.",
                  passage=passage).relation == NOT_STATED
    assert stance(claim, "The harbour board will dredge the channel in May.",
                  passage=passage).relation == STATES


def test_one_of_is_no_figure():
    assert numbers("one of the owners of the Rovers") == set()
    assert numbers("one goal and two of the assists") == {"1", "2"}
    claim = "Ana Lopes one of the owners of the Rovers"
    sentence = "Ana Lopes is part of the ownership group of the Rovers."
    assert stance(claim, sentence, passage=sentence).relation == STATES


def test_a_possibility_in_a_clause_after_the_claim_is_of_something_else():
    """The hedge "could" is said of what the cash may pay for, not of the cash."""
    claim = "the Ledger Group end the quarter with 3 billion in cash"
    sentence = ("The Ledger Group ended the quarter with 3 billion in cash, which could pay for "
                "more acquisitions.")
    assert stance(claim, sentence, passage=sentence).relation == STATES
    before = "The Ledger Group could end the quarter with 3 billion in cash."
    assert stance(claim, before, passage=before).relation == NOT_STATED
    assert not hedged("The menu has vegan options.", "Does the menu have vegan dishes?")


def test_a_negation_said_as_a_possibility_contradicts_nothing():
    claim = "the harbour bridge close in May"
    maybe = "The harbour bridge may not close in May after all."
    assert stance(claim, maybe, passage=maybe).relation == NOT_STATED
    firm = "The harbour bridge will not close in May after all."
    assert stance(claim, firm, passage=firm).relation == CONTRADICTS


def test_a_denial_that_leaves_a_word_of_the_claim_out_does_not_state_it():
    """"reported no trace of hazardous material" holds every word of the claim but
    "asbestos": it may deny just that."""
    claim = "the inspectors report asbestos in the school hall"
    sentence = ("The inspectors reported no trace of hazardous or toxic material anywhere in "
                "the school hall.")
    assert stance(claim, sentence, passage=sentence).relation != STATES


def test_a_short_name_is_read_with_its_possessive_and_alone():
    assert normalize("X's") == "x" and normalize("EU’s") == "eu"
    assert lone_capitals("Twitter (now called X) was renamed.") == {"x"}
    assert not lone_capitals("a x b, S&P, AT&T, A and I")  # a lower-case letter is no name
    claim = "Ana Lopes praise X's new feed"
    sentence = "Ana Lopes praised the new feed of Twitter, now called X."
    assert stance(claim, sentence, context=sentence, passage=sentence).relation != CONTRADICTS


def test_short_forms_of_large_amounts_are_compared_with_the_words():
    claim = "the savings scheme meant to unlock $5 trillion of household savings"
    sentence = "The savings scheme is meant to unlock $14tn of household savings."
    assert stance(claim, sentence, passage=sentence).relation == CONTRADICTS
    same = "The savings scheme is meant to unlock $5tn of household savings."
    assert stance(claim, same, passage=same).relation == STATES


@pytest.mark.parametrize("claim, sentence, unwanted", [
    # "3M" is a company and "3b" a trial phase, not amounts
    ("3M cut 6,000 jobs", "The company cut 6,000 jobs last year, saving $700 million.",
     CONTRADICTS),
    ("The Phase 3b trial met its goal",
     "The Phase 3b trial met its goal, with $2 billion in sales expected.", CONTRADICTS),
    # "S&P" holds no one-letter names
    ("The Dow Jones fell 1% on Tuesday", "The S&P 500 fell 1% on Tuesday.", CONTRADICTS),
    # "May" the name is no possibility; a firm refusal stays one beside a later "may not"
    ("Theresa May resigned in 2019", "Theresa May did not resign in 2019.", NOT_STATED),
    ("Seoul sent weapons to Ukraine", "Seoul refused to send weapons to Ukraine, though "
     "officials may not rule out aid later.", NOT_STATED),
    # a negation in a clause about something else denies nothing of the claim
    ("Nvidia shares rose 5% after the earnings report", "Nvidia shares rose 5% after the "
     "earnings report, though the company did not comment.", NOT_STATED),
])
def test_what_is_not_a_figure_a_name_or_a_possibility(claim, sentence, unwanted):
    assert stance(claim, sentence, context=sentence, passage=sentence).relation != unwanted


@pytest.mark.parametrize("claim, sentence", [
    # "No 1" is a rank, not a denial of what the rest of the clause says
    ("Ana Lopes playing doubles with Rui Costa at the Porto Open",
     "Ana Lopes, who entered the singles too, is the former world No 1 and is playing the "
     "doubles with Rui Costa at the Porto Open."),
    # a word of praise said another way
    ("Senator Jo Baker praise the scope of the new data law",
     "Senator Jo Baker said she was impressed by the scope of the new data law."),
    # "around" only rounds the figure, and "$2B" is "$2 billion"
    ("Northwind have around $2 billion in cash at the end of the latest quarter",
     "Northwind had $2B in cash at the end of the most recent quarter."),
    # "four times" is counted by "four"
    ("Brand score four times", "Brand kept scoring: four in all."),
    # "if anything" strengthens, it does not hedge
    ("Lena Hart call the new rules the best option so far",
     "If anything, Lena Hart called the new rules the best option so far."),
    ("the son born on the morning of the final",
     "The coach's wife gave birth to their son on the morning of the final."),
])
def test_a_claim_said_in_other_everyday_words_is_stated(claim, sentence):
    assert stance(claim, sentence, context=sentence, passage=sentence).relation == STATES


@pytest.mark.parametrize("claim, sentence, expected", [
    # a "no" before a figure is still a denial
    ("the new phone support 5G", "The new phone has no 5G support.", CONTRADICTS),
    # a condition is still a hedge, even one on "anything"
    ("the airline refund passengers",
     "The airline will refund passengers if anything goes wrong.", NOT_STATED),
    # "almost" before an act says it did not happen
    ("the merger almost collapsed in March", "The merger collapsed in March.", NOT_STATED),
    # "bill" the law is not "billion"
    ("Congress pass a $2 billion bill", "Congress passed $2bn in aid.", NOT_STATED),
    # a birthday is no birth, and "recently released" is no "latest"
    ("Lena Hart born in Lisbon", "Lena Hart celebrated her birthday in Lisbon.", NOT_STATED),
    ("Apple release the latest iPhone", "Apple recently released an iPhone.", NOT_STATED),
    # "nothing about" after a verb is its object
    ("Apple announce layoffs at the event",
     "Apple announced nothing about layoffs at the event, which was about the iPhone.",
     CONTRADICTS),
])
def test_other_words_do_not_make_a_sentence_state_what_it_does_not(claim, sentence, expected):
    assert stance(claim, sentence, context=sentence, passage=sentence).relation == expected


def test_nothing_about_a_thing_negates_what_is_said_of_it():
    """"Nothing about the phone is new" negates "new", not the phone."""
    sentence = "Nothing about the Zeta phone is new, and Zeta sells it from March."
    assert stance("Zeta sell the phone from March", sentence, context=sentence,
                  passage=sentence).relation == STATES
    assert stance("the Zeta phone is new", sentence, context=sentence,
                  passage=sentence).relation == CONTRADICTS
