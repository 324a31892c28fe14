"""`python -m pipeline`: the command line (see `cli.py`).

The process ends with `os._exit` once the command has returned and its output is flushed:
every file is written and closed by then, worker pools and dask clusters are shut down by
their own `with` blocks, and tearing down the loaded model (some 400,000 Python objects)
would only add half a second to every run, a tenth of an incremental re-run. The
`communique` command (`cli.console`) ends the same way.
"""

import os
import sys

from .cli import main

code = main()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
