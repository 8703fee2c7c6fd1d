import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).parent))

from newsdesk.settings import SAMPLE_FOLDER  # noqa: E402
from servers import free_port, wait_until_up  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_FOLDER = SHARED / "seed"
MULTIHOP = SHARED / "eval" / "multihop-rag"


@pytest.fixture(scope="session")
def real_embedder():
    from newsdesk.models.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_generator():
    from newsdesk.models.llama import LlamaGenerator

    return LlamaGenerator(context_size=4096, threads=2)


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory, real_embedder):
    from newsdesk.ingest.sync import build_index

    index_dir = tmp_path_factory.mktemp("sample-index")
    build_index(SAMPLE_FOLDER, index_dir, real_embedder)
    return index_dir


@pytest.fixture(scope="session")
def real_assistant(sample_index, real_embedder, real_generator):
    from newsdesk.answer.assistant import Assistant
    from newsdesk.search.retriever import Retriever

    return Assistant(Retriever.load(sample_index, real_embedder), real_generator)


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory):
    pytest.importorskip("llama_cpp.server")
    from newsdesk.models.bundled import default_model_path

    port = free_port()
    log = open(tmp_path_factory.mktemp("llm") / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model",
                             str(default_model_path()), "--host", "127.0.0.1", "--port", str(port),
                             "--n_ctx", "4096", "--n_threads", "2"], stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url + "/v1/models", proc, Path(log.name), timeout=120)
    yield url
    proc.terminate()
    proc.wait(timeout=30)
