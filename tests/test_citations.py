from dataclasses import dataclass

from newsdesk.answer.citations import (check_answer, cited_numbers, missing_key_terms, parse_markers,
                                render_answer)


@dataclass
class P:
    text: str
    start: int = 0


PASSAGES = [
    P("Seoul has given Ukraine first-aid kits, medicine and mine detectors. It sent no weapons.", 100),
    P("Japan pledged 12 billion dollars for energy repairs in Ukraine.", 0),
]


def test_marker_forms_and_invalid_numbers():
    text, dropped = parse_markers("A [1]. B [1, 2]. C [2][3]. D [7].", 2)
    assert text == "A [1]. B [1][2]. C [2]. D."
    assert dropped == [3, 7]
    assert cited_numbers("x [2][1] y [1; 2]") == [2, 1]


def test_supported_sentence_gets_its_span_in_article_coordinates():
    [sentence] = check_answer("Seoul gave Ukraine first-aid kits and medicine [1].", PASSAGES)
    assert sentence.supported and sentence.citations == [1]
    span = sentence.support[0]
    assert span.text.startswith("Seoul has given Ukraine")
    assert (span.start, span.end) == (100, 100 + len(span.text))


def test_wrong_number_or_name_is_not_supported():
    [s1] = check_answer("Japan pledged 15 billion dollars for energy repairs [2].", PASSAGES)
    assert not s1.supported
    [s2] = check_answer("Seoul gave Ukraine first-aid kits [2].", PASSAGES)
    assert s2.supported and s2.citations == [1] and s2.added_citation  # wrong number, fixed
    assert missing_key_terms("Officials in Germany pledged 12 billion", PASSAGES[1].text) == {"germany"}


def test_uncited_sentence_gets_a_citation_only_when_clearly_supported():
    sentences = check_answer("Japan pledged 12 billion dollars for energy repairs. "
                             "The weather was sunny.", PASSAGES)
    assert sentences[0].citations == [2] and sentences[0].added_citation
    assert sentences[1].citations == [] and not sentences[1].supported
    assert render_answer(sentences).startswith("Japan pledged 12 billion dollars for energy repairs [2].")


def test_a_bare_verdict_stands_on_its_citation():
    [cited] = check_answer("Yes [1].", PASSAGES)
    assert cited.supported and cited.citations == [1]
    [uncited] = check_answer("No.", PASSAGES)
    assert uncited.citations == [1, 2] and uncited.added_citation


def test_a_leading_verdict_is_split_from_its_claim():
    sentences = check_answer("Yes, Japan pledged 12 billion dollars for energy repairs [2].", PASSAGES)
    assert [s.text for s in sentences] == ["Yes.", "Japan pledged 12 billion dollars for energy repairs."]
    assert sentences[0].citations == [2] and sentences[0].supported
    assert sentences[1].supported
    [only] = check_answer("Yesterday Japan pledged 12 billion dollars for energy repairs [2].", PASSAGES)
    assert only.text.startswith("Yesterday")


def test_a_wrong_citation_is_moved_to_the_passage_that_supports_the_claim():
    [sentence] = check_answer("Japan pledged 12 billion dollars for energy repairs [1].", PASSAGES)
    assert sentence.supported and sentence.citations == [2] and sentence.added_citation


def test_a_name_opening_the_claim_must_be_in_its_evidence():
    """"Google joined ..." opens with a name the passages write as one: the passage cited,
    which speaks of the alliance but not of Google, does not support it."""
    passages = [P("Meta and IBM launched the AI Alliance of open-source backers on Tuesday."),
                P("Microsoft, Google and OpenAI stayed out of the new group.")]
    [joined] = check_answer("Google joined the AI Alliance of open-source backers [1].", passages)
    assert not joined.supported
    [launched] = check_answer("Meta launched the AI Alliance of open-source backers [1].",
                              passages)
    assert launched.supported
    # an ordinary first word is no name
    assert missing_key_terms("Officials launched the alliance", passages[0].text,
                             {"google", "meta"}) == set()


def test_a_claims_irregular_verb_matches_its_other_forms():
    from newsdesk.answer.citations import claim_support, lexical_support

    claim, evidence = "Portmouth send tankers", "Portmouth has sent pumps but no tankers."
    assert lexical_support(claim, evidence) < claim_support(claim, evidence) == 1.0
    assert claim_support("the board pay the fee", "The board paid a fee.") == 1.0
    # forms that are other words too stay apart ("found": "founded")
    assert claim_support("she find the ledger", "She founded the ledger.") < 1.0
