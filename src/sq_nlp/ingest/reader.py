"""Ingest: a file on disk -> :class:`~sq_nlp.records.Document`.

The file's bytes decide how it is read, never its extension: ``PK`` + a
``word/document.xml`` member is a .docx, ``%PDF-`` a PDF, text starting with
``<!doctype html``/``<html`` an HTML page, anything else text in an encoding
detected from the bytes (:mod:`sq_nlp.ingest.decode`). A file named .docx/.pdf
whose bytes are not that container is refused (a saved error page, usually).

Bad input raises :class:`InputError` naming the file and the reason: empty or
blank files, binary data, unreadable paths, damaged or garbage text, files
over :data:`MAX_TEXT_BYTES`/:data:`MAX_CONTAINER_BYTES`, lines longer than
:data:`MAX_LINE_CHARS` (found while reading, so a 50 MB one-line file is
refused after a few MB), and sidecars that do not parse.

Metadata comes from the sidecar ``<file>.meta.json`` (fields of
:class:`~sq_nlp.records.Meta`); what it leaves out is inferred from the text
and file name (:func:`sq_nlp.ingest.docmeta.infer_meta`). Sidecar values win.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import stat
from pathlib import Path
from typing import IO, Any

from sq_nlp.ingest.containers import docx_text, html_text, image_text, looks_like_html, pdf_text, scan_pages, sniff
from sq_nlp.ingest.docmeta import infer_meta, merge_meta
from sq_nlp.errors import InputError
from sq_nlp.records import Document, Meta, OcrLine
from sq_nlp.ingest.decode import MAX_GARBAGE_SHARE, decode_text, garbage_share
from sq_nlp.language.chars import SPACE_CONTROLS, normalize_chars
from sq_nlp.language.script import detect_script

__all__ = [
    "MAX_LINE_CHARS", "SIDECAR_SUFFIX", "check_text", "decode_text", "extract_text", "ingest",
    "ocr_plan", "parse_sidecar", "read_sidecar", "sidecar_path",
]

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
#: No real report has a paragraph this long; a longer line is minified or
#: machine data, and would make every later stage slow.
MAX_LINE_CHARS = 1_000_000
#: A line of MAX_LINE_CHARS characters takes at most 4 bytes per character in
#: any encoding we read; a longer run of bytes without a line break is refused
#: while reading, before the rest of the file is read.
MAX_LINE_BYTES = 4 * MAX_LINE_CHARS
#: Largest text/HTML file read (a year's report is about 0.1 MB).
MAX_TEXT_BYTES = 64 * 2**20
#: Largest .docx/.pdf read (they may carry images).
MAX_CONTAINER_BYTES = 256 * 2**20

_CHUNK = 2**20
_HEAD = 8192
_EXT_FORMAT = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html",
               ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
_LINE = re.compile(r"[^\r\n]+")
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!--)")
_VISIBLE = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
_META_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,), "region": (str,), "year": (int,), "period": (int,), "source": (str,),
    "headline_position": (str,),
}
_HEADLINE_POSITIONS = ("auto", "before", "after")


# ---------------------------------------------------------------- sidecar


def parse_sidecar(raw: str, path: object = "<sidecar>") -> Meta:
    """A sidecar's JSON text -> :class:`Meta`, checking keys, types and values.

    Every key is optional; ``null`` means unknown. Raises :class:`InputError`
    naming ``path`` for invalid JSON, a non-object, unknown keys or wrong types.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"metadata sidecar does not parse as JSON: {exc}") from None
    except RecursionError:
        raise InputError(path, "metadata sidecar nests too deeply to be a sidecar (a JSON object of "
                         "title, region, year ... is flat)") from None
    if not isinstance(data, dict):
        raise InputError(path, f"metadata sidecar must be a JSON object, not {type(data).__name__}")
    unknown = sorted(set(data) - set(_META_TYPES))
    if unknown:
        raise InputError(path, f"unknown sidecar keys {unknown}; allowed: {sorted(_META_TYPES)}")
    for key, value in data.items():
        if value is None:
            continue
        types = _META_TYPES[key]
        if isinstance(value, bool) or not isinstance(value, types):
            raise InputError(path, f"sidecar key {key!r} must be {types[0].__name__} or null, "
                             f"not {type(value).__name__} ({value!r})")
        if key in ("year", "period") and not 1800 <= value <= 2200:
            raise InputError(path, f"sidecar key {key!r} is not a plausible year: {value}")
    if data.get("headline_position") is None:
        data.pop("headline_position", None)
    elif data["headline_position"] not in _HEADLINE_POSITIONS:
        raise InputError(path, f"sidecar key 'headline_position' must be one of {list(_HEADLINE_POSITIONS)}, "
                         f"not {data['headline_position']!r}")
    return Meta(**data)


