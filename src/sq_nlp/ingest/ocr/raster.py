"""Page images: decoding image files and rasterising PDF pages.

Images are decoded with Pillow (PNG, JPEG, TIFF with all its pages), PDF
pages rendered with pypdfium2 (PDFium: no system poppler needed). Limits keep
a hostile or absurd file from exhausting memory: a page may have at most
:data:`MAX_PIXELS` pixels; a page wider than :data:`MAX_WIDTH` is scaled
down to it (tall pages are read in strips at full resolution).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from sq_nlp.errors import InputError

#: Largest page read, in pixels (a broadsheet page at 400 dpi is about 50 MP).
MAX_PIXELS = 120_000_000
#: Wider pages are scaled down to this width before reading.
MAX_WIDTH = 5000
#: Most pages a file may have.
MAX_PAGES = 2000
#: Resolution a PDF page is rendered at when it holds no image to go by;
#: pages with a scan are rendered at the scan's resolution within DPI_RANGE.
DEFAULT_DPI = 200
DPI_RANGE = (150, 300)

IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)


def image_kind(head: bytes) -> str | None:
    """``png``, ``jpeg`` or ``tiff`` when the bytes start like that image, else None."""
    for magic, kind in IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    return None


@dataclass(frozen=True)
class Raster:
    """A page ready for reading: an RGB array and the factor that turns its
    pixel positions into the page's own units (image pixels or PDF points)."""

    pixels: Any
    to_source: float


def _open(data: bytes, path: object) -> Any:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(path, f"the image has more than {MAX_PIXELS:,} pixels; scale it down "
                         "(300 dpi is plenty for print) and try again") from None
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged files
        what = image_kind(data[:16]) or "image"
        raise InputError(path, f"a damaged or unreadable {what} image ({type(exc).__name__})") from None
    return im


def image_page_count(data: bytes, path: object) -> int:
    """How many pages (frames) an image file has; checks every page's size."""
    im = _open(data, path)
    n = getattr(im, "n_frames", 1)
    if n > MAX_PAGES:
        raise InputError(path, f"the image has {n} pages, more than {MAX_PAGES}; split it")
    for k in range(n):
        im.seek(k)
        _check_size(im.size, path, k + 1)
    return n


def _check_size(size: tuple[int, int], path: object, page: int) -> None:
    w, h = size
    if w < 8 or h < 8:
        raise InputError(path, f"page {page} is {w}×{h} pixels: too small to hold text")
    if w * h > MAX_PIXELS:
        raise InputError(path, f"page {page} is {w:,}×{h:,} pixels ({w * h / 1e6:.0f} MP), more than the "
                         f"{MAX_PIXELS / 1e6:.0f} MP a page may have; scale it down (300 dpi is plenty)")


def image_page(data: bytes, index: int, path: object) -> Raster:
    """Page ``index`` (0-based) of an image file as RGB pixels (an
    InputError saying what to install when the OCR engine cannot load)."""
    import numpy as np
    from PIL import ImageOps

    from sq_nlp.ingest.ocr.engine import require

    require(path)

    im = _open(data, path)
    try:
        im.seek(index)
        _check_size(im.size, path, index + 1)
        im = ImageOps.exif_transpose(im)
        if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
            # Transparent pixels are paper, not black.
            from PIL import Image

            rgba = im.convert("RGBA")
            page = Image.new("RGB", rgba.size, (255, 255, 255))
            page.paste(rgba, mask=rgba.getchannel("A"))
            im = page
        else:
            im = im.convert("RGB")
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - damaged image data shows up while decoding
        raise InputError(path, f"page {index + 1} of the image cannot be decoded "
                         f"({type(exc).__name__}: {exc})") from None
    return _limit_width(np.asarray(im), 1.0)


def _limit_width(pixels: Any, to_source: float) -> Raster:
    h, w = pixels.shape[:2]
    if w <= MAX_WIDTH:
        return Raster(pixels, to_source)
    import cv2

    scale = MAX_WIDTH / w
    small = cv2.resize(pixels, (MAX_WIDTH, max(1, int(round(h * scale)))), interpolation=cv2.INTER_AREA)
    return Raster(small, to_source / scale)


def pdf_document(data: bytes, path: object) -> Any:
    """The PDF opened with pypdfium2 (an InputError for a damaged or locked one)."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:
        from sq_nlp.ingest.ocr.engine import INSTALL_HINT

        raise InputError(path, f"{INSTALL_HINT} ({exc})") from None
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"a damaged or encrypted PDF ({exc})") from None


def _scan_dpi(page: Any) -> float:
    """The resolution of the largest image on a PDF page, in dots per inch."""
    import pypdfium2.raw as raw

    best = 0.0
    try:
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            left, bottom, right, top = obj.get_pos()
            px_w, _ = obj.get_px_size()
            if right - left > 72 and px_w:
                best = max(best, px_w / (right - left) * 72)
    except Exception:  # noqa: BLE001 - odd image objects: fall back to the default
        return DEFAULT_DPI
    return best or DEFAULT_DPI


def pdf_page(data: bytes, index: int, path: object) -> Raster:
    """Page ``index`` (0-based) of a PDF rendered to RGB pixels; positions
    convert to PDF points (1/72 inch from the page's top left)."""
    import numpy as np

    from sq_nlp.ingest.ocr.engine import require

    require(path)
    pdf = pdf_document(data, path)
    try:
        page = pdf[index]
        dpi = min(max(_scan_dpi(page), DPI_RANGE[0]), DPI_RANGE[1])
        w_pt, h_pt = page.get_size()
        if (w_pt * dpi / 72) * (h_pt * dpi / 72) > MAX_PIXELS:
            dpi = 72 * (MAX_PIXELS / (w_pt * h_pt)) ** 0.5
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        pixels = np.array(bitmap.to_numpy()[:, :, :3])
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - PDFium errors on damaged pages
        raise InputError(path, f"page {index + 1} of the PDF cannot be rendered ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()
    return _limit_width(pixels, 72 / dpi)
