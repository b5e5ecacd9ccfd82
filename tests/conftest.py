"""Shared fixtures: paths to the repository's corpus and the shared evaluation data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "eval" / "seed"
SHARED_CORPUS = SHARED / "corpus"


def need_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, when shared data is absent."""
    if not path.exists():
        pytest.skip(f"shared evaluation data not found beside the repository ({path.name}); CI has it")
    return path


@pytest.fixture
def seed_dir() -> Path:
    """The seed document's gold folder (skips when absent)."""
    return need_shared(SEED_DIR)


@pytest.fixture
def shared_corpus() -> Path:
    """The 13 real reports (skips when absent)."""
    return need_shared(SHARED_CORPUS)


@pytest.fixture
def seed_path() -> Path:
    """The seed page as shipped in the repository's corpus/."""
    return ROOT / "corpus" / "shengquan_2020.txt"


@pytest.fixture(scope="session")
def questions_db(tmp_path_factory) -> Path:
    """A store of every report the blind question set names (skips without shared data)."""
    import importlib.util
    import json

    corpus = need_shared(SHARED_CORPUS)
    spec = importlib.util.spec_from_file_location("score_answers", ROOT / "scripts" / "score_answers.py")
    sa = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sa)
    gold_dir = ROOT / "tests" / "data" / "questions"
    files = sorted({corpus / json.loads(line)["file"] for p in gold_dir.glob("gold*.jsonl")
                    for line in p.read_text(encoding="utf-8").splitlines() if line.strip()})
    db = tmp_path_factory.mktemp("questions") / "q.db"
    sa.ingest(files, db)
    return db
