"""Full-text search of the patent register: a `SearchBackend` and its embedded Tantivy implementation.

Chinese has no spaces, so each text is indexed twice: as words (segmented by rjieba, Traditional folded
to Simplified) for ranking, and as overlapping character pairs, where a term's pairs in a row are an
exact substring match whatever the segmenter made of it. A term of the search language matches either
way; applicant, inventor and agency names match as substrings (`pa=华为` finds 华为技术有限公司), IPC
values as prefixes of the hierarchy, dates as ranges. The index lives on disk (the data directory);
the register, not the index, is the record: `rebuild` from it at any time.

The interface is small so that a cluster engine can take the embedded index's place when a register
outgrows one machine.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

import opencc
import rjieba
import tantivy

from zhichan.engines.patents.ipc import IpcError, parse_ipc
from zhichan.engines.patents.messages import gettext_noop
from zhichan.engines.patents.query import And, DateRange, Node, Not, Or, QueryError, Term, parse_query

TEXT = ("ti", "ab", "cl")
NAMES = ("pa", "in", "agc", "ag")
DATES = ("ad", "pd", "gd")
_ANALYZER = "zh_pre"  # text already split into tokens: whitespace, lower-cased
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)
_T2S = opencc.OpenCC("t2s")


@dataclass(frozen=True)
class PatentDoc:
    """What the index holds of one patent (the register keeps the rest)."""

    id: str  # the number the patent was imported with
    title: str = ""
    abstract: str = ""
    claims: str = ""
    applicants: Sequence[str] = ()
    inventors: Sequence[str] = ()
    agency: str = ""
    agents: Sequence[str] = ()
    ipc: Sequence[str] = ()
    application_number: str = ""
    publication_number: str = ""
    filing_date: date | None = None
    publication_date: date | None = None
    grant_date: date | None = None


@dataclass(frozen=True)
class Hit:
    id: str
    score: float


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[Hit] = field(default_factory=list)


class SearchBackend(Protocol):
    def add(self, docs: Iterable[PatentDoc]) -> int: ...

    def delete(self, ids: Iterable[str]) -> None: ...

    def search(
        self, query: str | Node, *, limit: int = 20, offset: int = 0, newest_first: bool = False
    ) -> SearchPage: ...

    def count(self) -> int: ...


def fold(text: str) -> str:
    """Lower case, Traditional folded to Simplified: what both sides of a match are compared as."""
    return str(_T2S.convert(text)).lower()


def words(text: str) -> list[str]:
    """The words of a text as the index stores them (punctuation dropped)."""
    return [w for w in rjieba.cut(fold(text)) if not _PUNCTUATION.fullmatch(w)]


def pairs(text: str) -> list[str]:
    """Overlapping character pairs within each run of letters and digits (`锂电池` -> 锂电 电池)."""
    found: list[str] = []
    for run in _PUNCTUATION.split(fold(text)):
        if len(run) == 1:
            found.append(run)
        found.extend(run[i : i + 2] for i in range(len(run) - 1))
    return found


_SYNTAX = re.compile(r"[=<>()（）\"“”*]|\b(AND|OR|NOT)\b")


def uses_syntax(text: str) -> bool:
    """Whether a query is written in the field language (a field code, an operator, brackets, quotes,
    truncation), rather than as plain words."""
    return bool(_SYNTAX.search(text))


def plain_or_field_query(text: str) -> Node:
    """The field language when the text uses it, else plain language (`free_text`)."""
    return parse_query(text) if uses_syntax(text) else free_text(text)


def free_text(text: str, *, most: int = 64) -> Node:
    """Plain language (an invention disclosure, a claim) as a query: any of its words, ranked by BM25."""
    distinct = list(dict.fromkeys(w for w in words(text) if len(w) > 1 or not w.isascii()))[:most]
    if not distinct:
        raise QueryError(gettext_noop("请输入检索式"), 0)
    return Or(tuple(Term("tx", w) for w in distinct)) if len(distinct) > 1 else Term("tx", distinct[0])


def _ipc_levels(codes: Iterable[str]) -> list[str]:
    levels: list[str] = []
    for raw in codes:
        try:
            levels.extend(level for level in parse_ipc(raw).levels() if level not in levels)
        except IpcError:
            continue
    return levels


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in (*TEXT, *NAMES):
        builder.add_text_field(f"{name}_w", tokenizer_name=_ANALYZER)
        builder.add_text_field(f"{name}_p", tokenizer_name=_ANALYZER)
    builder.add_text_field("tx_w", tokenizer_name=_ANALYZER)
    for name in ("pa", "in", "agc", "ag", "ipc", "an", "pn"):
        builder.add_text_field(name, tokenizer_name="raw")
    for name in DATES:
        builder.add_date_field(name, fast=True)
    return builder.build()


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


class TantivyIndex:
    """The embedded index in `path` (created when absent)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        analyzer = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.lowercase()).build()
        )
        self.index.register_tokenizer(_ANALYZER, analyzer)

    def _document(self, doc: PatentDoc) -> tantivy.Document:
        fields: dict[str, Any] = {"id": [doc.id]}
        texts = {"ti": doc.title, "ab": doc.abstract, "cl": doc.claims}
        names = {"pa": doc.applicants, "in": doc.inventors, "agc": [doc.agency] if doc.agency else [], "ag": doc.agents}
        for name, text in texts.items():
            fields[f"{name}_w"] = [" ".join(words(text))]
            fields[f"{name}_p"] = [" ".join(pairs(text))]
        fields["tx_w"] = [" ".join(words(" ".join(texts.values())))]
        for name, values in names.items():
            fields[name] = [fold(v).replace(" ", "") for v in values if v]
            fields[f"{name}_w"] = [" ".join(words(v)) for v in values if v]
            fields[f"{name}_p"] = [" ".join(pairs(v)) for v in values if v]
        fields["ipc"] = _ipc_levels(doc.ipc)
        fields["an"] = [doc.application_number.upper()] if doc.application_number else []
        fields["pn"] = [doc.publication_number.upper()] if doc.publication_number else []
        for name, day in (("ad", doc.filing_date), ("pd", doc.publication_date), ("gd", doc.grant_date)):
            if day is not None:
                fields[name] = [_moment(day)]
        return tantivy.Document(**{k: v for k, v in fields.items() if v})

    def add(self, docs: Iterable[PatentDoc]) -> int:
        """Add or replace documents (by id) and commit; returns how many."""
        writer = self.index.writer(heap_size=64_000_000, num_threads=1)
        added = 0
        for doc in docs:
            writer.delete_documents_by_term("id", doc.id)
            writer.add_document(self._document(doc))
            added += 1
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        return added

    def delete(self, ids: Iterable[str]) -> None:
        writer = self.index.writer(heap_size=15_000_000, num_threads=1)
        for number in ids:
            writer.delete_documents_by_term("id", number)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def clear(self) -> None:
        """Empty the index (before a rebuild from the register)."""
        shutil.rmtree(self.path)
        self.__init__(self.path)  # type: ignore[misc]

    def count(self) -> int:
        return int(self.index.searcher().num_docs)

    def search(self, query: str | Node, *, limit: int = 20, offset: int = 0, newest_first: bool = False) -> SearchPage:
        node = parse_query(query) if isinstance(query, str) else query
        searcher = self.index.searcher()
        compiled = self._compile(node)
        if newest_first:
            result = searcher.search(compiled, limit, count=True, order_by_field="ad", offset=offset)
        else:
            result = searcher.search(compiled, limit, count=True, offset=offset)
        hits = [Hit(searcher.doc(address)["id"][0], float(key)) for key, address in result.hits]
        return SearchPage(int(getattr(result, "count", None) or 0), hits)  # count=True: always there

    # --- the tree to Tantivy queries ---

    def _compile(self, node: Node) -> tantivy.Query:
        Occur, Q = tantivy.Occur, tantivy.Query
        if isinstance(node, And):
            positive = [self._compile(p) for p in node.parts if not isinstance(p, Not)]
            negative = [self._compile(p.part) for p in node.parts if isinstance(p, Not)]
            if not positive:
                positive = [Q.all_query()]
            return Q.boolean_query([(Occur.Must, q) for q in positive] + [(Occur.MustNot, q) for q in negative])
        if isinstance(node, Or):
            return Q.boolean_query([(Occur.Should, self._compile(p)) for p in node.parts])
        if isinstance(node, Not):
            return Q.boolean_query([(Occur.Must, Q.all_query()), (Occur.MustNot, self._compile(node.part))])
        if isinstance(node, DateRange):
            lower = _moment(node.start) if node.start else None
            upper = _moment(node.end) if node.end else None
            return Q.range_query(self.schema, node.field, tantivy.FieldType.Date, lower, upper)
        return self._term(node)

    def _term(self, term: Term) -> tantivy.Query:
        Occur, Q = tantivy.Occur, tantivy.Query
        if term.field == "ipc":
            return Q.regex_query(self.schema, "ipc", _ipc_pattern(term.text))
        if term.field in ("an", "pn"):
            value = term.text.upper().replace(" ", "")
            if term.prefix:
                return Q.regex_query(self.schema, term.field, re.escape(value) + ".*")
            return Q.term_query(self.schema, term.field, value)
        fields = TEXT if term.field == "tx" else (term.field,)
        options: list[tantivy.Query | None] = []
        for name in fields:
            if term.prefix:
                options.append(
                    Q.regex_query(self.schema, f"{name}_w", re.escape(fold(term.text).replace(" ", "")) + ".*")
                )
                if name in NAMES:
                    options.append(Q.regex_query(self.schema, name, re.escape(fold(term.text).replace(" ", "")) + ".*"))
                continue
            options.append(self._sequence(f"{name}_w", words(term.text)))
            letters = _PUNCTUATION.sub("", fold(term.text))
            if len(letters) == 1:  # one character: any pair that holds it
                options.append(Q.regex_query(self.schema, f"{name}_p", f".?{re.escape(letters)}.?"))
            else:
                options.append(self._sequence(f"{name}_p", pairs(term.text)))
        return Q.boolean_query([(Occur.Should, q) for q in options if q is not None])

    def _sequence(self, field_name: str, tokens: list[str]) -> tantivy.Query | None:
        """The tokens side by side, in order (one token: that token)."""
        if not tokens:
            return None
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field_name, tokens[0])
        phrase: list[str | tuple[int, str]] = list(tokens)
        return tantivy.Query.phrase_query(self.schema, field_name, phrase)


def _ipc_pattern(value: str) -> str:
    """`H`, `H01`, `H01M` match their whole branch; `H01M10` and `H01M 10/05` a group and its subgroups."""
    compact = value.replace(" ", "")
    match = re.match(r"^([A-H](?:\d{2}(?:[A-Z])?)?)(\d{1,4})?(?:/(\d*))?$", compact)
    if not match or match.group(2) is None:
        return re.escape(compact) + ".*"
    subclass, group, subgroup = match.group(1), int(match.group(2)), match.group(3) or ""
    return re.escape(f"{subclass} {group}/{subgroup}") + ".*"
