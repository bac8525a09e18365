"""``python -m tracekeras``: the same as the ``tracekeras`` command (``tracekeras.cli``)."""
import sys

from tracekeras.cli import main

if __name__ == "__main__":
    sys.exit(main())
