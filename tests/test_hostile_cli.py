"""The command line under attack: oversized pictures, full disks, deep JSON,
huge numbers, read-only media, file names with control characters, FIFOs and
symbolic link loops, corrupt PDFs, endless searches. Each must end in one
line naming the problem, a non-zero exit and nothing half-written."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from sq_nlp import pipeline
from sq_nlp.cli import main, printable
from sq_nlp.errors import ConfigError

from minipdf import pdf_bytes

REPORT = ("2031年江城市政府工作报告\n各位代表：\n过去一年，全市地区生产总值增长5.2%，城镇新增就业12.3万人，"
          "垃圾分类覆盖全部社区，乡村振兴扎实推进，营商环境持续优化。\n坚持稳中求进工作总基调，推动高质量发展。\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    report = folder / "jiangcheng_2031.txt"
    report.write_text(REPORT * 3, encoding="utf-8")
    path = folder / "x.db"
    assert pipeline.run([report], db_path=path, workers=1, progress=False).ok
    return path


def one_error_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("sq-nlp: error: "), err
    assert "Traceback" not in err
    return lines[0]


# ---------------------------------------------------------------- clouds


@pytest.mark.parametrize("width", ["100000", "10001", "1000000000"])
def test_cloud_width_is_bounded(db, tmp_path, capsys, width):
    out = tmp_path / "c.png"
    assert main(["cloud", "--db", str(db), "-o", str(out), "--width", width]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "10000 px" in line and not out.exists()


def test_cloud_sizes_within_and_past_the_bounds():
    from sq_nlp.summaries.visuals import CloudStyle

    CloudStyle(width=8000)  # 68 cm at 300 dpi: allowed
    for kwargs in ({"width": 10001}, {"width": 9000, "aspect": 1.0}, {"width": 4000, "aspect": 1e6}):
        with pytest.raises(ConfigError):
            CloudStyle(**kwargs)


def test_tall_mask_image_is_refused(tmp_path):
    from PIL import Image

    from sq_nlp.summaries.visuals import image_mask

    p = tmp_path / "tall.png"
    Image.new("L", (2, 4000), 0).save(p)
    with pytest.raises(ConfigError, match="too narrow or too wide"):
        image_mask(p, 800)


# ---------------------------------------------------------------- a full disk


def _disk_full(monkeypatch):
    """Every PIL save and text write writes a little, then fails as a full disk does."""
    from PIL import Image

    real_save = Image.Image.save

    def full(self, fp, *args, **kwargs):
        if not isinstance(fp, (str, os.PathLike)):
            return real_save(self, fp, *args, **kwargs)  # an inline image, in memory
        Path(fp).write_bytes(b"\x89PNG partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", full)
    real_write_text = Path.write_text

    def full_text(self, data, *args, **kwargs):
        real_write_text(self, data[:10], *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full_text)


@pytest.mark.parametrize("args", [["cloud", "-o", "{out}/c.png"], ["cloud", "-o", "{out}/c.svg"],
                                  ["report", "-o", "{out}/r.html"]])
def test_disk_full_while_writing_is_one_line_and_leaves_nothing(db, tmp_path, capsys, monkeypatch, args):
    out = tmp_path / "out"
    out.mkdir()
    _disk_full(monkeypatch)
    code = main([a.format(out=out) for a in args] + ["--db", str(db)])
    line = one_error_line(capsys.readouterr().err)
    assert code == 1 and "No space left on device" in line
    assert list(out.iterdir()) == []  # no half-written file, no temporary one


def test_disk_full_during_outputs_leaves_no_partial_files(db, tmp_path, capsys, monkeypatch):
    out = tmp_path / "outputs"
    _disk_full(monkeypatch)
    assert main(["outputs", "--db", str(db), "-o", str(out)]) == 1
    one_error_line(capsys.readouterr().err)
    assert not [p for p in out.rglob("*") if p.is_file()]


# ---------------------------------------------------------------- deep JSON, huge numbers


def test_deeply_nested_sidecar_is_one_line(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    (tmp_path / "r.txt.meta.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert main(["extract", str(report)]) == 1
    assert "nests too deeply" in one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "args",
    [
        ["figures", "--year", "99999999999999999999"],
        ["figures", "--period", "-99999999999999999999"],
        ["slogans", "--year", "99999999999999999999"],
        ["search", "发展", "--year", "99999999999999999999"],
        ["search", "发展", "--limit", "99999999999999999999"],
        ["keywords", "--year", "99999999999999999999"],
        ["cloud", "-o", "x.png", "--seed", "99999999999999999999"],
        ["topics", "--n", "99999999999999999999"],
    ],
)
def test_huge_numbers_are_refused_by_the_parser(db, capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args + ["--db", str(db)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("at most" in err or "at least" in err)


# ---------------------------------------------------------------- read-only media


def test_database_on_read_only_media_is_read(db, tmp_path, capsys):
    mnt = tmp_path / "media"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode:
        pytest.skip("cannot mount a file system here (needs root): read-only media not simulated")
    try:
        shutil.copy(db, mnt / "x.db")
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True, capture_output=True)
        capsys.readouterr()
        assert main(["figures", "--db", str(mnt / "x.db"), "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)
        assert main(["search", "垃圾分类", "--db", str(mnt / "x.db")]) == 0
        assert "垃圾分类" in capsys.readouterr().out
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_unwritable_database_is_opened_immutable(db, monkeypatch):
    from sq_nlp.store import db as store_db

    real_access = os.access
    monkeypatch.setattr(store_db.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    opened = []
    real_connect = store_db.sqlite3.connect
    monkeypatch.setattr(store_db.sqlite3, "connect", lambda database, **kw: opened.append(database) or real_connect(database, **kw))
    with store_db.open_store(db, readonly=True) as st:
        assert st.documents()
    assert opened and "immutable=1" in opened[0]


# ---------------------------------------------------------------- names, FIFOs, links


def test_control_characters_in_file_names_are_escaped(tmp_path, capsys):
    bad = tmp_path / "evil\x1b[2K\rsq-nlp run: 0 failed\x07.txt"
    bad.write_bytes(b"")
    assert main(["run", str(tmp_path), "--db", str(tmp_path / "x.db"), "--workers", "1", "--no-summaries"]) == 1
    err = capsys.readouterr().err
    assert not any(c in err for c in "\x1b\r\x07")
    assert "evil\\x1b[2K\\rsq-nlp run: 0 failed\\x07.txt" in err


@pytest.mark.parametrize(("text", "shown"), [("a\x1bb", "a\\x1bb"), ("a\u202eb", "a\\u202eb"),
                                             ("普通的名字.txt", "普通的名字.txt")])
def test_printable(text, shown):
    assert printable(text) == shown


def test_fifo_loop_and_broken_link_named_for_what_they_are(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    code = main(["run", str(fifo), str(loop), str(broken), str(good), "--db", str(tmp_path / "x.db"),
                 "--workers", "1", "--no-summaries"])
    err = capsys.readouterr().err
    assert code == 1 and "1 ingested" in err
    assert "pipe.txt: a named pipe (FIFO)" in err
    assert "loop.txt: a symbolic link loop" in err
    assert "broken.txt: a broken symbolic link" in err
    assert main(["extract", str(fifo)]) == 1  # never blocks reading the pipe
    assert "named pipe" in one_error_line(capsys.readouterr().err)


def _pdf_with_stream(stream: bytes) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_bytes(objects)


def test_corrupt_pdf_is_damaged_not_a_scan(tmp_path, capsys):
    from sq_nlp.ingest.containers import pdf_text

    stream = zlib.compress(b"BT /F1 12 Tf 40 800 Td (Jiangcheng report 2031) Tj ET")
    assert "Jiangcheng" in pdf_text(_pdf_with_stream(stream), "ok.pdf")[0]
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(_pdf_with_stream(stream[:2] + bytes(b ^ 0x5A for b in stream[2:])))
    assert main(["extract", str(corrupt)]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "damaged PDF" in line and "no text layer" not in line


# ---------------------------------------------------------------- searches


@pytest.mark.parametrize("query", [[f"词{i}" for i in range(999)], [f"w{i}" for i in range(65)], ["垃" * 5000]])
def test_endless_search_is_refused_without_blaming_the_database(db, capsys, query):
    assert main(["search", *query, "--db", str(db)]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert str(db) not in line and "search" in line


def test_many_repeats_of_one_word_still_search(db, capsys):
    assert main(["search", *(["垃圾分类"] * 80), "--db", str(db)]) == 0
    assert "垃圾分类" in capsys.readouterr().out
