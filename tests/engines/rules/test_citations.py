"""Statutes are cited with their title in book-title marks, a document number outside them."""

from __future__ import annotations

from zhichan.engines.rules import all_rules, rule


def test_a_statute_is_cited_in_book_title_marks():
    assert rule("patent_law.suit_after_ruling").citation == "《中华人民共和国专利法》第六十五条"
    assert rule("patent_law.suit_after_ruling").basis == "《中华人民共和国专利法》第六十五条 (2021-06-01)"


def test_a_document_number_stays_outside_the_marks():
    assert rule("decree81.docketing").citation == "《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）第二十条"


def test_every_rule_cites_its_statute_in_marks():
    for found in all_rules():
        citation = found.citation
        assert citation.startswith("《") and citation.count("《") == citation.count("》") == 1, citation
        assert found.basis.startswith(citation)
