"""The blind poster-term references (tests/data/poster_terms) are well formed:
what `make bench --only poster` scores against is ten distinct terms a report,
each written as the report writes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REFERENCES = sorted((Path(__file__).parent / "data" / "poster_terms").glob("*.jsonl"))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.name)
def test_each_report_has_ten_distinct_terms_each_its_own_first_variant(path):
    lines = _lines(path)
    assert lines
    files = [r["file"] for r in lines]
    assert len(files) == len(set(files))
    for r in lines:
        terms = [t["term"] for t in r["terms"]]
        assert len(terms) == 10 == len(set(terms)), r["file"]
        assert all(t["variants"] and t["variants"][0] == t["term"] for t in r["terms"]), r["file"]


@pytest.mark.parametrize("path", REFERENCES, ids=lambda p: p.name)
def test_every_term_and_variant_occurs_in_its_report(path, shared_corpus):
    from sq_nlp.extract.document import extract_path

    for r in _lines(path):
        source = shared_corpus.parent / r["file"] if r["file"].startswith("eval/") else shared_corpus / r["file"]
        text = re.sub(r"\s", "", extract_path(source).document.text)
        missing = [v for t in r["terms"] for v in t["variants"] if re.sub(r"\s", "", v) not in text]
        assert not missing, (r["file"], missing)
