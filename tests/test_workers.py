"""Workers under attack: a worker killed mid-file, memory and time budgets per
document, zip and Flate bombs, and workers that must die with their parent."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from sq_nlp import pipeline
from sq_nlp.cli import main
from sq_nlp.errors import ConfigError, InputError
from sq_nlp.workers import Budget, WorkerDied

from minipdf import pdf_bytes

REPORT = ("2031年江城市政府工作报告\n各位代表：\n过去一年，全市地区生产总值增长5.2%，城镇新增就业12.3万人。\n"
          "坚持稳中求进工作总基调，推动高质量发展。\n")


def _kill_self_on_b(item: str) -> str:
    if item == "b":
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer does
    return item.upper()


def _allocate(item: str) -> str:
    if item == "big":
        block = bytearray(1024 * 2**20)  # 1 GiB
        return str(len(block))
    return item.upper()


def _sleep(item: str) -> str:
    if item == "slow":
        time.sleep(60)
    return item.upper()


@pytest.mark.parametrize("workers", [2, 3])
def test_dead_worker_is_named_and_every_other_item_completes(workers):
    results = dict(pipeline.LocalEngine(workers=workers).imap_unordered(_kill_self_on_b, list("abcdefgh")))
    assert sorted(results) == list("abcdefgh")
    assert isinstance(results["b"], WorkerDied)
    assert "killed by SIGKILL" in str(results["b"]) and str(results["b"]).startswith("b: ")
    assert {k: v for k, v in results.items() if k != "b"} == {k: k.upper() for k in "acdefgh"}


@pytest.mark.parametrize("workers", [1, 2])
def test_memory_budget_fails_the_document_with_the_limit_named(workers):
    engine = pipeline.LocalEngine(workers=workers, budget=Budget(memory_mb=128, seconds=None))
    results = dict(engine.imap_unordered(_allocate, ["a", "big", "c"]))
    assert results["a"] == "A" and results["c"] == "C"
    assert isinstance(results["big"], InputError)
    assert "128 MB" in str(results["big"]) and "--max-memory" in str(results["big"])


@pytest.mark.parametrize("workers", [1, 2])
def test_time_budget_fails_the_document_with_the_limit_named(workers):
    engine = pipeline.LocalEngine(workers=workers, budget=Budget(memory_mb=None, seconds=1))
    t0 = time.perf_counter()
    results = dict(engine.imap_unordered(_sleep, ["a", "slow", "c"]))
    assert time.perf_counter() - t0 < 30
    assert results["a"] == "A" and results["c"] == "C"
    assert isinstance(results["slow"], InputError) and "1 s" in str(results["slow"])
    assert "--max-seconds" in str(results["slow"])


def test_limits_are_restored_after_each_document():
    import resource

    from sq_nlp.workers import _MEMORY_LIMIT, limits

    before = resource.getrlimit(_MEMORY_LIMIT), signal.getsignal(signal.SIGALRM)
    with limits(Budget(memory_mb=512, seconds=5)):
        assert resource.getrlimit(_MEMORY_LIMIT)[0] != before[0][0]
    assert (resource.getrlimit(_MEMORY_LIMIT), signal.getsignal(signal.SIGALRM)) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize(("env", "value"), [("SQ_NLP_MAX_MEMORY_MB", "lots"), ("SQ_NLP_MAX_SECONDS", "-3")])
def test_bad_budget_settings_are_config_errors(monkeypatch, env, value):
    monkeypatch.setenv(env, value)
    with pytest.raises(ConfigError, match=env if value == "lots" else "positive"):
        Budget.from_env()


# ---------------------------------------------------------------- end to end, files made here


_REAL_PROCESS_FILE = pipeline.process_file


def _kill_on_bad_file_real(path: str):
    if Path(path).name.startswith("killer"):
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_PROCESS_FILE(path)


def test_run_names_the_file_that_killed_its_worker(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(6):
        (folder / f"r{i}.txt").write_text(REPORT + f"第{i}份。\n", encoding="utf-8")
    (folder / "killer.txt").write_text(REPORT + "杀手。\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "process_file", _kill_on_bad_file_real)
    summary = pipeline.run([folder], db_path=tmp_path / "o.db", workers=2, progress=False)
    assert [Path(p).name for p, _ in summary.failed] == ["killer.txt"]
    assert "killed by SIGKILL" in summary.failed[0][1]
    assert len(summary.ingested) == 6


def flate_bomb_pdf(inflated_mb: int) -> bytes:
    """A valid PDF whose one content stream inflates to ``inflated_mb`` MB of spaces."""
    comp = zlib.compressobj(9)
    chunk = b" " * 2**20
    data = b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    return pdf_bytes(objects)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_flate_bomb_is_stopped_by_the_memory_budget(tmp_path, capsys, workers):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(flate_bomb_pdf(400))
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "o.db"
    code = main(["run", str(bomb), str(good), "--db", str(db), "--workers", workers, "--no-summaries",
                 "--max-memory", "150"])
    err = capsys.readouterr().err
    assert code == 1
    (line,) = [ln for ln in err.splitlines() if "bomb.pdf" in ln and "error" in ln]
    assert "150 MB" in line and "--max-memory" in line
    assert line.startswith(f"sq-nlp: error: {bomb}: needs more than")  # the file, not the work item's repr
    assert "1 ingested" in err


def test_which_pages_to_read_by_ocr_is_found_under_the_budget(tmp_path):
    # a PDF without a text layer is read by OCR page by page; which pages lack one is
    # read in the calling process, under the documents' memory budget, so a Flate
    # bomb is left to its own file's run (which reports it) instead of inflating there
    from sq_nlp.pipeline import LocalEngine, _read_scans
    from sq_nlp.workers import Budget

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(flate_bomb_pdf(400))
    engine = LocalEngine(workers=1, budget=Budget(memory_mb=150))
    assert _read_scans(engine, [str(bomb)], 1, False) == {}


def _docx(main_part: str = "word/document.xml", extra: dict[str, bytes] | None = None,
          content_types: bytes | None = None) -> bytes:
    """A small real .docx, rewritten so that ``_rels/.rels`` names ``main_part`` as the document."""
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("各位代表：过去一年，全市地区生产总值增长5.2%。")
    document.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "_rels/.rels":
                data = data.replace(b'Target="word/document.xml"', f'Target="{main_part}"'.encode())
            if info.filename == "[Content_Types].xml" and content_types:
                data = data.replace(b"</Types>", content_types + b"</Types>")
            if info.filename == "word/document.xml" and main_part != "word/document.xml":
                dst.writestr(main_part, data + b"<!--" + b" " * (3 * 2**20) + b"-->")
            dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("main_part", "content_types"),
    [
        ("word/document.xml", None),  # the ordinary name, padded past the limit below
        ("word/other.xml", None),  # _rels/.rels pointed at another part
        ("word/body.bin", b'<Override PartName="/word/body.bin" ContentType="application/'
                          b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
    ],
)
def test_docx_size_limit_follows_the_real_relationships(tmp_path, monkeypatch, main_part, content_types):
    from sq_nlp.ingest import containers
    from sq_nlp.ingest.reader import ingest

    monkeypatch.setattr(containers, "MAX_DOCX_XML_BYTES", 2 * 2**20)
    data = _docx(main_part, content_types=content_types)
    if main_part == "word/document.xml":
        data = _docx(extra=None)
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            parts = {i.filename: src.read(i.filename) for i in src.infolist()}
        parts["word/document.xml"] += b"<!--" + b" " * (3 * 2**20) + b"-->"
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name, body in parts.items():
                dst.writestr(name, body)
        data = out.getvalue()
    p = tmp_path / "bomb.docx"
    p.write_bytes(data)
    with pytest.raises(InputError, match="MiB of XML"):
        ingest(p)


def test_docx_with_unreferenced_large_part_and_normal_body_reads(tmp_path):
    from sq_nlp.ingest.reader import ingest

    p = tmp_path / "ok.docx"
    p.write_bytes(_docx(extra={"word/unused.xml": b"<x/>" * 1000}))
    assert "5.2%" in ingest(p).text


# ---------------------------------------------------------------- workers die with their parent


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_die_with_their_parent(tmp_path, sig):
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(40):
        (folder / f"r{i:02d}.txt").write_text((REPORT + f"第{i}份。\n") * 400, encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, "-m", "sq_nlp", "run", str(folder), "--db", str(tmp_path / "o.db"), "--workers", "2",
         "--no-summaries"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.05)
        if len(workers) < 2:
            pytest.fail("the run finished or stalled before its two workers were seen")
        parent.send_signal(sig)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        for w in workers if "workers" in locals() else ():
            if _alive(w):
                os.kill(w, signal.SIGKILL)  # do not leave them behind when the test fails
