from hypothesis import given, settings, strategies as st

from newsdesk.ingest.chunking import chunk_text, split_sentences, whitespace_token_counter


def test_sentences_respect_abbreviations_and_offsets():
    text = "Mr. Kim met U.S. officials on Monday. They agreed! Then: a deal?\nNew paragraph"
    spans = split_sentences(text)
    sentences = [text[s:e] for s, e in spans]
    assert sentences == ["Mr. Kim met U.S. officials on Monday.", "They agreed!",
                         "Then: a deal?", "New paragraph"]


def test_chunks_fit_the_limit_and_point_back_into_the_text():
    text = " ".join(f"Sentence number {i} says something about the news today." for i in range(60))
    chunks = chunk_text(text, whitespace_token_counter, max_tokens=40, overlap_sentences=1)
    assert len(chunks) > 5
    for chunk in chunks:
        assert text[chunk.start:chunk.end] == chunk.text
        assert whitespace_token_counter([chunk.text])[0] <= 40
    # overlap: each chunk starts with the last sentence of the previous one
    assert chunks[1].start < chunks[0].end
    assert chunks[-1].end == len(text)


def test_a_giant_sentence_is_split_by_words():
    text = "word " * 500
    chunks = chunk_text(text.strip(), whitespace_token_counter, max_tokens=50, overlap_sentences=0)
    assert all(whitespace_token_counter([c.text])[0] <= 50 for c in chunks)
    assert sum(len(c.text.split()) for c in chunks) == 500


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc .!?\n\"'Mr")), max_size=400),
       st.integers(min_value=8, max_value=60), st.integers(min_value=0, max_value=2))
def test_chunking_invariants(text, max_tokens, overlap):
    chunks = chunk_text(text, whitespace_token_counter, max_tokens=max_tokens,
                        overlap_sentences=overlap)
    covered = set()
    for chunk in chunks:
        assert chunk.text == text[chunk.start:chunk.end]
        assert chunk.text.strip() == chunk.text
        covered.update(range(chunk.start, chunk.end))
    # every non-space character belongs to some chunk
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
