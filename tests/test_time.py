"""Time in questions (fixed reference date), the newest-relevant answer, as-of cut-offs and
changed figures, on the fake embedder and model."""

import pytest

from fakes import FakeGenerator, indexed_retriever
from newsdesk.answer.assistant import Assistant
from newsdesk.answer.figures import AskedUnit, asked_unit, changed_figure, figures
from newsdesk.question.timeframe import time_frame, without_time_words
from newsdesk.search.passage import Passage
from newsdesk.settings import AnswerConfig

REF = "2023-12-10"  # a Sunday


@pytest.mark.parametrize("question, start, end", [
    ("What happened this week?", "2023-12-04", "2023-12-10"),
    ("What happened last week?", "2023-11-27", "2023-12-03"),
    ("What happened last month?", "2023-11-01", "2023-11-30"),
    ("What has happened since October?", "2023-10-01", ""),
    ("What changed after 5 November?", "2023-11-06", ""),
    ("What was said before November 3, 2023?", "", "2023-11-02"),
    ("What did TechCrunch report in November 2023?", "2023-11-01", "2023-11-30"),
    ("What happened between 3 October and 10 October 2023?", "2023-10-03", "2023-10-10"),
    ("What happened from 2023-10-01 to 2023-10-15?", "2023-10-01", "2023-10-15"),
    ("What happened between 17 and 19 November 2023?", "2023-11-17", "2023-11-19"),
    ("What was reported in the past 10 days?", "2023-11-30", "2023-12-10"),
    ("What happened on Dec. 5?", "2023-12-05", "2023-12-05"),
    ("What did they report in December?", "2023-12-01", "2023-12-31"),
    ("What happened in early October?", "2023-10-01", "2023-10-10"),
    ("What happened in late November 2023?", "2023-11-21", "2023-11-30"),
    ("What changed between the end of September and mid-December 2023?", "2023-09-21",
     "2023-12-20"),
    ("What was bitcoin worth in the last quarter of 2023?", "2023-10-01", "2023-12-31"),
    ("What happened in the third quarter of 2023?", "2023-07-01", "2023-09-30"),
    ("What was reported in Q2 2023?", "2023-04-01", "2023-06-30"),
    ("What happened in the first half of 2023?", "2023-01-01", "2023-06-30"),
    ("What happened since the second half of 2022?", "2022-07-01", ""),
])
def test_periods_are_read_against_the_reference_date(question, start, end):
    frame = time_frame(question, REF)
    assert (frame.start, frame.end) == (start, end)
    assert frame.limited and not frame.latest


def test_a_quarter_without_its_year_is_not_a_period():
    """"the third quarter" alone is often a company's own quarter, reported after it ends."""
    assert not time_frame("What did Apple earn in the third quarter?", REF).limited
    assert time_frame("What did it earn in Q1 2023-24?", REF).start != "2023-01-01"


def test_a_month_without_a_year_is_the_last_one_not_after_the_reference():
    assert time_frame("since December", "2023-11-20").start == "2022-12-01"
    assert time_frame("as of 1 December", "2024-03-01").as_of == "2023-12-01"


def test_latest_and_as_of():
    frame = time_frame("What is the latest on the UAW strike?", REF)
    assert frame.latest and not frame.limited
    assert without_time_words("What is the latest on the UAW strike?", frame) == \
        "What is the on the UAW strike"
    frame = time_frame("As of 1 December, how many people had died?", REF)
    assert frame.latest and frame.as_of == "2023-12-01" and frame.end == "2023-12-01"
    assert frame.start == ""


def test_the_topic_of_a_time_question_leaves_out_how_it_asks():
    from newsdesk.question.timeframe import time_topic

    frame = time_frame("How much was one ether worth in the last quarter of 2023?", REF)
    assert time_topic("How much was one ether worth in the last quarter of 2023?", frame) == \
        "one ether worth"
    frame = time_frame("What is the latest on the UAW strike?", REF)
    assert time_topic("What is the latest on the UAW strike?", frame) == "the UAW strike"


