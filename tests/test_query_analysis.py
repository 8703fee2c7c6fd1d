import pytest

from newsdesk.question.analysis import named_in
from newsdesk.question.clauses import outlet_parts
from newsdesk.question.dates import find_dates
from newsdesk.question.outlets import OutletMatcher, outlet_aliases

SOURCES = ["TechCrunch", "The Verge", "The Age", "Fortune", "The Independent - Sports",
           "Cnbc | World Business News Leader", "The Roar | Sports Writers Blog"]


def test_aliases_of_long_outlet_names():
    assert {"The Independent", "Independent"} <= outlet_aliases("The Independent - Sports")
    assert "Cnbc" in outlet_aliases("Cnbc | World Business News Leader")
    assert "Age" not in outlet_aliases("The Age")  # too short to be safe


def test_outlets_are_found_by_name_not_by_common_words():
    m = OutletMatcher(SOURCES)
    q = ("Does the 'Fortune' article agree with The Verge and CNBC, while the age of fortune "
         "and The Roar say otherwise?")
    assert m.find(q) == ["Fortune", "The Verge", "Cnbc | World Business News Leader",
                         "The Roar | Sports Writers Blog"]  # in the order named
    assert m.find("He made a fortune at the age of 30.") == []


def test_the_longest_outlet_name_wins_and_a_shared_short_name_means_all():
    m = OutletMatcher(["FOX News - Entertainment", "FOX News - Lifestyle", "Fortune"])
    assert m.find("Did the FOX News - Lifestyle piece agree?") == ["FOX News - Lifestyle"]
    assert m.find("Did FOX News report it?") == ["FOX News - Entertainment", "FOX News - Lifestyle"]


def test_outlet_parts_give_each_outlet_what_the_question_says_of_it():
    m = OutletMatcher(SOURCES)
    assert outlet_parts("Does the Fortune article say that rates will fall next year, while the "
                        "TechCrunch article reports that startups raised less money?", m) == {
        "Fortune": "Does the Fortune article say that rates will fall next year",
        "TechCrunch": "the TechCrunch article reports that startups raised less money?"}
    # Claims named before their outlet, and a clause naming no outlet joins the nearest one.
    parts = outlet_parts("Which company, known for a sale day as reported by The Verge, and "
                         "whose shares fell after a lawsuit according to The Age, sells "
                         "e-readers to schools?", m)
    assert parts == {  # "Which company" is too short to tell anything
        "The Verge": "known for a sale day as reported by The Verge",
        "The Age": "whose shares fell after a lawsuit according to The Age, sells e-readers to schools?"}
    # One outlet (or none): nothing to split.
    assert outlet_parts("What did TechCrunch say about rates, startups and money?", m) == {}


def test_dates_exact_month_and_relative():
    ranges = find_dates("After the report on October 7, 2023 and the one from 30 Oct 2023, "
                        "and articles from September 2023", newest="2023-12-31")
    assert [(r.start, r.end) for r in ranges] == [
        ("2023-10-06", "2023-10-08"), ("2023-10-29", "2023-10-31"), ("2023-09-01", "2023-09-30")]
    [last_week] = find_dates("What happened last week?", newest="2023-12-31")
    assert (last_week.start, last_week.end) == ("2023-12-18", "2023-12-24")
    assert find_dates("Nothing dated here, just 2023 numbers like 42.") == []
    assert find_dates("On February 30, 2023") == []


def test_content_query_drops_outlets_dates_and_scaffolding():
    a = named_in("According to TechCrunch on October 7, 2023, what did Flexport's CEO say?",
                OutletMatcher(SOURCES))
    assert a.outlets == ["TechCrunch"] and len(a.dates) == 1
    assert "TechCrunch" not in a.content and "2023" not in a.content
    assert "Flexport's CEO say" in a.content


@pytest.mark.parametrize("question, kind", [
    ("Did Seoul send mine detectors to Ukraine?", "yes_no"),
    ("Was the report larger or smaller?", "choice"),
    ("Who replaced Changpeng Zhao as Binance CEO?", "name"),
    ("How many drones a month can the factory build?", "number"),
    ("When did Kentucky legalize sports betting?", "date"),
    ("What happened with Jim Jordan's bid to become speaker?", "summary"),
    ("What was the 2023 chemistry Nobel about?", "summary"),
    ("Why did Sony buy Activision Blizzard?", "open"),
    ("And who replaced her?", "name"),
    ("What revenue did Nike report?", "number"),
    ("How did Manchester United do in the Champions League this season?", "summary"),
    ("How did the USMNT's October friendly against Germany go?", "summary"),
    ("What's the fuss about the NFL's Taylor Swift coverage?", "summary"),
    ("What are people saying about the new harbour ferry?", "summary"),
    ("How was the Rovers' new kit received?", "summary"),
    ("Who received the harbour award?", "name"),
    # a "how did" question that takes something for granted is checked, not summarised
    ("How did Ireland beat New Zealand in the quarter-final?", "open"),
    # a figure over time, a series' standing
    ("How did the Hawks' win-loss record change over the season?", "number"),
    ("How has the number of ferry passengers changed?", "number"),
    ("Where did the World Series between the Hawks and the Ravens stand?", "number"),
    ("How did the record industry change?", "open"),
    ("How did the Hawks change their defence?", "open"),
    ("Where does the mayor stand on the ferry?", "open"),
])
def test_question_kinds(question, kind):
    from newsdesk.question.kinds import kind_of

    assert kind_of(question) == kind


def test_a_question_is_analysed_once_into_its_parts():
    from newsdesk.question.analysis import analyse

    matcher = OutletMatcher(["Harbor Ledger", "Eastern Wire"])
    q = analyse("Did the Harbor Ledger say Seoul sent mine detectors, while the Eastern Wire "
                "reported drones?", [], matcher)
    assert q.kind == "yes_no" and q.outlets == ("Harbor Ledger", "Eastern Wire")
    assert len(q.claims) == 2 and q.compound
    aside = analyse("Was Beeper founded by Eric Migicovsky, the Pebble smartwatch founder?", [],
                    matcher)
    assert len(aside.claims) == 2 and not aside.compound
    about_reports = analyse("Did the Harbor Ledger report that Seoul sent mine detectors, and "
                            "did the same source report that it sent drones?", [], matcher)
    assert about_reports.compound
    # a date heading the question is when it asks about, not a claim of its own
    dated = analyse("As of 20 October 2023, what was the latest on the harbour ferry and the "
                    "port's new quay after the storm?", [], matcher, reference="2023-12-31")
    assert dated.time.as_of == "2023-10-20" and len(dated.claims) == 2 and not dated.compound
    follow = analyse("Did it send weapons?", [{"role": "user", "content": "What did Seoul send?"},
                                              {"role": "assistant", "content": "Medicine [1]."}],
                     matcher)
    # "it" is Seoul, which the question asked about, not the medicine it sent
    assert follow.query.startswith("What did Seoul send? Medicine.")
    assert follow.statement == "Seoul send weapons"
    price = [{"role": "user", "content": "How much does the subscription cost on the web?"},
             {"role": "assistant", "content": "9.99 euros a month [1]."}]
    again = analyse("What about extra accounts?", price, matcher)
    assert again.kind == "number" and again.asks == "amount"
    verdict = [{"role": "user", "content": "Did Seoul send mine detectors?"},
               {"role": "assistant", "content": "Yes [1]."}]
    assert analyse("What about weapons?", verdict, matcher).kind != "yes_no"
