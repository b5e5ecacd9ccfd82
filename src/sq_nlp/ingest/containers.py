"""Container formats: recognise a file by its bytes, extract .docx/.pdf/.html text.

Each extractor returns plain text in reading order, one line per paragraph
(a table row is one line, its cells separated by tabs). The parsers are
imported where they are used, so plain-text ingest never pays for them.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from sq_nlp.errors import InputError
from sq_nlp.language.chars import HAN

log = logging.getLogger(__name__)

#: Uncompressed size above which the XML parts of a .docx are refused (zip
#: bombs): a year's report has well under 1 MiB of XML, and parsing XML takes
#: about ten times its size in memory.
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
#: Uncompressed size above which all the parts a .docx reader loads (XML,
#: images ...) are refused.
MAX_DOCX_PARTS_BYTES = 512 * 1024 * 1024
#: Largest relationship or content-types part read to find the parts.
MAX_DOCX_INDEX_BYTES = 4 * 1024 * 1024

# Magic numbers of formats we do not read, with what to tell the user.
_UNSUPPORTED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls/.ppt); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
    (b"GIF87a", "a GIF image; save it as PNG (PNG, JPEG and TIFF scans are read by OCR)"),
    (b"GIF89a", "a GIF image; save it as PNG (PNG, JPEG and TIFF scans are read by OCR)"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive; unpack it first"),
    (b"BZh", "a bzip2 archive; unpack it first"),
    (b"\xfd7zXZ\x00", "an xz archive; unpack it first"),
    (b"\x7fELF", "an executable, not a report"),
    (b"%!PS", "a PostScript file; convert it to PDF"),
)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_CID = re.compile(r"\(cid:\d+\)")
_PDF_HEADER = re.compile(rb"(?:\A|[\r\n])%PDF-\d")


def sniff(head: bytes, path: object = "<bytes>") -> str:
    """The container format the first bytes of a file announce.

    ``"zip"`` (maybe a .docx), ``"pdf"``, ``"image"`` (PNG, JPEG, TIFF: read
    by OCR) or ``"text"`` (which may still be HTML: see
    :func:`looks_like_html`). Raises :class:`InputError` naming ``path`` for
    a recognised format we do not read.
    """
    from sq_nlp.ingest.ocr.raster import image_kind

    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if image_kind(head):
        return "image"
    # The PDF header may follow a little junk; readers accept it within 1 KB.
    if _PDF_HEADER.search(head[:1024]):
        return "pdf"
    for magic, what in _UNSUPPORTED_MAGIC:
        if head.startswith(magic):
            raise InputError(path, f"unsupported format: {what}")
    return "text"


def looks_like_html(text: str) -> bool:
    """True when decoded text starts like an HTML document (doctype, <html>, <head>, <body>)."""
    return bool(_HTML_START.match(text[:4096].lstrip("\ufeff")))


# ---------------------------------------------------------------- docx


def _docx_lines(container: Any, seen: set[Any]) -> Iterator[str]:
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    # Merged cells come back once per grid column and per
                    # merged row: keep the first, or text would repeat.
                    # (The set holds the XML elements themselves: ids of
                    # lxml proxies are reused once a proxy is collected.)
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    cells.append(" ".join(line for line in _docx_lines(cell, seen) if line.strip()))
                if any(c.strip() for c in cells):
                    yield "\t".join(cells)
        else:
            yield item.text


def docx_text(data: bytes, path: object) -> str:
    """Text of a .docx: body paragraphs and table rows in document order.

    Headers, footers, footnotes and text boxes are left out (page chrome).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise InputError(path, f"unsupported format: {_zip_kind(zf, names)}")
            _check_docx_sizes(zf, names, path)
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"a damaged ZIP/.docx file: {exc}") from None
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        # Third-party parsers raise many kinds of errors on malformed files;
        # each becomes an InputError that names the file.
        lines = list(_docx_lines(document, set()))
    except MemoryError:  # a memory budget, not a damaged file
        raise
    except Exception as exc:  # noqa: BLE001
        raise InputError(path, f"a damaged .docx file ({type(exc).__name__}: {exc})") from None
    return "\n".join(lines)


