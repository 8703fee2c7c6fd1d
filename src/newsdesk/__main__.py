import sys

from newsdesk.app.cli import main

sys.exit(main())
