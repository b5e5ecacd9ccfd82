"""The package's public names: all resolve, and importing the package is light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sq_nlp


@pytest.mark.parametrize("name", sq_nlp.__all__)
def test_every_public_name_resolves(name):
    assert getattr(sq_nlp, name) is not None


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        sq_nlp.no_such_thing  # noqa: B018


def test_import_loads_no_heavy_library():
    code = "import sys, sq_nlp; sq_nlp.query; print(','.join(m for m in ('jieba', 'rjieba', 'sklearn', 'pandas', 'wordcloud', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
