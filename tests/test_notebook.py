"""The analyst walkthrough notebook: committed clean, holds no library logic,
and runs end to end (nbclient) on a copy of the tiny test corpus."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
TINY = Path(__file__).parent / "data" / "tiny_reports"

# What the notebook may import: the library, and the standard tools an analyst
# displays results with.
ALLOWED_IMPORTS = ("sq_nlp", "os", "pathlib", "pandas", "IPython")


def _code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    cells = _code_cells(nb)
    assert cells
    for cell in cells:
        assert cell.outputs == [] and cell.execution_count is None


def test_imports_sq_nlp_and_holds_no_library_logic():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    imported = set()
    for cell in _code_cells(nb):
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)), \
                "library logic belongs in sq_nlp, not in the notebook"
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                imported.add((node.module or "").split(".")[0])
    assert "sq_nlp" in imported
    assert imported <= set(ALLOWED_IMPORTS), imported - set(ALLOWED_IMPORTS)


@pytest.mark.slow
def test_notebook_runs_on_a_tiny_corpus(tmp_path, monkeypatch):
    from nbclient import NotebookClient

    corpus = tmp_path / "corpus"
    shutil.copytree(TINY, corpus)
    work = tmp_path / "work"
    monkeypatch.setenv("SQ_NLP_CORPUS", str(corpus))
    monkeypatch.setenv("SQ_NLP_WORK", str(work))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in _code_cells(nb) for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "3 files: 3 ingested" in text
    assert "agreement with section headings (NMI)" in text
    images = [o for o in outputs if o.output_type == "display_data" and "image/png" in o.data]
    assert len(images) >= 4  # trend, keywords, changes, cloud
    for name in ("walkthrough.db", "cloud.png", "keywords.png", "changes.png", "trend.png", "report.html"):
        assert (work / name).is_file(), name
    # the committed file is untouched by the run
    assert all(c.outputs == [] for c in _code_cells(nbformat.read(NOTEBOOK, as_version=4)))
