"""Near-duplicate stories: wire copies merge, different reports of one event do not."""

import random
from pathlib import Path

import pytest

from newsdesk.eval import duplicates as evaluation
from newsdesk.ingest.duplicates import duplicate_groups, duplicate_pairs

STORY = ("The city council voted on Tuesday to close the old harbour bridge for repairs after "
         "engineers found cracks in two of its steel supports. The closure will last about six "
         "months, and ferries will run every twenty minutes while the work goes on. The mayor "
         "said the repairs would cost 14 million dollars, paid from the state's roads fund. "
         "Shop owners near the bridge asked for help with the lost trade, and the council "
         "promised a hearing next month.")
OTHER_REPORT = ("Cracks in the harbour bridge have forced its closure, the council decided on "
                "Tuesday. Commuters face half a year of ferries instead, and local traders fear "
                "a quiet winter. Engineers had inspected the steel structure in the spring; the "
                "state will pay the bill of 14 million dollars, according to the mayor's office, "
                "which also plans a public hearing.")


def test_a_wire_copy_with_small_edits_is_the_same_story():
    copy = "LONDON (Reuters) - " + STORY.replace("about six", "roughly six").replace(
        "Tuesday", "Tuesday evening") + " Copyright 2023 Reuters."
    groups = duplicate_groups([("a", STORY, "Harbor Ledger"), ("b", copy, "Eastern Wire"),
                               ("c", OTHER_REPORT, "Daily Post")])
    assert groups == [["a", "b"]]


def test_two_reports_of_one_event_in_their_own_words_stay_apart():
    assert duplicate_pairs([("a", STORY, "Harbor Ledger"), ("c", OTHER_REPORT, "Daily Post")]) == []


def test_an_outlet_reworking_its_own_article_keeps_both_versions():
    update = STORY + (" On Wednesday the council added a night bus and said the bridge could "
                      "reopen in stages, with one lane available from March and the footpath "
                      "open to walkers throughout the works, which start next week.")
    assert duplicate_pairs([("a", STORY, "Harbor Ledger"), ("b", update, "Harbor Ledger")]) == []
    assert duplicate_pairs([("a", STORY, "Harbor Ledger"), ("b", update, "Eastern Wire")])
    assert duplicate_pairs([("a", STORY, "Harbor Ledger"), ("b", STORY, "harbor ledger")])


def test_short_texts_are_never_merged():
    assert duplicate_pairs([("a", "Bridge closed.", "X"), ("b", "Bridge closed.", "Y")]) == []


def test_rewritten_copies_keep_the_story_and_change_the_text():
    rng = random.Random(3)
    copy = evaluation.rewrite(STORY + "\n\n" + OTHER_REPORT, rng, "Outlet 1")
    assert copy != STORY + "\n\n" + OTHER_REPORT
    assert duplicate_pairs([("a", STORY + "\n\n" + OTHER_REPORT, "A"), ("b", copy, "B")])


MULTIHOP = Path(__file__).resolve().parents[1] / "../shared/eval/multihop-rag/articles"


@pytest.mark.slow
@pytest.mark.skipif(not MULTIHOP.is_dir(), reason="MultiHop-RAG articles not present")
def test_on_the_multihop_articles_copies_are_found_and_originals_not_merged():
    report = evaluation.evaluate(MULTIHOP, copies=60, seed=11)
    assert report["recall"] >= 0.95 and report["precision"] >= 0.95
    assert report["false_merges_among_originals"] == 0


def test_a_story_several_outlets_ran_is_one_search_result_naming_every_outlet(tmp_path):
    from fakes import indexed_retriever

    copy = "LONDON (Reuters) - " + STORY.replace("about six", "roughly six")
    retriever = indexed_retriever(tmp_path, {
        "ledger.txt": f"Title: Bridge to close\nSource: Harbor Ledger\nPublished: 2024-03-02\n\n{STORY}",
        "wire.txt": f"Title: Harbour bridge shut\nSource: Eastern Wire\nPublished: 2024-03-03\n\n{copy}",
        "post.txt": f"Title: Traders fear winter\nSource: Daily Post\nPublished: 2024-03-04\n\n"
                    f"{OTHER_REPORT}"})
    hits = retriever.search("harbour bridge closure repairs ferries", k=3)
    paths = [h.path for h in hits]
    assert "post.txt" in paths
    assert len({"ledger.txt", "wire.txt"} & set(paths)) == 1
    story = next(h for h in hits if h.path in ("ledger.txt", "wire.txt"))
    other = "Eastern Wire" if story.outlet == "Harbor Ledger" else "Harbor Ledger"
    assert [c["outlet"] for c in story.also_in] == [other]
    assert next(h for h in hits if h.path == "post.txt").also_in == []
