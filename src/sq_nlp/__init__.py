"""sq_nlp: Chinese text mining for government work reports.

The public API; heavy libraries (jieba, scikit-learn, wordcloud) load only
when a function that needs them is called.
"""

from __future__ import annotations

from sq_nlp.errors import ConfigError, InputError, SqNlpError, StoreError

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "InputError",
    "SqNlpError",
    "StoreError",
    "__version__",
]
