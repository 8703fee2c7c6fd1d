from newsdesk.answer.citations import CheckedSentence, check_answer, render_answer
from newsdesk.answer.evidence import cite_with_evidence, find_evidence
from newsdesk.question.analysis import question_claims


from newsdesk.search.passage import Passage


def P(text: str, start: int = 0, source: str = "", published: str = "") -> Passage:
    return Passage(chunk_id=0, article_row=0, text=text, start=start, end=start + len(text),
                   score=0.0, title="", outlet=source, published=published, url="", path="")


PASSAGES = [
    P("The lab opened in March. Harbor Labs unveiled a solar drone that flies for nine days.",
      200, "Ledger", "2024-05-02"),
    P("Regulators fined Harbor Labs 3 million dollars for late safety filings.", 0, "Monitor",
      "2024-06-10"),
    P("Tomato prices fell in June as harvests recovered.", 0, "Farm Post", "2024-06-11"),
]
QUESTION = ("Which company, which unveiled a solar drone that flies for nine days according to "
            "the Ledger, was fined for late safety filings by regulators?")


def test_a_question_is_split_into_the_claims_it_makes():
    # "Which company" is too short to state a claim of its own.
    assert question_claims(QUESTION) == [
        "which unveiled a solar drone that flies for nine days according to the Ledger",
        "was fined for late safety filings by regulators?"]
    assert question_claims("Who won?") == ["Who won?"]  # no clause states a claim: the whole


def test_each_claim_gets_the_sentence_that_states_it_in_article_coordinates():
    drone, fine = find_evidence(QUESTION, PASSAGES, similarity=None)
    assert drone.n == 1 and drone.text.startswith("Harbor Labs unveiled a solar drone")
    assert drone.start == 200 + PASSAGES[0].text.index("Harbor Labs")
    assert fine.n == 2 and fine.text.startswith("Regulators fined Harbor Labs")


def test_a_claim_no_passage_states_gets_no_evidence():
    assert find_evidence("Did the Ledger report that the company built a submarine for the navy?",
                         PASSAGES, similarity=None) == []


def test_a_bare_verdict_is_cited_with_the_passages_stating_the_claims_and_quotes_follow():
    question = ("Did the Ledger report a solar drone that flies for nine days, while the Monitor "
                "reported regulators fined the company for late safety filings?")
    evidence = find_evidence(question, PASSAGES, similarity=None)
    # The model cited the tomato passage; the verdict is cited with what states the claims.
    checked = cite_with_evidence(check_answer("Yes [3].", PASSAGES), evidence, PASSAGES)
    verdict, *quotes = checked
    assert verdict.citations == [1, 2] and verdict.supported
    assert [q.citations for q in quotes] == [[1], [2]] and all(q.evidence for q in quotes)
    assert quotes[0].text.startswith("Ledger, 2024-05-02: “Harbor Labs unveiled")
    assert render_answer(checked).splitlines() == [
        "Yes [1][2].", f"- {quotes[0].text} [1]", f"- {quotes[1].text} [2]"]


def test_a_verdict_with_no_evidence_is_left_unverified_and_uncited():
    [verdict] = cite_with_evidence(check_answer("No [1][2].", PASSAGES), [], PASSAGES)
    assert verdict.citations == [] and not verdict.supported


def test_a_bare_name_is_cited_with_the_evidence_that_names_it():
    evidence = find_evidence(QUESTION, PASSAGES, similarity=None)
    name, *quotes = cite_with_evidence(check_answer("Harbor Labs [3].", PASSAGES), evidence,
                                       PASSAGES, asks_for_name=True)
    assert name.citations == [1, 2] and name.supported
    assert quotes == []  # both sentences are already shown as the name's support
    wrong, *quotes = cite_with_evidence(check_answer("Farm Post [3].", PASSAGES), evidence,
                                        PASSAGES, asks_for_name=True)
    assert wrong.citations != [1, 2] and len(quotes) == 2  # no evidence names it: not re-cited
    # in the answer to a yes/no question a short sentence is not taken for a name: it keeps
    # the checker's citation (moved from [3] to the passage that supports it)
    _, short, *_ = cite_with_evidence(check_answer("Yes. Harbor Labs [3].", PASSAGES),
                                      evidence, PASSAGES)
    assert short.citations == [1]


def test_answer_sentences_keep_their_own_support_and_are_not_quoted_twice():
    evidence = find_evidence(QUESTION, PASSAGES, similarity=None)
    own = check_answer("Regulators fined Harbor Labs 3 million dollars [2].", PASSAGES)
    checked = cite_with_evidence(own, evidence, PASSAGES)
    assert checked[0] is own[0]
    assert [s.citations for s in checked[1:]] == [[1]]  # only the drone sentence is added
    assert isinstance(checked[1], CheckedSentence) and checked[1].evidence