def sidecar_path(path: Path) -> Path:
    """Where the metadata sidecar of ``path`` stands: ``<name>.meta.json`` beside it."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> Meta:
    """The metadata sidecar beside ``path``, or an empty :class:`Meta` when there is none."""
    side = sidecar_path(Path(path))
    try:
        raw = side.read_bytes()
    except FileNotFoundError:
        return Meta()
    except OSError as exc:
        raise InputError(side, f"cannot read the metadata sidecar: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(side, f"metadata sidecar is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return parse_sidecar(text, side)


# ---------------------------------------------------------------- reading


def _read_text_bytes(f: IO[bytes], head: bytes, path: Path) -> bytes:
    """The rest of a text file after ``head``, refusing over-long lines as they come."""
    chunks: list[bytes] = []
    run = 0  # bytes since the last line break
    lines = 1
    chunk = head
    while chunk:
        chunks.append(chunk)
        first = min((i for i in (chunk.find(b"\n"), chunk.find(b"\r")) if i >= 0), default=-1)
        if first < 0:
            run += len(chunk)
        elif run + first > MAX_LINE_BYTES:
            break
        else:
            lines += chunk.count(b"\n")
            run = len(chunk) - 1 - max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        if run > MAX_LINE_BYTES:
            break
        chunk = f.read(_CHUNK)
    else:
        return b"".join(chunks)
    read = sum(map(len, chunks))
    raise InputError(path, f"line {lines} is longer than {MAX_LINE_CHARS:,} characters "
                     f"(more than {MAX_LINE_BYTES // 2**20} MiB without a line break in the first "
                     f"{read / 2**20:.0f} MiB read); not report text: split it into lines or check the file")


def _read(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its container kind (``zip``, ``pdf`` or ``text``)."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "is a directory, not a file")
        if stat.S_ISFIFO(st.st_mode):
            raise InputError(path, "a named pipe (FIFO), not a report file; copy the report into a file first")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, "is not a regular file")
        if st.st_size == 0:
            raise InputError(path, "the file is empty")
        with path.open("rb") as f:
            head = f.read(_HEAD)
            kind = sniff(head, path)
            limit = MAX_TEXT_BYTES if kind == "text" else MAX_CONTAINER_BYTES  # images too
            if st.st_size > limit:
                raise InputError(path, f"the file is {st.st_size / 2**20:.0f} MiB, more than the "
                                 f"{limit // 2**20} MiB a {kind} report may have")
            if kind == "text":
                return _read_text_bytes(f, head, path), kind
            return head + f.read(), kind
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied: cannot read the file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def check_text(text: str, path: object, *, encoding: str = "text", garbage: bool = True,
               text_layer: bool = False) -> None:
    """Refuse text that is blank, has an over-long line, or (``garbage``) is mostly garbage characters.

    ``text_layer`` is for text extracted from a .docx or PDF: writers of PDF
    text layers put control characters (U+0001 ...) where spaces were, so
    there they count as spaces, unless there are more of them than of
    anything else (then the layer names glyph codes, not characters).
    """
    if not _VISIBLE.search(text):
        raise InputError(path, "the file contains only whitespace")
    if text_layer:
        controls = len(SPACE_CONTROLS.findall(text))
        visible = len(_SPACES.sub("", SPACE_CONTROLS.sub(" ", text))) if controls else 0
        if controls > visible:
            raise InputError(path, f"the {encoding} text layer is mostly control characters ({controls:,} of "
                             f"{controls + visible:,}): glyph codes, not text; it cannot be read without OCR")
    for m in _LINE.finditer(text):
        if m.end() - m.start() > MAX_LINE_CHARS:
            line = text.count("\n", 0, m.start()) + 1
            raise InputError(path, f"line {line} is {m.end() - m.start():,} characters long, more than "
                             f"{MAX_LINE_CHARS:,}; not report text: split it into lines or check the file")
    share = garbage_share(text, controls_as_spaces=text_layer) if garbage else 0.0
    if share > MAX_GARBAGE_SHARE:
        raise InputError(path, f"decodes to garbage: as {encoding}, {share:.1%} of its characters are "
                         "control, private-use or unassigned characters")


def extract_text(
    data: bytes, kind: str, path: Path, *, ocr_pages: Any = None, threads: int | None = None,
) -> tuple[str, str, str, tuple[OcrLine, ...]]:
    """``(text, encoding, format, ocr_lines)`` of a file's bytes whose container is ``kind``.

    Scanned pages (images, PDF pages without a text layer) are read by OCR;
    ``ocr_pages`` gives pages read already (0-based index -> page), the rest
    are read here on ``threads`` threads.
    """
    claimed = _EXT_FORMAT.get(path.suffix.lower())
    lines: tuple[OcrLine, ...] = ()
    if kind == "zip":
        text, encoding, fmt = docx_text(data, path), "docx", "docx"
    elif kind == "pdf":
        (text, lines), encoding, fmt = pdf_text(data, path, ocr_pages=ocr_pages, threads=threads), "pdf", "pdf"
    elif kind == "image":
        from sq_nlp.ingest.ocr.raster import image_kind

        (text, lines), fmt = image_text(data, path, ocr_pages=ocr_pages, threads=threads), "image"
        encoding = image_kind(data[:16]) or "image"
    else:
        if claimed in ("docx", "pdf", "image"):
            raise InputError(path, f"named .{claimed} but its bytes are not a {claimed.upper()} file "
                             "(text or HTML: a saved error page?); fetch the real file or rename it")
        text, encoding = decode_text(data, path)
        fmt = "txt"
        # A page fragment named .html is HTML too; a .html without any tag is text.
        if looks_like_html(text) or (claimed == "html" and _TAG.search(text)):
            text, fmt = html_text(text, path), "html"
    if claimed and claimed != fmt:
        log.warning("%s: named %s but is %s; read as %s", path, path.suffix, fmt, fmt)
    return text, encoding, fmt, lines


def ocr_plan(path: str | Path) -> tuple[int, ...]:
    """0-based indices of a file's pages that OCR reads (every page of an
    image, the PDF pages without a text layer); ``()`` for other files and
    for files that cannot be read (:func:`ingest` reports why)."""
    p = Path(path)
    try:
        data, kind = _read(p)
        return scan_pages(data, kind, p)
    except InputError:
        return ()


def ingest(path: str | Path, *, ocr_pages: Any = None, threads: int | None = None) -> Document:
    """Read one report file into a :class:`Document`.

    ``Document.text`` is the full decoded text (or the text extracted from a
    .docx/.pdf/.html, or read by OCR from scanned pages: then
    ``Document.ocr_lines`` locates each line); metadata comes from the
    sidecar, with gaps filled by inference from the text and file name.
    ``ocr_pages`` and ``threads``: see :func:`extract_text`.
    Raises :class:`InputError` naming the file and the reason for bad input.
    """
    p = Path(path)
    data, kind = _read(p)
    text, encoding, fmt, lines = extract_text(data, kind, p, ocr_pages=ocr_pages, threads=threads)
    # Decoded text was checked for garbage by decode_text already.
    container = fmt in ("docx", "pdf", "image")
    check_text(text, p, encoding=encoding, garbage=container, text_layer=fmt in ("docx", "pdf"))
    script = detect_script(normalize_chars(text))
    found = merge_meta(read_sidecar(p), infer_meta(text, p.name, script=script))
    log.debug("%s: %s/%s, %d chars, meta %s", p, fmt, encoding, len(text), found)
    return Document(
        path=str(p),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        format=fmt,
        text=text,
        title=found.title,
        region=found.region,
        year=found.year,
        period=found.period,
        source=found.source,
        headline_position=found.headline_position,
        ocr_lines=lines,
        script=script,
    )
