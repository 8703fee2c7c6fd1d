import pytest

from fakes import indexed_retriever
from newsdesk.search.filters import SearchFilters
from newsdesk.question.clauses import clauses

DOCS = {
    "seoul.txt": ("Seoul aid", "Ledger", "2024-06-21", "Seoul gave Ukraine medicine and mine detectors."),
    "tokyo.txt": ("Tokyo aid", "Monitor", "2024-05-14", "Tokyo gave Ukraine generators and demining help."),
    "chips.txt": ("Chip exports", "Monitor", "2024-06-01", "Chip exports rose strongly in May."),
    "tanks.txt": ("Tank deal", "Ledger", "2023-12-01", "Poland buys tanks from Korea."),
}


@pytest.fixture
def retriever(tmp_path):
    return indexed_retriever(tmp_path, {
        name: f"Title: {title}\nSource: {source}\nPublished: {date}\n\n{body}"
        for name, (title, source, date, body) in DOCS.items()})


def test_hybrid_search_ranks_the_matching_article_first(retriever):
    hits = retriever.search("what did Seoul give Ukraine", k=3)
    assert hits[0].path == "seoul.txt"
    assert hits[0].score >= hits[1].score
    assert hits[0].text == "Seoul gave Ukraine medicine and mine detectors."
    assert (hits[0].title, hits[0].outlet, hits[0].published) == ("Seoul aid", "Ledger", "2024-06-21")


def test_filters_by_outlet_and_date(retriever):
    hits = retriever.search("Ukraine aid", k=4, filters=SearchFilters(outlets=("monitor",)))
    assert {h.outlet for h in hits} == {"Monitor"}
    hits = retriever.search("Ukraine aid", k=4, filters=SearchFilters(date_from="2024-06-01",
                                                                      date_to="2024-06-30"))
    assert {h.path for h in hits} == {"seoul.txt", "chips.txt"}
    assert retriever.search("Ukraine", k=4, filters=SearchFilters(outlets=("Nobody",))) == []


def test_fusion_rewards_agreement_between_dense_and_keyword(retriever):
    hits = retriever.search("tanks Poland", k=4)
    assert hits[0].path == "tanks.txt"
    assert len({h.chunk_id for h in hits}) == len(hits)


def test_empty_query_returns_nothing(retriever):
    assert retriever.search("   ", k=3) == []


def test_sentence_rerank_prefers_the_passage_that_states_it_in_one_sentence(tmp_path):
    retriever = indexed_retriever(tmp_path, {
        "scattered.txt": "Title: Notes\n\nSeoul hosted a fair. Ukraine was discussed. Some kits were "
                         "shown. Detectors were demonstrated. Seoul and Ukraine were again named, "
                         "with kits and detectors.",
        "stated.txt": "Title: Aid\n\nOfficials met on Monday. Seoul sent Ukraine kits and "
                      "detectors last week."}).with_config(rerank_depth=5)
    hits = retriever.search("Seoul sent Ukraine kits and detectors", k=2)
    assert hits[0].path == "stated.txt"


def test_outlet_named_in_the_question_pulls_its_articles_up(retriever):
    hits = retriever.search("According to Monitor, what happened with Ukraine aid?", k=2)
    assert hits[0].outlet == "Monitor"
    plain = retriever.with_config(use_metadata=False).search(
        "According to Monitor, what happened with Ukraine aid?", k=4)
    assert len(plain) == 4


def test_clauses_split_a_multi_part_question():
    assert clauses("Which company, known for its Prime sale day as reported by Wired, and "
                   "its dominance in e-readers, saw shares tumble while rivals rose?") == [
        "Which company", "known for its Prime sale day as reported by Wired",
        "its dominance in e-readers", "saw shares tumble", "rivals rose?"]
    assert clauses("What did Seoul provide to Ukraine?") == ["What did Seoul provide to Ukraine?"]


def test_clause_rerank_prefers_the_sentence_that_states_one_claim_fully(tmp_path):
    retriever = indexed_retriever(tmp_path, {
        "mixed.txt": "Title: Notes\n\nThe company known for Prime Day saw shares and a lawsuit.",
        "stated.txt": "Title: Markets\n\nIts shares tumble, as we saw, after the antitrust "
                      "lawsuit.",
        "other.txt": "Title: Bonds\n\nA sale of bonds went well."})
    question = "Which company, known for a Prime sale day, saw shares tumble after an antitrust lawsuit?"
    whole_only = retriever.with_config(rerank_depth=5, rerank_base=0.0, rerank_clause=0.0)
    assert whole_only.search(question, k=2)[0].path == "mixed.txt"  # more of the words
    with_clauses = retriever.with_config(rerank_depth=5, rerank_base=0.0, rerank_clause=2.0)
    assert with_clauses.search(question, k=2)[0].path == "stated.txt"  # all of one claim


def test_each_named_outlet_is_searched_with_its_own_part_of_the_question(tmp_path):
    art = "Title: {t}\nSource: {s}\nPublished: 2024-06-0{d}\n\n{b}"
    retriever = indexed_retriever(tmp_path, {
        "ledger-aid.txt": art.format(t="Aid", s="Ledger", d=1,
                                     b="Seoul sent Ukraine mine detectors, medical kits, "
                                       "generators, blankets and tents."),
        "monitor-aid.txt": art.format(t="Aid again", s="Monitor", d=2,
                                      b="Monitor readers asked whether Seoul sent Ukraine mine "
                                        "detectors, medical kits, generators, blankets and tents."),
        "monitor-chips.txt": art.format(t="Trade", s="Monitor", d=3,
                                        b="Chip exports rose sharply in May."),
        "weather.txt": art.format(t="Weather", s="Post", d=4, b="Rain is expected in June."),
        "sport.txt": art.format(t="Sport", s="Post", d=5, b="The final ended in a draw."),
    })
    question = ("Does the Ledger article say Seoul sent Ukraine mine detectors, medical kits, "
                "generators, blankets and tents, while the Monitor article says chip exports rose?")
    first_stage = retriever.with_config(rerank_depth=0)
    ranked = [h.path for h in first_stage.search(question, k=3)]
    assert ranked.index("monitor-chips.txt") < ranked.index("monitor-aid.txt")
    whole = [h.path for h in first_stage.with_config(outlet_queries=False).search(question, k=3)]
    assert whole.index("monitor-aid.txt") < whole.index("monitor-chips.txt")
