"""``python3 -m tthc``: the tthc reference calculators over the Python package (see
:mod:`tthc.cli`)."""
import signal
import sys

from .cli import main

if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):  # `python3 -m tthc holidays 2025 | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
