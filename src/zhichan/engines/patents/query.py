"""The search language of professional patent tools (CNIPA 检索, Google Patents, PatSeer), parsed.

`ti=(电池 OR 电芯) AND pa=广州* NOT ipc=H01M10* ad=2019..2022` reads as: title has 电池 or 电芯, an
applicant whose name starts with 广州, not in H01M 10/.., filed from 2019 to 2022. Field codes
(`FIELDS`), AND / OR / NOT (NOT binds tightest, then AND, then OR; two terms side by side mean AND),
brackets, "phrases" (ASCII or Chinese quotes), truncation by a trailing `*`, IPC prefixes, dates by
year, month or day with `..` ranges and `>`, `>=`, `<`, `<=`. A field before a bracket applies to every
term inside that names none. Words without a field search the title, abstract and claims (`tx`).

The result is a small tree (`Term`, `DateRange`, `And`, `Or`, `Not`) that each search backend
translates; a mistake is a `QueryError` with the position and a message key with its parameters.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Union

from zhichan.engines.patents.ipc import IpcError, parse_ipc
from zhichan.engines.patents.messages import gettext_noop

TEXT_FIELDS = {
    "tx": gettext_noop("全文（名称、摘要、权利要求）"),
    "ti": gettext_noop("名称"),
    "ab": gettext_noop("摘要"),
    "cl": gettext_noop("权利要求"),
}
NAME_FIELDS = {
    "pa": gettext_noop("申请（专利权）人"),
    "in": gettext_noop("发明（设计）人"),
    "agc": gettext_noop("专利代理机构"),
    "ag": gettext_noop("代理人"),
}
CODE_FIELDS = {
    "ipc": gettext_noop("IPC 分类号（前缀）"),
    "an": gettext_noop("申请号"),
    "pn": gettext_noop("公开（公告）号"),
}
DATE_FIELDS = {"ad": gettext_noop("申请日"), "pd": gettext_noop("公开（公告）日"), "gd": gettext_noop("授权日")}
FIELDS = {**TEXT_FIELDS, **NAME_FIELDS, **CODE_FIELDS, **DATE_FIELDS}
DEFAULT_FIELD = "tx"


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    phrase: bool = False  # the words in this order, side by side
    prefix: bool = False  # truncated: anything that starts with `text`


@dataclass(frozen=True)
class DateRange:
    field: str
    start: date | None  # inclusive; None: open
    end: date | None  # inclusive; None: open


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Union[Term, DateRange, And, Or, Not]  # noqa: UP007 (a runtime alias the dataclasses refer to)


class QueryError(ValueError):
    """What is wrong with a query and where: `message` is a key (Chinese, translatable) with `params`."""

    def __init__(self, message: str, position: int, **params: object) -> None:
        self.message = message
        self.position = position
        self.params = {"position": position + 1, **params}
        super().__init__(message % self.params)


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<field>[A-Za-z]{2,3})(?P<op>>=|<=|=|>|<)
  | "(?P<quoted>[^"]*)(?P<quoted_end>"?)
  | “(?P<cquoted>[^”]*)(?P<cquoted_end>”?)
  | (?P<word>[^\s()"“”]+)
    """,
    re.VERBOSE,
)
_OPERATORS = {"AND", "OR", "NOT"}
_DATE = re.compile(r"^(\d{4})(?:[-./]?(\d{1,2})(?:[-./]?(\d{1,2}))?)?$")


@dataclass(frozen=True)
class _Token:
    kind: str  # open, close, op, field, phrase, word
    value: str
    position: int
    comparison: str = ""


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    for match in _TOKEN.finditer(text):
        at = match.start()
        if match.group("space"):
            continue
        if match.group("open"):
            found.append(_Token("open", "(", at))
        elif match.group("close"):
            found.append(_Token("close", ")", at))
        elif match.group("field"):
            name = match.group("field").lower()
            if name not in FIELDS:
                raise QueryError(
                    gettext_noop("第%(position)s个字符：没有字段代码“%(field)s”"), at, field=match.group("field")
                )
            found.append(_Token("field", name, at, match.group("op")))
        elif match.group("quoted") is not None or match.group("cquoted") is not None:
            closed = match.group("quoted_end") or match.group("cquoted_end")
            if not closed:
                raise QueryError(gettext_noop("第%(position)s个字符：引号没有结束"), at)
            found.append(_Token("phrase", match.group("quoted") or match.group("cquoted") or "", at))
        else:
            word = match.group("word")
            kind = "op" if word.upper() in _OPERATORS else "word"
            found.append(_Token(kind, word.upper() if kind == "op" else word, at))
    return found


def _parse_date(text: str, position: int, *, end: bool) -> date:
    match = _DATE.match(text)
    if not match:
        raise QueryError(
            gettext_noop("第%(position)s个字符：“%(value)s”不是日期（如 2021、2021-06、2021-06-30）"),
            position,
            value=text,
        )
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            m = int(month)
            return date(year, m, monthrange(year, m)[1]) if end else date(year, m, 1)
        return date(year, int(month), int(day))
    except ValueError:
        raise QueryError(
            gettext_noop("第%(position)s个字符：“%(value)s”不是日期（如 2021、2021-06、2021-06-30）"),
            position,
            value=text,
        ) from None


