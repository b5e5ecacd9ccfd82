"""Summaries built from the store: ``keywords``, ``topics``, ``visuals``
(word clouds and charts) and ``report`` (the HTML page and ``outputs/``)."""