def test_an_event_anchor_is_kept_unresolved_and_plain_questions_have_no_frame():
    frame = time_frame("What did Menendez say before the trial?", REF)
    assert not frame.active and frame.unresolved == ("before the trial",)
    for question in ("What did Theresa May say about Brexit?", "Who bought Activision?",
                     "How many people attended in 2023 Q3 by far?"):
        assert not time_frame(question, REF).limited, question


def test_figures_keep_their_unit_and_leave_out_years():
    found = figures("At least 1,200 people were killed in 2023, $4.5 billion was lost, up 7%.")
    assert [(w, u) for w, u, _ in found] == [("1,200 people", "people"),
                                            ("$4.5 billion", "$billion"), ("7%", "percent")]


def _passage(n, text, published, outlet="Wire"):
    return Passage(chunk_id=n, article_row=n, text=text, start=0, end=len(text), score=1.0,
                   title="t", outlet=outlet, published=published, url="", path=f"{n}.txt")


def test_a_changed_figure_gives_the_first_and_last_value_with_their_dates():
    passages = [_passage(0, "Officials said 7 people were killed in the flooding.", "2023-10-05"),
                _passage(1, "Three people were killed in the flooding, officials said. "
                            "Early reports said 3 people were killed in the flooding.",
                         "2023-10-02", "Ledger")]
    change = changed_figure("people killed in the flooding", passages, None, 0.3)
    assert change is not None
    assert (change.first.value, change.first.published) == ("3 people", "2023-10-02")
    assert (change.last.value, change.last.published) == ("7 people", "2023-10-05")
    assert "first reported as 3 people on 2 October 2023 (Ledger)" in change.sentence()


def test_agreeing_figures_or_one_date_are_not_a_change():
    same = [_passage(0, "7 people were killed in the flooding.", "2023-10-05"),
            _passage(1, "7 people were killed in the flooding.", "2023-10-02")]
    assert changed_figure("people killed in the flooding", same, None, 0.3) is None
    one_day = [_passage(0, "7 people were killed in the flooding.", "2023-10-05"),
               _passage(1, "3 people were killed in the flooding.", "2023-10-05")]
    assert changed_figure("people killed in the flooding", one_day, None, 0.3) is None


DOCS = {
    "strike-1.txt": "Title: Strike begins\nSource: Ledger\nPublished: 2023-09-15\n\n"
                    "The auto workers strike began at three plants on Friday.",
    "strike-2.txt": "Title: Strike spreads\nSource: Wire\nPublished: 2023-10-20\n\n"
                    "The auto workers strike spread to a Stellantis truck plant.",
    "strike-3.txt": "Title: Strike ends\nSource: Monitor\nPublished: 2023-11-01\n\n"
                    "The auto workers strike ended with a tentative deal at all plants.",
    "recipes.txt": "Title: Soup\nSource: Kitchen\nPublished: 2023-12-01\n\n"
                   "A winter soup recipe with leeks and potatoes.",
    "flood-1.txt": "Title: Flood\nSource: Ledger\nPublished: 2023-10-02\n\n"
                   "Officials said 3 people were killed in the river flooding.",
    "flood-2.txt": "Title: Flood toll rises\nSource: Wire\nPublished: 2023-10-05\n\n"
                   "Officials said 7 people were killed in the river flooding.",
}
CUTS = AnswerConfig(min_relevance=0.05, evidence_threshold=0.4, verdict_threshold=0.4,
                    contradiction_threshold=0.25, fact_threshold=0.25)


@pytest.fixture
def retriever(tmp_path):
    return indexed_retriever(tmp_path, DOCS)


def ask(retriever, question, config=CUTS):
    events = list(Assistant(retriever, FakeGenerator("unused"), config).answer(question))
    return events[-1].result


def cited(result):
    return [s.passage.path for s in result.sources if s.cited]


def test_latest_cites_the_newest_relevant_article_not_a_newer_unrelated_one(retriever):
    result = ask(retriever, "What is the latest on the auto workers strike?")
    assert result.strategy == "recent first"
    assert result.answer.startswith("As of 1 November 2023 (Monitor)")
    assert cited(result)[0] == "strike-3.txt" and "recipes.txt" not in cited(result)


