"""Ingest: a file -> :class:`~sq_nlp.records.Document`.

``reader`` (size limits, sidecar metadata, the one entry point
:func:`ingest`), ``decode`` (byte encodings), ``containers`` (.docx, .pdf,
.html) and ``docmeta`` (title, region and years read from the report itself).
"""

from sq_nlp.ingest.reader import SIDECAR_SUFFIX, ingest, read_sidecar

__all__ = ["SIDECAR_SUFFIX", "ingest", "read_sidecar"]