def _date_node(field: str, comparison: str, value: str, position: int) -> DateRange:
    if comparison == "=":
        low, sep, high = value.partition("..")
        if not sep:
            low, sep, high = value.partition("~")
        if not sep:
            return DateRange(field, _parse_date(value, position, end=False), _parse_date(value, position, end=True))
        start = _parse_date(low, position, end=False) if low else None
        stop = _parse_date(high, position, end=True) if high else None
        if start and stop and start > stop:
            raise QueryError(gettext_noop("第%(position)s个字符：起始日期晚于结束日期"), position)
        return DateRange(field, start, stop)
    if comparison == ">=":
        return DateRange(field, _parse_date(value, position, end=False), None)
    if comparison == ">":
        after = _parse_date(value, position, end=True)
        return DateRange(field, date.fromordinal(after.toordinal() + 1), None)
    if comparison == "<=":
        return DateRange(field, None, _parse_date(value, position, end=True))
    before = _parse_date(value, position, end=False)
    return DateRange(field, None, date.fromordinal(before.toordinal() - 1))


class _Parser:
    def __init__(self, tokens: list[_Token], length: int) -> None:
        self.tokens = tokens
        self.at = 0
        self.length = length

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> Node:
        node = self.or_(DEFAULT_FIELD)
        extra = self.peek()
        if extra is not None:
            raise QueryError(gettext_noop("第%(position)s个字符：多余的右括号"), extra.position)
        return node

    def or_(self, field: str) -> Node:
        parts = [self.and_(field)]
        while (token := self.peek()) is not None and token.kind == "op" and token.value == "OR":
            self.take()
            parts.append(self.and_(field))
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_(self, field: str) -> Node:
        parts = [self.unary(field)]
        while (token := self.peek()) is not None and token.kind != "close":
            if token.kind == "op" and token.value == "OR":
                break
            if token.kind == "op" and token.value == "AND":
                self.take()
            parts.append(self.unary(field))
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self, field: str) -> Node:
        token = self.peek()
        if token is not None and token.kind == "op" and token.value == "NOT":
            self.take()
            return Not(self.unary(field))
        return self.primary(field)

    def primary(self, field: str) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError(gettext_noop("第%(position)s个字符：缺少检索词"), self.length)
        self.take()
        if token.kind == "open":
            node = self.or_(field)
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise QueryError(gettext_noop("第%(position)s个字符：括号没有闭合"), token.position)
            self.take()
            return node
        if token.kind == "field":
            return self.fielded(token)
        if token.kind == "phrase":
            if not token.value.strip():
                raise QueryError(gettext_noop("第%(position)s个字符：引号内没有检索词"), token.position)
            if field == "ipc":
                return _ipc_term(token.value, token.position)
            return Term(field, token.value.strip(), phrase=True)
        if token.kind == "word":
            return self.word(field, token)
        raise QueryError(gettext_noop("第%(position)s个字符：此处缺少检索词"), token.position)

    def fielded(self, token: _Token) -> Node:
        following = self.peek()
        if following is None or following.kind not in ("open", "word", "phrase"):
            raise QueryError(
                gettext_noop("第%(position)s个字符：字段“%(field)s”后缺少检索词"), token.position, field=token.value
            )
        if token.value in DATE_FIELDS:
            if following.kind != "word":
                raise QueryError(
                    gettext_noop("第%(position)s个字符：字段“%(field)s”后应为日期"), token.position, field=token.value
                )
            self.take()
            return _date_node(token.value, token.comparison, following.value, following.position)
        if token.comparison != "=":
            raise QueryError(gettext_noop("第%(position)s个字符：只有日期字段可以比较大小"), token.position)
        if following.kind == "open":
            return self.primary(token.value)
        return self.primary(token.value) if following.kind == "phrase" else self.word(token.value, self.take())

    def word(self, field: str, token: _Token) -> Node:
        text = token.value
        prefix = text.endswith("*")
        stem = text.rstrip("*")
        if "*" in stem or not stem:
            raise QueryError(gettext_noop("第%(position)s个字符：截词符 * 只能用在词尾"), token.position)
        if field == "ipc":
            return _ipc_term(stem, token.position)
        return Term(field, stem, prefix=prefix)


_IPC_PREFIX = re.compile(r"^[A-H](\d{2}([A-Z](\d{1,4}(/\d{0,6})?)?)?)?$")


def _ipc_term(text: str, position: int) -> Term:
    """An IPC value is always a prefix of the hierarchy: `H`, `H04`, `H04L`, `H04L29`, `H04L 29/06`."""
    compact = text.strip().rstrip("*").upper().replace(" ", "")
    if not _IPC_PREFIX.match(compact):
        raise QueryError(gettext_noop("第%(position)s个字符：“%(value)s”不是 IPC 分类号"), position, value=text)
    try:
        return Term("ipc", str(parse_ipc(compact)), prefix=True)
    except IpcError:
        return Term("ipc", compact, prefix=True)


def parse_query(text: str) -> Node:
    """The query's tree; QueryError says what is wrong, at which character."""
    folded = unicodedata.normalize("NFKC", text)
    if not folded.strip():
        raise QueryError(gettext_noop("请输入检索式"), 0)
    return _Parser(_tokens(folded), len(folded)).parse()


def terms_of(node: Node) -> list[Term]:
    """The positive terms of a query (those not under a NOT), for highlighting."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, And | Or):
        return [term for part in node.parts for term in terms_of(part)]
    return []