def test_as_of_leaves_out_what_was_published_after_it(retriever):
    result = ask(retriever, "As of 25 October 2023, what was the latest on the auto workers strike?")
    assert result.answer.startswith("As of 20 October 2023 (Wire)")
    assert all(s.passage.published <= "2023-10-25" for s in result.sources)
    assert any("on or before 25 October 2023" in n for n in result.notices), result.notices


def test_the_pinned_date_cuts_off_every_search(retriever):
    pinned = AnswerConfig(**{**CUTS.__dict__, "as_of": "2023-10-01"})
    result = ask(retriever, "What is the latest on the auto workers strike?", pinned)
    assert cited(result) == ["strike-1.txt"]
    assistant = Assistant(retriever, None, pinned)
    assert all(p.published <= "2023-10-01" for p in assistant.search("strike plants", 10))


def test_a_range_filters_and_an_empty_range_says_nothing_is_there(retriever):
    result = ask(retriever, "What happened to the auto workers strike in October 2023?")
    assert set(cited(result)) <= {"strike-2.txt"} and cited(result)
    result = ask(retriever, "What happened to the auto workers strike between 1 and 20 March 2023?")
    assert result.abstained and any("March 2023" in n for n in result.notices)


def test_a_date_named_in_passing_with_nothing_then_is_not_used_and_the_answer_says_so(retriever):
    result = ask(retriever, "What happened to the auto workers strike in March 2023?")
    assert not result.abstained and cited(result)
    assert any("March 2023" in n and "any date" in n for n in result.notices)


def test_two_dates_named_for_two_reports_cover_the_days_between_them():
    frame = time_frame("Between the report published on October 6, 2023, and the one "
                       "published on October 7, 2023, did the tone change?", "2026-11-28")
    assert (frame.start, frame.end, frame.firm) == ("2023-10-06", "2023-10-07", False)


def test_a_date_without_a_year_is_placed_in_the_archive_not_after_it():
    frame = time_frame("What happened in November?", "2026-11-28", newest="2023-12-31")
    assert (frame.start, frame.end) == ("2023-11-01", "2023-11-30")


def test_time_words_inside_an_outlet_name_are_not_read():
    question = "What did Business Today | Latest Stock Market News say about the fund?"
    start = question.index("Business")
    frame = time_frame(question, "2026-11-28",
                       ignore=[(start, start + len("Business Today | Latest Stock Market News"))])
    assert not frame.active


def test_an_event_anchor_is_named_in_a_notice(retriever):
    result = ask(retriever, "What did the auto workers do before the deal?")
    assert any("before the deal" in n and "not a date" in n for n in result.notices)


def test_a_number_question_reports_a_changed_figure_with_both_dates(retriever):
    result = ask(retriever, "How many people were killed in the river flooding?")
    assert "first reported as 3 people on 2 October 2023" in result.answer
    assert "7 people by 5 October 2023" in result.answer
    change = result.sentences[0]
    assert change.text.startswith("The figure changed") and len(change.citations) == 2
    # The change is the answer, quoted from its first and last report; no model prose picks
    # one value of the two.
    assert [s.evidence for s in result.sentences[1:]] == [True, True]
    assert "2023-10-02" in result.sentences[1].text and "2023-10-05" in result.sentences[2].text
    # What streams first is that same answer, not a quote of one of the values.
    from newsdesk.answer.assistant import Token
    events = Assistant(retriever, FakeGenerator("unused"), CUTS).answer(
        "How many people were killed in the river flooding?")
    first = next(e for e in events if isinstance(e, Token))
    assert first.text.startswith("The figure changed") and first.text.rstrip().endswith("]")


