import pytest

from newsdesk.eval.metrics import (article_recall, hits_at, map_at, mrr_at, percentile, relevance,
                              squash)


def test_relevance_uses_the_benchmark_rule():
    chunks = ["The council met.\nIt approved  the budget on Monday.", "Nothing here."]
    assert relevance(chunks, ["It approved the budget"]) == [True, False]
    assert squash("a b\nc") == "abc"
    assert relevance(chunks, ["   "]) == [False, False]


def test_hand_made_ranking():
    rel = [False, True, False, True, False, False, False, False, False, True]
    assert hits_at(rel, 1) == 0.0 and hits_at(rel, 4) == 1.0
    assert mrr_at(rel, 10) == pytest.approx(0.5)
    # relevant at ranks 2, 4, 10: precisions 1/2, 2/4, 3/10
    assert map_at(rel, 10) == pytest.approx((0.5 + 0.5 + 0.3) / 3)
    assert map_at(rel, 4) == pytest.approx(0.5)
    assert mrr_at([False] * 10, 10) == 0.0 and map_at([False] * 10, 10) == 0.0


def test_article_recall_and_percentile():
    assert article_recall(["a", "b", "a"], ["a", "c"]) == 0.5
    assert article_recall(["a"], []) == 0.0
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([], 95) == 0.0