def _docx_index(zf: zipfile.ZipFile, name: str, path: object) -> Any:
    """A small XML part of the package (relationships, content types), parsed."""
    from xml.etree import ElementTree

    info = zf.getinfo(name)
    if info.file_size > MAX_DOCX_INDEX_BYTES:
        raise InputError(path, f"the .docx part {name} is {info.file_size / 2**20:.0f} MiB uncompressed, more "
                         f"than the {MAX_DOCX_INDEX_BYTES // 2**20} MiB such a part may have; refused")
    try:
        return ElementTree.fromstring(zf.read(name))
    except ElementTree.ParseError as exc:
        raise InputError(path, f"a damaged .docx file: {name} does not parse ({exc})") from None


def _docx_parts(zf: zipfile.ZipFile, names: set[str], path: object) -> list[str]:
    """Every part a .docx reader loads: those reachable by relationships from
    the package (``_rels/.rels``, then each part's own ``_rels``), wherever
    they point, whatever they are called."""
    import posixpath
    from urllib.parse import unquote

    found: list[str] = []
    todo = [""]  # "" is the package itself
    seen = {""}
    while todo:
        source = todo.pop()
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in names:
            continue
        found.append(rels)
        for rel in _docx_index(zf, rels, path):
            target = rel.get("Target")
            if not target or rel.get("TargetMode") == "External":
                continue
            target = unquote(target)
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if part in names and part not in seen:
                seen.add(part)
                found.append(part)
                todo.append(part)
    return found