def test_a_timeline_lists_the_story_in_publication_order_with_what_each_added(retriever):
    assistant = Assistant(retriever, None, CUTS)
    entries = assistant.timeline("auto workers strike")
    paths = [e.passage.path for e in entries]
    assert paths == ["strike-1.txt", "strike-2.txt", "strike-3.txt"]
    assert [e.published for e in entries] == sorted(e.published for e in entries)
    assert "spread to a Stellantis" in entries[1].sentence.text


def test_a_timeline_quotes_what_happened_not_a_question_or_news_of_the_coverage(tmp_path):
    docs = {name: text for name, text in DOCS.items() if name.startswith("strike")}
    docs["strike-2.txt"] = docs["strike-2.txt"].replace(
        "\n\n", "\n\nThe Wire is tracking the auto workers strike live. Will the auto workers "
        "strike spread further? ", 1)
    entries = Assistant(indexed_retriever(tmp_path, docs), None, CUTS).timeline(
        "auto workers strike")
    quoted = [e.sentence.text for e in entries]
    assert not any("tracking" in q or q.endswith("?") for q in quoted), quoted
    assert "spread to a Stellantis" in entries[1].sentence.text


def test_a_timeline_respects_the_time_words_of_its_topic(retriever):
    entries = Assistant(retriever, None, CUTS).timeline("auto workers strike since October 2023")
    assert [e.passage.path for e in entries] == ["strike-2.txt", "strike-3.txt"]


def test_a_how_did_it_unfold_question_is_answered_from_the_timeline(retriever):
    result = ask(retriever, "How did the auto workers strike unfold?")
    assert result.strategy == "timeline"
    lines = result.answer.splitlines()
    assert "15 September 2023 (Ledger)" in lines[1] and "1 November 2023 (Monitor)" in lines[-1]
    assert [s.passage.path for s in result.sources if s.cited] == [
        "strike-1.txt", "strike-2.txt", "strike-3.txt"]


def test_timeline_order_is_by_date_with_undated_last_and_kendall_tau():
    from newsdesk.answer.timeline import in_date_order
    from newsdesk.eval.time_questions import kendall_tau

    by_article = {row: [_passage(row, "x", published)] for row, published in
                  [(0, "2023-11-02"), (1, ""), (2, "2023-10-01"), (3, "2023-11-02")]}
    assert [ps[0].article_row for ps in in_date_order(by_article)] == [2, 0, 3, 1]
    assert kendall_tau(["2023-10-01", "2023-11-02", "2023-11-02"]) == 1.0
    assert kendall_tau(["2023-11-02", "2023-10-01"]) == -1.0
    assert kendall_tau(["2023-10-01", "2023-12-01", "2023-11-01"]) == pytest.approx(1 / 3)


def test_the_eval_judges_latest_range_and_changed_figure_answers():
    from newsdesk.eval.time_questions import judge

    latest = {"kind": "as_of", "newest": ["b.txt"], "cutoff": "2023-11-01"}
    assert judge(latest, {"cited": ["b.txt", "a.txt"], "cited_dates": ["2023-10-30", "2023-10-01"]})
    assert not judge(latest, {"cited": ["b.txt", "c.txt"],
                              "cited_dates": ["2023-10-30", "2023-11-05"]})
    ranged = {"kind": "range", "range": ["2023-10-01", "2023-10-31"], "articles": ["a.txt"]}
    assert judge(ranged, {"cited": ["a.txt"], "cited_dates": ["2023-10-02"]})
    assert not judge(ranged, {"cited": ["a.txt", "z.txt"],
                              "cited_dates": ["2023-10-02", "2023-11-02"]})
    changed = {"kind": "changed_figure", "values": [["1,200"], ["1,400"]], "articles": ["a", "b"],
               "first": ["a"], "last": ["b", "c"]}
    assert judge(changed, {"answer": "first 1,200 then 1400", "cited": ["a", "b"],
                           "cited_dates": ["x", "y"]})
    assert not judge(changed, {"answer": "1,400", "cited": ["a", "b"], "cited_dates": ["x", "y"]})


def test_a_question_comparing_outlets_is_not_answered_as_a_latest_question(retriever):
    result = ask(retriever, "Considering the Wire report on the latest auto workers strike "
                            "and the Monitor report on the deal, who led the union?")
    assert result.strategy != "recent first"


