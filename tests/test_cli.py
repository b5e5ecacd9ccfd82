"""The CLI, run in-process through ``main(argv)``."""

from __future__ import annotations

import json

from sq_nlp.cli import main


def test_extract_json_contract(seed_path, capsys):
    assert main(["extract", str(seed_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"document", "blocks", "figures", "slogans"}
    doc = data["document"]
    assert {"path", "sha256", "encoding", "title", "region", "year", "period"} <= set(doc)
    assert doc["encoding"] == "utf-8" and doc["year"] == 2021 and doc["period"] == 2020
    assert data["blocks"] and {"kind", "text", "section", "start", "end"} <= set(data["blocks"][0])


def test_missing_file_is_a_clear_error_and_batch_goes_on(seed_path, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["extract", str(missing), str(seed_path)]) == 1
    captured = capsys.readouterr()
    assert "nope.txt" in captured.err and "Traceback" not in captured.err
    assert len(captured.out.strip().splitlines()) == 1  # the good file still printed


def test_help_has_examples(capsys):
    try:
        main(["extract", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "example" in capsys.readouterr().out
