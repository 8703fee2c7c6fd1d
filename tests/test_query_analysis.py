from newsdesk.query_analysis import OutletMatcher, analyze, find_dates, outlet_aliases

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
    a = analyze("According to TechCrunch on October 7, 2023, what did Flexport's CEO say?",
                OutletMatcher(SOURCES))
    assert a.outlets == ["TechCrunch"] and len(a.dates) == 1
    assert "TechCrunch" not in a.content and "2023" not in a.content
    assert "Flexport's CEO say" in a.content