def test_a_changed_figure_in_a_period_is_read_from_every_report_not_only_those_shown(tmp_path):
    """Four reports of a rising toll in October; two are shown, and the change is still told
    from the first and the last."""
    days_and_tolls = [("2023-10-01", 2), ("2023-10-03", 3), ("2023-10-06", 5), ("2023-10-09", 7)]
    docs = {f"toll-{i}.txt": f"Title: Flood report {i}\nSource: Ledger\nPublished: {day}\n\n"
                             f"Officials said {toll} people were killed in the river flooding. "
                             f"Rescue teams worked through the night in the valley, report {i}."
            for i, (day, toll) in enumerate(days_and_tolls)}
    retriever = indexed_retriever(tmp_path, docs)
    config = AnswerConfig(**{**CUTS.__dict__, "top_k": 2})
    result = ask(retriever, "How many people were killed in the river flooding in October 2023?",
                 config)
    assert "first reported as 2 people on 1 October 2023" in result.answer, result.answer
    assert "7 people by 9 October 2023" in result.answer


def test_a_timeline_lists_an_article_naming_the_story_in_passing_but_latest_does_not():
    from newsdesk.answer.timeline import story_articles
    from newsdesk.search.passage import Passage

    def passage(row, text, score):
        return Passage(chunk_id=row, article_row=row, text=text, start=0, end=len(text),
                       score=score, title="", outlet="Ledger", published="2023-11-0%d" % row,
                       url="", path=f"{row}.txt", dense_score=score)

    found = [passage(1, "Epic won its antitrust trial against Google over the Play Store.", 0.8),
             passage(2, "Google faces another suit; Epic's earlier win looms over it.", 0.4)]
    topic = "Epic Google antitrust trial"
    assert set(story_articles(topic, found, floor=0.3, by_names=True)) == {1, 2}
    assert set(story_articles(topic, found, floor=0.3)) == {1}


def test_the_figure_search_steps_past_the_reports_it_found_to_the_first_and_the_last():
    """The first and the last report of a toll rank below the busy days between them: the
    search before the first report found and after the last one brings them in."""
    from newsdesk.answer.figures import figure_passages

    reports = [("2023-10-01", 2, 0.2), ("2023-10-03", 3, 0.9), ("2023-10-06", 5, 0.8),
               ("2023-10-09", 7, 0.1)]
    passages = [_passage(i, f"Officials said {toll} people were killed in the river flooding.",
                         day) for i, (day, toll, _) in enumerate(reports)]
    score = {p.chunk_id: s for p, (_, _, s) in zip(passages, reports)}

    def search(query, k, filters):
        kept = [p for p in passages if filters is None or filters.accepts(
            {"source": p.outlet, "published": p.published})]
        return sorted(kept, key=lambda p: -score[p.chunk_id])[:k]

    extra = figure_passages("people killed in the river flooding", "flooding toll", search, None,
                            shown=passages[1:3], similarity=None, threshold=0.3, depth=2)
    assert {p.published for p in extra} == {"2023-10-01", "2023-10-09"}


def test_a_movement_or_an_earlier_level_is_not_the_level_asked_for():
    passages = [_passage(0, "US benchmark crude dropped $US5.01 and settled at $US84.22 per barrel.",
                         "2023-10-04"),
                _passage(1, "A barrel of benchmark US crude rose 71¢ to reach $US90.39.",
                         "2023-09-26"),
                _passage(2, "The yield on the 10-year Treasury, which sets rates across the "
                            "bond market, eased to 4.73 per cent from 4.80 per cent.", "2023-10-04"),
                _passage(3, "The yield on the 10-year Treasury rose to 4.55 per cent.",
                         "2023-09-26")]
    change = changed_figure("a barrel of benchmark US crude cost", passages[:2], None, 0.3)
    assert (change.first.value, change.last.value) == ("$US90.39", "$US84.22")
    change = changed_figure("the yield on the 10-year Treasury", passages[2:], None, 0.3)
    assert (change.first.value, change.last.value) == ("4.55 per cent", "4.73 per cent")
    # Asked how far it fell, the movement is what is asked for.
    asked = changed_figure("how far benchmark US crude fell", passages[:1] + [
        _passage(4, "Benchmark US crude fell $US1.20 to $US88.10.", "2023-09-30")], None, 0.3)
    assert (asked.first.value, asked.last.value) == ("$US1.20", "$US5.01")


