"""One contract every generator keeps (the fake, llama-cpp-python in process, an
OpenAI-compatible server): stream text, continue a given start, count tokens, say whether
it can score a first token and keep its word, stop when cancelled."""

import threading

import pytest

from fakes import FakeGenerator, ScoringFakeGenerator

MESSAGES = [{"role": "system", "content": "Answer in one short sentence."},
            {"role": "user", "content": "Is the sky blue on a clear day? Answer yes or no."}]


@pytest.fixture(params=["fake", "scoring fake", "llama", "remote"])
def generator(request):
    if request.param == "fake":
        return FakeGenerator("Yes, it is blue.")
    if request.param == "scoring fake":
        return ScoringFakeGenerator("Yes, it is blue.", {"Yes": 2.0, "No": -1.0})
    request.applymarker(pytest.mark.slow)
    if request.param == "llama":
        return request.getfixturevalue("real_generator")
    from newsdesk.models.remote import RemoteGenerator

    return RemoteGenerator(request.getfixturevalue("llm_server"))


def test_generator_contract(generator):
    assert generator.name and generator.context_size > 0
    assert generator.count_tokens("three small words") >= 1
    pieces = list(generator.stream(MESSAGES, max_tokens=12))
    assert pieces and all(isinstance(p, str) for p in pieces) and "".join(pieces).strip()
    continued = list(generator.stream(MESSAGES, max_tokens=8, prefix="No"))
    assert "".join(continued).startswith("No")
    scores = generator.first_token_scores(MESSAGES, ["Yes", "No"])
    if generator.can_score:
        assert set(scores) == {"Yes", "No"} and all(isinstance(v, float) for v in scores.values())
    else:
        assert scores is None
    cancel = threading.Event()
    cancel.set()
    assert len(list(generator.stream(MESSAGES, max_tokens=64, cancel=cancel))) <= 1
