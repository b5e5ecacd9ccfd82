"""``python -m sq_nlp``: the same as the ``sq-nlp`` console script."""

import sys

from sq_nlp.cli import main

sys.exit(main())