def test_an_index_level_people_by_another_name_and_a_rounded_value():
    levels = figures("The Dow lost 158.84 to 33,507.50 while the Nasdaq gained 18.05 to 13,219.32.")
    assert [(w, u) for w, u, _ in levels] == [("33,507.50", "level"), ("13,219.32", "level")]
    assert [u for _, u, _ in figures("10,000 Palestinians and 870 employees and 3 points")] == [
        "people", "people", "point"]
    rounded = [_passage(0, "Google paid $26 billion in 2021 to be the default search engine.",
                        "2023-10-31"),
               _passage(1, "Google paid $26.3 billion in 2021 to be the default search engine.",
                        "2023-11-13")]
    assert changed_figure("Google paid to be the default search engine", rounded, None,
                          0.3) is None


def test_an_index_named_in_full_once_and_shortly_after_is_one_subject():
    passages = [_passage(0, "The Harbour slid 158.84 to 5,507.50 on the day.", "2023-10-01"),
                _passage(1, "The Harbour Composite Index rose 0.4 per cent, to 5,739.30.",
                         "2023-10-10")]
    change = changed_figure("level did the Harbour Composite Index close at", passages, None,
                            0.3)
    assert change is not None
    assert (change.first.value, change.last.value) == ("5,507.50", "5,739.30")


def test_figures_that_say_none_of_the_question_are_no_change():
    passages = [_passage(0, "A 2 per cent rise was seen.", "2023-10-01"),
                _passage(1, "A 5 per cent rise was seen.", "2023-10-05")]
    assert changed_figure("people killed in the flooding", passages, None, 0.0) is None


def test_a_two_year_yield_is_not_the_ten_year_one():
    passages = [_passage(0, "The yield on the 10-year Treasury rose to 4.55 per cent.", "2023-09-26"),
                _passage(1, "The 10-year Treasury yield fell to 4.18 per cent.", "2023-12-05"),
                _passage(2, "The two-year Treasury yield climbed to 5.06 per cent.", "2023-10-12"),
                _passage(3, "The 2-year Treasury yield fell to 4.57 per cent.", "2023-12-05")]
    change = changed_figure("the yield on the two-year Treasury", passages, None, 0.3)
    assert (change.first.value, change.last.value) == ("5.06 per cent", "4.57 per cent")


def test_the_value_of_one_thing_is_not_that_of_several_and_an_amount_is_money():
    """"How much was one ether worth?": four ether worth $7,000 is no price of one, and a
    rally of 90% said of ether is no amount."""
    passages = [_passage(0, "Ether has rallied 90% over eleven months.", "2023-11-20"),
                _passage(1, "Her 4 ether, worth about $7,000 then, were frozen.", "2023-10-02"),
                _passage(2, "Ether briefly topped $1,800 on Tuesday.", "2023-10-10"),
                _passage(3, "Ether has rallied 120% over twelve months.", "2023-12-20"),
                _passage(4, "Ether climbed on to reach $2,300 this week.", "2023-12-08")]
    change = changed_figure("one ether worth", passages, None, 0.2, AskedUnit(prefer="$"))
    assert (change.first.value, change.last.value) == ("$1,800", "$2,300")
    # not asked for an amount, the best-supported figure's quantity is taken
    change = changed_figure("one ether", passages, None, 0.2)
    assert (change.first.value, change.last.value) == ("90%", "120%")


