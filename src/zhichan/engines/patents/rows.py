"""One row of a patent export as a record: the Chinese headers of CNIPA-style systems and simple ones.

CNIPA's 专利检索及分析 and the commercial databases export 申请号, 申请日, 公开（公告）号, 名称, 摘要,
主权项, 申请（专利权）人, 地址, 发明（设计）人, 主分类号, 分类号, 专利代理机构, 代理人, 优先权,
最新法律状态 (full- or half-width brackets); research sets use `publication_number,title,ipc_subclasses`
or `id,abstract`. A row needs a number and a title or an abstract; everything else is kept when given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from zhichan.engines.identifiers import clean_patent_number, validate_patent_number
from zhichan.engines.patents.ipc import parse_ipc_list
from zhichan.engines.patents.messages import gettext_noop
from zhichan.engines.patents.numbers import PatentKind, kind_of_application, kind_of_publication

# field -> the headers that mean it (compared after folding width and dropping brackets and spaces)
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号"),
    "application_number": ("申请号", "application_number", "application_no"),
    "filing_date": ("申请日", "filing_date", "application_date"),
    "publication_number": ("公开公告号", "公开号", "公告号", "publication_number", "publication_no"),
    "publication_date": ("公开公告日", "公开日", "公告日", "publication_date"),
    "grant_date": ("授权日", "授权公告日", "grant_date"),
    "title": ("名称", "发明名称", "专利名称", "标题", "title"),
    "abstract": ("摘要", "abstract"),
    "claims": ("主权项", "权利要求", "claims", "first_claim"),
    "applicants": ("申请专利权人", "申请人", "专利权人", "applicants", "applicant"),
    "address": ("地址", "申请人地址", "address"),
    "inventors": ("发明设计人", "发明人", "设计人", "inventors"),
    "main_ipc": ("主分类号", "main_ipc"),
    "ipc": ("分类号", "ipc", "ipc_subclasses", "ipc_codes"),
    "agency": ("专利代理机构", "代理机构", "agency"),
    "agents": ("代理人", "agents"),
    "priority": ("优先权", "priority"),
    "legal_status": ("最新法律状态", "法律状态", "legal_status"),
    "kind": ("专利类型", "kind"),
    "keyphrases": ("keyphrases", "关键词"),
}
_NAME_SEPARATORS = re.compile(r"\s*[;；|]\s*")
_AGENCY_CODE = re.compile(r"[(（]\s*(\d{5})\s*[)）]")
_DATE = re.compile(r"^(\d{4})[-./年]?(\d{1,2})[-./月]?(\d{1,2})日?(?:\s.*)?$")
_KINDS = {
    "发明": PatentKind.INVENTION_APPLICATION,
    "发明申请": PatentKind.INVENTION_APPLICATION,
    "发明授权": PatentKind.INVENTION,
    "实用新型": PatentKind.UTILITY_MODEL,
    "外观设计": PatentKind.DESIGN,
    **{kind.value: kind for kind in PatentKind},
}


def header_key(header: str) -> str:
    return re.sub(r"[\s()（）_\-]", "", unicodedata.normalize("NFKC", header)).lower()


_BY_HEADER = {header_key(alias): name for name, aliases in HEADERS.items() for alias in aliases}


def columns_of(headers: list[str]) -> dict[str, str]:
    """field -> the header that holds it; unknown headers are ignored (exports carry many more)."""
    found: dict[str, str] = {}
    for header in headers:
        name = _BY_HEADER.get(header_key(header))
        if name is not None and name not in found:
            found[name] = header
    return found


class RowError(ValueError):
    """A field of a row that cannot be read: `field` names it, `message` (a key) says why."""

    def __init__(self, field: str, message: str, **params: object) -> None:
        self.field = field
        self.message = message
        self.params = params
        super().__init__(message % params if params else message)


@dataclass(frozen=True)
class PatentRecord:
    number: str  # the number the row identifies the patent by (publication, else application, else id)
    kind: PatentKind | None
    title: str = ""
    abstract: str = ""
    claims: str = ""
    application_number: str = ""
    publication_number: str = ""
    filing_date: date | None = None
    publication_date: date | None = None
    grant_date: date | None = None
    applicants: tuple[str, ...] = ()
    address: str = ""
    inventors: tuple[str, ...] = ()
    ipc: tuple[str, ...] = ()  # main first
    agency: str = ""
    agency_code: str = ""
    agents: tuple[str, ...] = ()
    priority: str = ""
    legal_status: str = ""
    keyphrases: tuple[str, ...] = field(default=())


def _date(value: str, name: str) -> date | None:
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise RowError(
            name, gettext_noop("“%(value)s”不是日期（如 2021-06-30、2021.06.30、20210630）"), value=value
        ) from None


def _names(value: str) -> tuple[str, ...]:
    return tuple(name for name in _NAME_SEPARATORS.split(value.strip()) if name)


def parse_row(row: Mapping[str, str], columns: Mapping[str, str]) -> PatentRecord:
    """The record of one row (`columns` from `columns_of` the file's header); RowError for a bad field."""

    def get(name: str) -> str:
        header = columns.get(name)
        return str(row.get(header) or "").strip() if header else ""

    application = clean_patent_number(get("application_number")) if get("application_number") else ""
    publication = clean_patent_number(get("publication_number")) if get("publication_number") else ""
    if application and (problem := validate_patent_number(application)) is not None:
        raise RowError("application_number", problem.message)
    if publication and (problem := validate_patent_number(publication)) is not None:
        raise RowError("publication_number", problem.message)
    number = publication or application or get("id")
    if not number:
        raise RowError("publication_number", gettext_noop("缺少公开（公告）号、申请号或编号"))
    title, abstract = get("title"), get("abstract")
    if not title and not abstract:
        raise RowError("title", gettext_noop("缺少名称或摘要"))
    codes, bad = parse_ipc_list(";".join(filter(None, (get("main_ipc"), get("ipc")))))
    if bad:
        raise RowError("ipc", gettext_noop("“%(value)s”不是 IPC 分类号"), value="；".join(bad))
    written_kind = get("kind")
    kind = _KINDS.get(written_kind) if written_kind else None
    if written_kind and kind is None:
        raise RowError(
            "kind", gettext_noop("专利类型“%(value)s”无法识别（发明、实用新型、外观设计）"), value=written_kind
        )
    kind = kind or kind_of_publication(publication) or kind_of_application(application)
    agency = get("agency")
    code = _AGENCY_CODE.search(agency)
    return PatentRecord(
        number=number,
        kind=kind,
        title=title,
        abstract=abstract,
        claims=get("claims"),
        application_number=application,
        publication_number=publication,
        filing_date=_date(get("filing_date"), "filing_date"),
        publication_date=_date(get("publication_date"), "publication_date"),
        grant_date=_date(get("grant_date"), "grant_date"),
        applicants=_names(get("applicants")),
        address=get("address"),
        inventors=_names(get("inventors")),
        ipc=tuple(str(c) for c in codes),
        agency=_AGENCY_CODE.sub("", agency).strip(),
        agency_code=code.group(1) if code else "",
        agents=_names(get("agents")),
        priority=get("priority"),
        legal_status=get("legal_status"),
        keyphrases=_names(get("keyphrases")),
    )
