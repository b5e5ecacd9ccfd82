"""The full-text index's text (sq_nlp.store.fts): FTS5's ascii tokenizer over
index_texts must index exactly what unicode61 indexes over the tokens as they
are, for every character, so every search and rank stays the same."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies

from sq_nlp.store.fts import _unicode61, derive_unicode61, index_texts

# Scripts and forms a report may hold: Chinese with its punctuation, full-width
# letters and digits, Latin with precomposed and combining diacritics, Greek,
# Cyrillic, Roman numerals, circled and superscript digits, ligatures, emoji
# (beyond the BMP), spaces of every kind, a NUL.
MIXED = [
    "推进 垃圾分类 工作 。",
    "增长 4.1% ， GDP 达到 5.2 万亿元",
    "ＧＤＰ 增长 ５．２％ ， ＡＩ ＋ 制造",
    "5G 基站 、 PM2.5 浓度 、 CPI 涨幅",
    "Café CAFÉ cafe\u0301 naïve Ærø Straße ǅemal ﬁnance",
    "\u0301abc a\u0301\u0300b \u0308 x\u0308\u0308 中\u0301国",
    "Σίσυφος ΣΊΣΥΦΟΣ σς Москва МОСКВА",
    "Ⅻ ⅻ ① ² ½ ㈠ 〇 二〇二五年",
    "“十四五” 《 报告 》 【 注 】 —— … · ～ ＠ ＃",
    "\u3000全面\u00a0深化\u2003改革\t\n\x00 😀 𠀀𠀁 𐐀𐐨",
    "İstanbul ıi ǈ ǋ Ǳ ῼ ᾈ",
    "",
    "   ",
]


def _index(rows: list[str], tokenizer: str) -> tuple[list, list]:
    """The contents of an FTS5 index over ``rows`` (segments and row sizes):
    equal for two tokenizers exactly when they give the same tokens at the
    same positions in every row."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, content='', tokenize='{tokenizer}')")
    with conn:
        conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(rows, 1))
    out = (conn.execute("SELECT * FROM t_data ORDER BY id").fetchall(),
           conn.execute("SELECT * FROM t_docsize ORDER BY id").fetchall())
    conn.close()
    return out


def _terms(rows: list[str], tokenizer: str) -> list[tuple[str, int, int]]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{tokenizer}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(rows, 1))
    out = conn.execute("SELECT term, doc, offset FROM v ORDER BY doc, offset").fetchall()
    conn.close()
    return out


def test_mixed_scripts_are_indexed_as_unicode61_indexes_them():
    mapped = index_texts(MIXED)
    assert len(mapped) == len(MIXED)
    assert _terms(mapped, "ascii") == _terms(MIXED, "unicode61")
    assert _index(mapped, "ascii") == _index(MIXED, "unicode61")
    # each text alone reads as it does among others (a diacritic elsewhere changes nothing)
    assert [index_texts([t])[0].split() for t in MIXED] == [t.split() for t in mapped]


def test_what_unicode61_folds_and_splits():
    got = dict(zip(MIXED, index_texts(MIXED)))
    assert got["ＧＤＰ 增长 ５．２％ ， ＡＩ ＋ 制造"].split() == ["ｇｄｐ", "增长", "５", "２", "ａｉ", "制造"]
    assert got["Café CAFÉ cafe\u0301 naïve Ærø Straße ǅemal ﬁnance"].split()[:4] == ["cafe", "cafe", "cafe", "naive"]
    assert got["推进 垃圾分类 工作 。"].split() == ["推进", "垃圾分类", "工作"]
    assert got["增长 4.1% ， GDP 达到 5.2 万亿元"].split() == ["增长", "4", "1", "gdp", "达到", "5", "2", "万亿元"]


ALPHABET = "".join(sorted(set("".join(MIXED)))) + "aZ09.,-_'%$@ \u0300\u0327\u0345"


@settings(max_examples=200, deadline=None)
@given(strategies.lists(strategies.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=8))
def test_any_text_of_these_characters_is_indexed_as_by_unicode61(texts):
    assert _index(index_texts(texts), "ascii") == _index(texts, "unicode61")


def _sample_code_points() -> list[int]:
    """Every code point of the BMP but the surrogates, and beyond it every
    code point unicode61 treats otherwise than a letter that is itself, with
    its neighbours, and a sample of the rest."""
    data = _unicode61()
    beyond = set(range(0x10000, 0x110000, 251))
    for first, last in (*data["separators"], *data["diacritics"]):
        if last >= 0x10000:
            beyond.update(range(max(first - 1, 0x10000), min(last + 2, 0x110000)))
    for c, _ in data["folds"]:
        if c >= 0x10000:
            beyond.update((c - 1, c, c + 1))
    return [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + sorted(beyond)


def test_the_shipped_table_is_what_this_sqlite_does():
    """data/unicode61.json against the SQLite the tests run on (regenerate it
    with scripts/make_unicode61_table.py if this fails after an upgrade)."""
    cps = _sample_code_points()
    derived = derive_unicode61(cps)
    shipped = _unicode61()
    wanted = set(cps)

    def points(ranges):
        return {c for first, last in ranges for c in range(first, last + 1) if c in wanted}

    assert points(derived["separators"]) == points(shipped["separators"])
    assert points(derived["diacritics"]) == points(shipped["diacritics"])
    assert [f for f in derived["folds"]] == [f for f in shipped["folds"] if f[0] in wanted]
    assert [f for f in derived["diacritic_folds"]] == [f for f in shipped["diacritic_folds"] if f[0] in wanted]


def test_every_sampled_code_point_in_context_is_indexed_as_by_unicode61():
    """Each code point alone, between letters, after a CJK character, doubled,
    and after a letter with a combining mark: the index over the mapped
    texts is the index unicode61 builds."""
    cps = _sample_code_points()
    rows = []
    for k in range(0, len(cps), 64):
        rows.append(" ".join(f"{chr(c)} a{chr(c)}b 中{chr(c)}{chr(c)} e\u0301{chr(c)}x" for c in cps[k:k + 64]))
    assert _index(index_texts(rows), "ascii") == _index(rows, "unicode61")


def test_a_text_holding_a_lone_surrogate_maps_without_failing():
    # a PDF may leave one; the store's own insert reports it, as before
    assert index_texts(["推\ud800进 工作"]) == ["推\ud800进 工作"]


@pytest.mark.parametrize("texts", [[], [""], ["", "推进"], ["。", "，"]])
def test_edge_lists(texts):
    mapped = index_texts(texts)
    assert len(mapped) == len(texts)
    assert _index(mapped, "ascii") == _index(list(texts), "unicode61")
