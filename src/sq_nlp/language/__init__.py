"""The language layer: what every later stage shares about Chinese text.

``segment`` (the Segmenter: a private jieba tokenizer with the project
dictionary), ``numbers`` (numerals, magnitudes and units) and ``lexicon``
(the national formulas the Segmenter keeps whole and the slogan stage
expands), ``places`` (the names of provinces, cities and counties). Package data lives in ``language/data``.
"""
