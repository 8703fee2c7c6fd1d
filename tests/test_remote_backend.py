"""Generation through an OpenAI-compatible server: llama-cpp-python's own server serving the
bundled GGUF on loopback, driven end to end by `newsdesk ask --llm-url`."""

import json
import subprocess
import sys

import pytest

from conftest import SAMPLE_FOLDER
from servers import free_port
from newsdesk.errors import ModelLoadError
from newsdesk.models.remote import RemoteGenerator

pytestmark = pytest.mark.slow


def test_remote_generator_streams(llm_server):
    gen = RemoteGenerator(llm_server)
    pieces = list(gen.stream([{"role": "user", "content": "Say the word 'harbor' and nothing else."}],
                             max_tokens=10))
    assert len(pieces) >= 1 and "harbor" in "".join(pieces).lower()


def test_ask_through_the_server_end_to_end(llm_server, tmp_path):
    idx = tmp_path / "idx"
    subprocess.run([sys.executable, "-m", "newsdesk", "index", str(SAMPLE_FOLDER), "--index",
                    str(idx)], check=True, capture_output=True, timeout=600)
    out = subprocess.run([sys.executable, "-m", "newsdesk", "ask", "What did Seoul provide to Ukraine?",
                          "--index", str(idx), "--llm-url", llm_server, "--json"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert any(w in answer["answer"].lower() for w in ["mine detector", "medicine", "first-aid"])
    assert any(s["cited"] for s in answer["sources"])


def test_unreachable_server_is_a_clear_error():
    gen = RemoteGenerator(f"http://127.0.0.1:{free_port()}", timeout=5)
    with pytest.raises(ModelLoadError, match="did not answer"):
        list(gen.stream([{"role": "user", "content": "hi"}]))
