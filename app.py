"""The demo: build the index from the bundled sample articles on first start, then serve the
web chat on http://127.0.0.1:7860. Settings come from NEWSDESK_* variables (see README)."""

from newsdesk.settings import load_settings
from newsdesk.app.web import serve

if __name__ == "__main__":
    serve(load_settings())