def test_the_figure_search_keeps_its_change_when_a_wider_search_finds_another_quantity():
    """Searching past the last report finds only another subject's sum ("seeks $200
    million"): the change already found is kept, not replaced by that one figure."""
    from newsdesk.answer.figures import figure_passages

    found = [_passage(0, "Ether briefly topped $1,800 on Tuesday.", "2023-10-10"),
             _passage(1, "Ether climbed on to reach $2,300 this week.", "2023-12-08")]
    later = [_passage(2, "One ether fund, the pitcher says, seeks $200 million for its one ether.",
                      "2023-12-20")]

    def search(query, k, filters):
        if filters is not None and filters.date_from:
            return later
        return found if filters is None or not filters.date_to else []

    extra = figure_passages("one ether", "ether price", search, None, shown=[],
                            similarity=None, threshold=0.2, unit=AskedUnit(prefer="$"))
    assert {p.published for p in extra} == {"2023-10-10", "2023-12-08"}


def test_a_win_loss_standing_is_a_figure_and_a_score_is_not():
    assert [(w, u) for w, u, _ in figures("After the rout the Hawks are 7-2 and lead the West.")] \
        == [("7-2", "record")]
    assert [(w, u) for w, u, _ in figures("They finished with an 11-6-1 record.")] == [
        ("11-6-1", "record")]
    for text in ("The Hawks won a 27-13 game.", "Hawks 27–13 Falcons", "Doors open 9-10 am.",
                 "the 2023-24 season"):
        assert not [u for _, u, _ in figures(text) if u == "record"], text
    standings = [_passage(0, "The Hawks moved to 4-1 with a win over the Falcons.", "2023-10-08"),
                 _passage(1, "With the playoffs near, the Hawks are 9-4 after 13 games.",
                          "2023-12-04"),
                 _passage(2, "The Hawks are 4-1 after five games.", "2023-10-09")]
    change = changed_figure("the Hawks' win-loss record", standings, None, 0.0)
    assert (change.first.value, change.last.value) == ("4-1", "9-4")
    # The same wins with more losses is a change too.
    later = [standings[0], _passage(3, "The Hawks are 4-3 after seven games.", "2023-10-22")]
    assert changed_figure("the Hawks' win-loss record", later, None, 0.0) is not None
    assert changed_figure("the Hawks' win-loss record", standings[::2], None, 0.0) is None


def test_standings_in_brackets_and_series_are_figures_of_the_team_beside_them():
    assert [(w, u) for w, u, _ in figures("Ravens (5-9) at Philadelphia Hawks (10-4) | 8 p.m.")] \
        == [("5-9", "record"), ("10-4", "record")]
    assert [(w, u) for w, u, _ in figures("The series stands tied 1-1 going west.")] == [
        ("1-1", "record")]
    assert [(w, u) for w, u, _ in figures("The Hawks are one out from a 3-1 series lead.")] \
        == [("3-1", "record")]
    # a score's second number is no count of what follows it
    assert figures("Falcons 9-1 Hawks, final") == []
    assert figures("The Hawks won on penalties (4-3) after a draw.") == []
    standings = [_passage(0, "Philadelphia moves to 6-1 after the win.", "2023-10-22"),
                 _passage(1, "Ravens (5-9) at Philadelphia Hawks (10-4) | 8 p.m.", "2023-12-24"),
                 # another team's standing, far from the name asked about
                 _passage(2, "Asked about the Hawks of Philadelphia, the coach said the Ravens "
                             "opened the season with a 5-0 record.", "2023-10-10")]
    change = changed_figure("How did the Philadelphia Hawks' win-loss record change", standings,
                            None, 0.0)
    assert (change.first.value, change.last.value) == ("6-1", "10-4")


def _asked_unit(question):
    from newsdesk.question.values import asked_for

    return asked_unit(asked_for(question), question)


def test_the_unit_asked_for_money_a_standing_or_anything_but_money():
    assert _asked_unit("What was the price of one ether?") == AskedUnit(prefer="$")
    assert _asked_unit("What was the Hawks' win-loss record?") == AskedUnit(prefer="record")
    assert _asked_unit("How many people died?") == AskedUnit(never="$")
    assert _asked_unit("How many dollars did the fund raise?") == AskedUnit()
    assert _asked_unit("Why did it fall?") == AskedUnit()
    assert _asked_unit("What share of the app's users pay?") == AskedUnit(only="percent")
    assert _asked_unit("What was the percentage of late trains?") == AskedUnit(only="percent")
    assert _asked_unit("What share price did Arm list at?").only == ""