def _check_docx_sizes(zf: zipfile.ZipFile, names: set[str], path: object) -> None:
    """Refuse a .docx whose parts would take too much memory to read (zip bombs).

    The parts counted are the ones the relationships lead to (not only
    word/document.xml: ``_rels/.rels`` may name any part as the document);
    XML is told by the content types, not by the name.
    """
    types: dict[str, str] = {}
    overrides: dict[str, str] = {}
    if "[Content_Types].xml" in names:
        for entry in _docx_index(zf, "[Content_Types].xml", path):
            tag = entry.tag.rsplit("}", 1)[-1]
            if tag == "Default" and entry.get("Extension"):
                types[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
            elif tag == "Override" and entry.get("PartName"):
                overrides[entry.get("PartName", "").lstrip("/")] = entry.get("ContentType", "")
    xml = total = 0
    for part in _docx_parts(zf, names, path):
        size = zf.getinfo(part).file_size
        kind = overrides.get(part) or types.get(part.rsplit(".", 1)[-1].lower(), "")
        total += size
        if "xml" in kind or part.endswith((".xml", ".rels")):
            xml += size
        if xml > MAX_DOCX_XML_BYTES:
            raise InputError(path, f"the .docx holds more than {MAX_DOCX_XML_BYTES // 2**20} MiB of XML "
                             f"uncompressed ({part} alone is {size / 2**20:.0f} MiB): a zip bomb, or not a report; "
                             "refused (the limit is sq_nlp.ingest.containers.MAX_DOCX_XML_BYTES)")
        if total > MAX_DOCX_PARTS_BYTES:
            raise InputError(path, f"the .docx parts add up to more than {MAX_DOCX_PARTS_BYTES // 2**20} MiB "
                             "uncompressed: a zip bomb, or not a report; refused "
                             "(the limit is sq_nlp.ingest.containers.MAX_DOCX_PARTS_BYTES)")


def _zip_kind(zf: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx), not a .docx"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint file (.pptx), not a .docx"
    if "mimetype" in names:
        mime = zf.read("mimetype")[:100].decode("ascii", "replace")
        return f"an OpenDocument/EPUB file ({mime}); save it as .docx"
    return "a ZIP archive, not a .docx (no word/document.xml); unpack it first"


# ---------------------------------------------------------------- pdf


#: A page whose text layer has fewer Chinese characters than this is a scan
#: (a page number or stamp on it is not its text): it is read by OCR.
MIN_TEXT_LAYER = 4
_HAN = re.compile(f"[{HAN}]")


def pdf_page_texts(data: bytes, path: object) -> list[str]:
    """The text layer of each page of a PDF, in reading order (pdfminer)."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psexceptions import PSException

    try:
        text = extract_text(io.BytesIO(data), laparams=LAParams())
    except PDFEncryptionError as exc:
        raise InputError(path, f"an encrypted PDF ({type(exc).__name__}); decrypt it first") from None
    except PSException as exc:
        raise InputError(path, f"a damaged PDF ({type(exc).__name__}: {exc})") from None
    except MemoryError:  # a memory budget, not a damaged file
        raise
    except Exception as exc:  # noqa: BLE001
        # pdfminer also raises KeyError, ValueError, TypeError ... on malformed
        # files; each becomes an InputError that names the file.
        raise InputError(path, f"a damaged PDF ({type(exc).__name__}: {exc})") from None
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # pdfminer ends every page, the last one too, with a form feed
    return pages


def needs_ocr(page_text: str) -> bool:
    """Whether a page's text layer is missing (a scan) or unusable (glyph
    codes without Unicode, ``(cid:N)``)."""
    if len(_HAN.findall(page_text)) < MIN_TEXT_LAYER:
        return True
    cids = _CID.findall(page_text)
    return bool(cids) and sum(map(len, cids)) > 0.1 * len(page_text)


def pdf_text(
    data: bytes, path: object, *, ocr_pages: Any = None, threads: int | None = None,
) -> tuple[str, tuple[Any, ...]]:
    """Text of a PDF, page by page, and the OCR lines of its scanned pages.

    A page with a text layer gives that text; a page without one (or whose
    fonts map glyphs to no characters) is rendered and read by OCR
    (:mod:`sq_nlp.ingest.ocr`). Pages end with form feeds. ``ocr_pages``
    maps 0-based page indices to pages read already (by worker processes);
    the rest are read here on ``threads`` threads.
    """
    from sq_nlp.ingest.ocr.text import assemble

    layers = pdf_page_texts(data, path)
    if not any(layer.strip() for layer in layers) and (damage := _pdf_damage(data)):
        raise InputError(path, f"a damaged PDF: {damage}")
    parts: list[Any] = []
    for index, layer in enumerate(layers):
        if not needs_ocr(layer):
            parts.append(layer)
            continue
        parts.append(_given_or_read(ocr_pages, data, "pdf", index, path, threads))
    text, lines = assemble(parts)
    if not text.replace("\f", "").strip():
        layer = "".join(layers)
        controls = sum(1 for ch in layer if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls and controls > len(layer.strip()) / 2:
            raise InputError(path, "the PDF's text layer is control characters (glyph codes without "
                             "characters) and OCR found no text on its pages")
        raise InputError(path, "no text: the PDF has no text layer and OCR found no text on its pages "
                         "(blank pages, or photos without text?)")
    return text, lines


def scan_pages(data: bytes, kind: str, path: object) -> tuple[int, ...]:
    """0-based indices of the pages of a file that are read by OCR: every
    page of an image, the pages of a PDF without a text layer."""
    if kind == "image":
        from sq_nlp.ingest.ocr.raster import image_page_count

        return tuple(range(image_page_count(data, path)))
    if kind == "pdf":
        return tuple(i for i, layer in enumerate(pdf_page_texts(data, path)) if needs_ocr(layer))
    return ()


def read_scan_page(data: bytes, kind: str, index: int, path: object, *, threads: int | None = None,
                   progress: Any = None) -> Any:
    """Read page ``index`` (0-based) of an image or PDF by OCR: an
    :class:`~sq_nlp.ingest.ocr.OcrPage` (``progress``: told the share read)."""
    from sq_nlp.ingest.ocr.page import read_page
    from sq_nlp.ingest.ocr.raster import image_page, pdf_page

    if kind == "pdf":
        raster, unit = pdf_page(data, index, path), "pt"
    else:
        raster, unit = image_page(data, index, path), "px"
    return read_page(raster.pixels, index + 1, to_source=raster.to_source, unit=unit, threads=threads,
                     progress=progress)


def _given_or_read(ocr_pages: Any, data: bytes, kind: str, index: int, path: object,
                   threads: int | None) -> Any:
    """A page read already (an error message if reading it failed), or read now."""
    page = (ocr_pages or {}).get(index)
    if isinstance(page, str):
        raise InputError(path, page)
    return page if page is not None else read_scan_page(data, kind, index, path, threads=threads)


def image_text(
    data: bytes, path: object, *, ocr_pages: Any = None, threads: int | None = None,
) -> tuple[str, tuple[Any, ...]]:
    """Text of a scanned image (every page of a TIFF) read by OCR, and its OCR lines."""
    from sq_nlp.ingest.ocr.text import assemble

    parts = []
    for index in scan_pages(data, "image", path):
        parts.append(_given_or_read(ocr_pages, data, "image", index, path, threads))
    text, lines = assemble(parts)
    if not lines:
        raise InputError(path, "no text found by OCR: a blank page, or a photo without text? "
                         "(scans need about 200 dpi or more)")
    return text, lines


def _pdf_damage(data: bytes) -> str | None:
    """What is broken in a PDF that gave no text, or None when its pages are
    whole (then it has no text layer). pdfminer reads what it can of a
    damaged file without a word, so a corrupt file would pass for a scan."""
    import zlib

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = list(PDFPage.create_pages(document))
    except Exception as exc:  # noqa: BLE001 - any parser error is damage
        return f"its structure does not parse ({type(exc).__name__}: {exc})"
    if not pages:
        return "no page could be read (truncated or corrupt?)"
    for number, page in enumerate(pages, 1):
        for stream in page.contents:
            stream = resolve1(stream)
            raw = getattr(stream, "rawdata", None)
            if raw is None or not any(f in LITERALS_FLATE_DECODE for f, _ in stream.get_filters()):
                continue
            try:
                zlib.decompressobj().decompress(raw, 1 << 16)
            except zlib.error as exc:
                return f"the content of page {number} does not decompress ({exc})"
    return None


# ---------------------------------------------------------------- html

# Elements whose content is never report text: code, styling, page chrome.
_DROP = ("script", "style", "noscript", "template", "head", "nav", "aside", "footer",
         "iframe", "svg", "canvas", "object", "embed", "select", "button", "form")
_BLOCK = frozenset((
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "ul",
))
_CELL = frozenset(("td", "th"))
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# CSS Text 3 drops a source line break between two East Asian wide characters
# (browsers show no space there), so Chinese wrapped in the HTML source reads
# without a spurious space.
_WIDE = r"\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6"
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")


def html_text(markup: str, path: object) -> str:
    """Visible text of an HTML page: block elements become lines, ``<br>`` a newline.

    Scripts, styles, ``<head>``, navigation, asides, footers, forms and hidden
    elements are dropped; table rows are lines with tab-separated cells.
    Raises :class:`InputError` when no text is left ("no text").
    """
    from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

    from bs4.exceptions import ParserRejectedMarkup

    try:
        soup = BeautifulSoup(markup, "html.parser")
    except ParserRejectedMarkup as exc:
        raise InputError(path, f"the HTML does not parse: {str(exc).splitlines()[-1].strip()}") from None
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(lambda t: t.has_attr("hidden") or t.get("role") == "navigation"
                             or t.get("aria-hidden") == "true"):
        tag.decompose()

    parts: list[str] = []
    # Iterative walk: pages nest deeply, recursion would hit Python's limit.
    stack: list[tuple[bool, Any, bool]] = [(False, soup, False)]
    while stack:
        leaving, node, pre = stack.pop()
        if leaving:
            parts.append("\t" if node.name in _CELL else "\n")
            continue
        if isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node) if pre else _HTML_SPACE.sub(" ", _WIDE_BREAK.sub("", str(node))))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name == "br":
            parts.append("\n")
            continue
        inner_pre = pre or node.name in ("pre", "textarea")
        if node.name in _BLOCK:
            parts.append("\n")
        if node.name in _BLOCK or node.name in _CELL:
            stack.append((True, node, pre))
        stack.extend((False, child, inner_pre) for child in reversed(node.contents))
    lines = (line.strip(" \t") for line in "".join(parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise InputError(path, "no text: the HTML page has no visible text (only scripts, styles or chrome?)")
    return text
