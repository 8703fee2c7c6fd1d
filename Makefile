.PHONY: install demo test test-fast

install:
	bash scripts/install.sh

demo: install
	.venv/bin/python app.py

test:
	bash scripts/install.sh --test
	.venv/bin/python -m pytest -q -ra

test-fast:
	.venv/bin/python -m pytest -q -m "not slow and not browser"