def test_a_share_is_answered_by_a_percentage_only():
    from newsdesk.answer.answer_types import gives
    from newsdesk.question.values import COUNT

    question = "What share of the app's users in Spain pay for it?"
    assert gives("About 41% of them pay for a plan.", COUNT, question)
    assert gives("Some 41 per cent of them pay.", COUNT, question)
    assert not gives("The app counted 12 million users in Spain.", COUNT, question)
    # a count that is no share still takes any figure but money
    assert gives("The app counted 12 million users in Spain.", COUNT,
                 "How many users does the app have in Spain?")


def test_a_count_is_not_answered_by_a_sum_of_money():
    """"What jersey number will he wear?" is a count: his contract's sums, reported
    differently on two days, are no change of it, and no sentence holding only them gives
    it."""
    from newsdesk.answer.answer_types import gives

    question = "What jersey number will Hawks pitcher Ito wear?"
    passages = [_passage(0, "Ito's predicted $535 million deal with the Hawks will pay him "
                            "$48 million a year.", "2023-11-18"),
                _passage(1, "Ito will defer $680 million of his $700 million Hawks contract.",
                          "2023-12-23")]
    wanted = "jersey number will Hawks pitcher Ito wear"
    assert changed_figure(wanted, passages, None, 0.0) is not None  # any figure: the sums
    assert changed_figure(wanted, passages, None, 0.0, _asked_unit(question)) is None
    assert not gives(passages[1].text, "count", question)
    assert gives("Ito will wear No. 17, as he did in Anaheim.", "count", question)
    assert gives(passages[1].text, "count", "How many dollars will Ito defer?")


def test_a_series_standing_told_after_its_game_and_asked_where_the_series_stood():
    """"The Hawks won Game 2. The series is now tied 1-1.": the tie names no team (it is
    both sides'), and its sentence leaves the subject to the one before it. Asked where the
    series stood, a standing comes before any other figure said with the question's words."""
    from newsdesk.answer.figures import dated_figures

    question = "Where did the series between the Hawks and the Falcons stand?"
    wanted = "the series between the Hawks and the Falcons stand"
    passages = [_passage(0, "The Hawks beat the Falcons in Game 2 on Saturday. The series is "
                            "now tied 1-1.", "2023-10-28"),
                _passage(1, "Game 2 of the series between the Hawks and the Falcons drew 3 "
                            "million viewers.", "2023-10-29"),
                _passage(2, "The Hawks took a 2-1 series lead over the Falcons.", "2023-10-30")]
    assert _asked_unit(question).prefer == "record"
    found = dated_figures(wanted, passages, None, 0.3, _asked_unit(question))
    assert [f.value for f in found] == ["1-1", "2-1"]
    assert [f.value for f in dated_figures(wanted, passages, None, 0.3)] == ["3 million viewers"]


def test_a_follow_up_figure_is_that_of_the_subject_named_before():
    from newsdesk.answer.strategies.facts_first import _figure_asked
    from newsdesk.question.analysis import analyse
    from newsdesk.question.outlets import OutletMatcher

    history = [{"role": "user", "content": "Who is behind the Quayside app?"},
               {"role": "assistant", "content": "Ana Lopes, its founder [1]."}]
    asked = analyse("How much money has her company raised?", history, OutletMatcher([]))
    assert "Quayside" in _figure_asked(asked)
    passages = [_passage(0, "The Lagos fintech startup raised $2 million in a seed round.",
                         "2023-09-28"),
                _passage(1, "The chip startup has raised $180 million to date.", "2023-12-07")]
    # Figures of other companies are not a change in what the follow-up asks about.
    assert changed_figure(_figure_asked(asked), passages, None, 0.3) is None
