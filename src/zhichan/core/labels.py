"""The words for codes: every code a page or an export shows has a label here (Chinese, English on request).

A code belongs to a *kind* (`ROLE`, `AUDIT_ACTION`, `JOB_KIND`, `SUMMARY_KEY`, ... or a kind an app
names, such as `ecommerce.signal`). `label(kind, code)` gives the label in the active language.

Core registers its own codes below. An app registers its codes in a `labels.py` of its own, imported
from its AppConfig.ready(), with `register(kind, {code: gettext_lazy(...)})` or `register_choices`;
core never needs editing for another app's codes. Part of core's public surface.

Audit actions are `<object type>.<verb>` (`organisation.download`, also `plan.task.create`): an
action without a label of its own reads as its object type's label and its verb's, so a denial of any
action (`f"{object_type}.{action}"`) is worded. Summaries of audit entries and results of jobs are
dicts; `summary_lines` turns one into (label, text) lines, with values that are codes labelled by the
kind `value_kind` names for their key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Choices
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

ROLE = "role"
OBJECT_TYPE = "object_type"
VERB = "verb"
AUDIT_ACTION = "audit_action"
AUDIT_REASON = "audit_reason"
JOB_KIND = "job_kind"
SUMMARY_KEY = "summary_key"
CHANNEL = "channel"

_LABELS: dict[str, dict[str, Any]] = {}
_VALUE_KINDS: dict[str, str] = {}


def register(kind: str, labels: Mapping[str, Any]) -> None:
    """Add (or replace) the labels of codes of one kind; values are lazy translations or plain text."""
    _LABELS.setdefault(kind, {}).update(labels)


def register_choices(kind: str, choices: type[Choices] | Iterable[tuple[Any, Any]]) -> None:
    """The labels of a model's TextChoices (or any (code, label) pairs) as a kind of code."""
    pairs = choices.choices if isinstance(choices, type) else choices
    register(kind, {str(code): name for code, name in pairs})


def value_kind(keys: Mapping[str, str]) -> None:
    """Which kind of code the values of a summary key are: {"role": ROLE}, or per object type,
    {"case.from": "cases.status"} (the key `from` in entries about cases)."""
    _VALUE_KINDS.update(keys)


def known(kind: str, code: Any) -> bool:
    """Whether the code has a label (its own, or for an audit action, from its object type and verb)."""
    code = str(code)
    if code in _LABELS.get(kind, {}):
        return True
    if kind == AUDIT_ACTION:
        return _action_parts(code) is not None
    return False


def codes(kind: str) -> list[str]:
    return sorted(_LABELS.get(kind, {}))


def label(kind: str, code: Any) -> str:
    """The label of `code` in the active language; a code nobody labelled is shown as it is."""
    if code is None or code == "":
        return ""
    code = str(code)
    if kind == ROLE and "," in code:  # the roles a person held when the audit row was written
        return "、".join(label(ROLE, part) for part in code.split(","))
    found = _LABELS.get(kind, {}).get(code)
    if found is not None:
        return str(found)
    if kind == AUDIT_ACTION:
        parts = _action_parts(code)
        if parts is not None:
            return _("%(object)s：%(verb)s") % {"object": parts[0], "verb": parts[1]}
    return code


def _action_parts(code: str) -> tuple[str, str] | None:
    """(object label, verb label) of `object.verb` or `object.sub.verb`, when both are labelled."""
    head, sep, verb = code.rpartition(".")
    if not sep:
        return None
    verbs, objects = _LABELS.get(VERB, {}), _LABELS.get(OBJECT_TYPE, {})
    if verb not in verbs:
        return None
    if head in objects:
        return str(objects[head]), str(verbs[verb])
    if head in _LABELS.get(AUDIT_ACTION, {}):  # plan.task + create
        return str(_LABELS[AUDIT_ACTION][head]), str(verbs[verb])
    return None


def summary_lines(summary: Any, *, object_type: str = "") -> list[tuple[str, str]]:
    """A summary dict as (label, text) lines: keys labelled, code values labelled, nested values inline."""
    if not isinstance(summary, Mapping):
        return [("", _value(summary, ""))] if summary not in (None, "", [], {}) else []
    return [
        (label(SUMMARY_KEY, key), _value(value, _VALUE_KINDS.get(f"{object_type}.{key}") or _VALUE_KINDS.get(key, "")))
        for key, value in summary.items()
    ]


def summary_text(summary: Any, *, object_type: str = "", separator: str = "\n") -> str:
    """The lines of `summary_lines` as one text (for exports): `label：value` per line."""
    lines = summary_lines(summary, object_type=object_type)
    return separator.join(_("%(key)s：%(value)s") % {"key": key, "value": text} if key else text for key, text in lines)


def _value(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, Mapping):
        pairs = (
            _("%(key)s：%(value)s") % {"key": label(SUMMARY_KEY, k), "value": _change(v, kind)}
            for k, v in value.items()
        )
        return _("；").join(pairs) or "—"
    if isinstance(value, list | tuple):
        return _("、").join(_value(item, kind) for item in value) or "—"
    if kind:
        return label(kind, value)
    return str(value)


def _change(value: Any, kind: str) -> str:
    """A [before, after] pair (the `changes` of an update) as `before → after`; anything else as a value."""
    if isinstance(value, list | tuple) and len(value) == 2 and not any(isinstance(v, list | dict) for v in value):
        return f"{_value(value[0], kind)} → {_value(value[1], kind)}"
    return _value(value, kind)


def missing_holidays(exc: Any) -> str:
    """A calendar engine's YearNotCovered (year, covered years) in the active language only (the engine's own
    message carries both languages)."""
    covered = getattr(exc, "covered", ())
    span = f"{covered[0]}–{covered[-1]}" if covered else _("无")
    return _(
        "没有 %(year)s 年的节假日和调休数据（已覆盖：%(span)s），不能推算期限；"
        "请导入国务院办公厅 %(year)s 年部分节假日安排的通知"
    ) % {"year": getattr(exc, "year", "?"), "span": span}


# --- core's own codes ---


def _register_core() -> None:
    from zhichan.core import jobs
    from zhichan.core.models import ANONYMOUS_ROLE, AuditResult, CalendarDayKind, JobStatus, OrganisationKind, Role

    register_choices(ROLE, Role)
    register(ROLE, {ANONYMOUS_ROLE: gettext_lazy("未登录或系统")})
    register_choices("core.organisation_kind", OrganisationKind)
    register_choices("core.audit_result", AuditResult)
    register_choices("core.job_status", JobStatus)
    register_choices("core.calendar_day_kind", CalendarDayKind)
    register(
        OBJECT_TYPE,
        {
            "organisation": gettext_lazy("组织机构"),
            "person": gettext_lazy("用户"),
            "evidence": gettext_lazy("证据文件"),
            "audit_entry": gettext_lazy("审计记录"),
            "audit_purge": gettext_lazy("审计日志清理"),
            "work_calendar": gettext_lazy("节假日安排"),
            "job": gettext_lazy("后台任务"),
            "session": gettext_lazy("登录会话"),
            "api_token": gettext_lazy("API 令牌"),
            "admin_site": gettext_lazy("后台管理站点"),
        },
    )
    register(
        VERB,
        {
            "list": gettext_lazy("查看列表"),
            "read": gettext_lazy("查看"),
            "create": gettext_lazy("新建"),
            "change": gettext_lazy("修改"),
            "delete": gettext_lazy("删除"),
            "download": gettext_lazy("下载"),
            "upload": gettext_lazy("上传"),
            "import": gettext_lazy("导入"),
            "export": gettext_lazy("导出"),
            "submit": gettext_lazy("提交"),
            "request": gettext_lazy("申请"),
            "approve": gettext_lazy("批准"),
            "refuse": gettext_lazy("驳回"),
            "run": gettext_lazy("执行"),
            "share": gettext_lazy("共享"),
            "verify": gettext_lazy("校验"),
            "rerun": gettext_lazy("重新运行"),
        },
    )
    register(
        AUDIT_ACTION,
        {
            "session.login": gettext_lazy("登录"),
            "session.logout": gettext_lazy("退出登录"),
            "session.mfa": gettext_lazy("双因素认证"),
            "session.mfa_required": gettext_lazy("未完成双因素认证的请求"),
            "person.mfa_enrol": gettext_lazy("绑定认证应用"),
            "person.mfa_reset": gettext_lazy("重置双因素认证"),
            "person.login_lock": gettext_lazy("登录锁定"),
            "person.login_unlock": gettext_lazy("解除登录锁定"),
            "person.token_issue": gettext_lazy("签发 API 令牌"),
            "person.membership_grant": gettext_lazy("授予角色"),
            "person.membership_revoke": gettext_lazy("取消角色"),
            "evidence.upload": gettext_lazy("上传证据文件"),
            "evidence.download": gettext_lazy("下载证据文件"),
            "evidence.verify": gettext_lazy("证据文件校验失败"),
            "evidence.sweep": gettext_lazy("全部证据文件校验"),
            "job.enqueue": gettext_lazy("提交后台任务"),
            "job.reap": gettext_lazy("任务进程丢失，标记失败"),
            "work_calendar.import": gettext_lazy("导入节假日安排"),
            "audit_purge.request": gettext_lazy("申请清理审计日志"),
            "audit_purge.approve": gettext_lazy("批准清理审计日志"),
            "audit_purge.refuse": gettext_lazy("驳回清理审计日志"),
            "audit_purge.run": gettext_lazy("清理审计日志"),
            "organisation.import": gettext_lazy("批量导入组织机构"),
        },
    )
    register(
        AUDIT_REASON,
        {
            "not visible": gettext_lazy("对象不在其可见范围内"),
            "wrong code": gettext_lazy("验证码错误或已使用"),
            "wrong password": gettext_lazy("密码错误"),
            "locked": gettext_lazy("账号已锁定"),
            "missing code": gettext_lazy("未填写验证码"),
            "not enrolled": gettext_lazy("尚未绑定认证应用"),
            "owner is another organisation": gettext_lazy("权利人属于其他组织"),
            "another platform": gettext_lazy("属于其他平台"),
            "step belongs to another party": gettext_lazy("该步骤应由另一方办理"),
            "requester": gettext_lazy("申请人不能审批自己的申请"),
        },
    )
    register(CHANNEL, {"web": gettext_lazy("网页"), "api": gettext_lazy("接口（API）")})
    register(
        SUMMARY_KEY,
        {
            "name": gettext_lazy("名称"),
            "credit_code": gettext_lazy("统一社会信用代码"),
            "kind": gettext_lazy("类型"),
            "district": gettext_lazy("所在区"),
            "address": gettext_lazy("地址"),
            "contact_name": gettext_lazy("联系人"),
            "contact_phone": gettext_lazy("联系电话"),
            "contact_email": gettext_lazy("电子邮箱"),
            "changes": gettext_lazy("变更"),
            "reason": gettext_lazy("原因"),
            "username": gettext_lazy("用户名"),
            "role": gettext_lazy("角色"),
            "organisation": gettext_lazy("所属组织"),
            "display_name": gettext_lazy("姓名"),
            "email": gettext_lazy("电子邮箱"),
            "is_active": gettext_lazy("启用"),
            "channel": gettext_lazy("途径"),
            "step": gettext_lazy("验证码时间步"),
            "had_device": gettext_lazy("原已绑定认证应用"),
            "failures": gettext_lazy("失败次数"),
            "locked": gettext_lazy("原已锁定"),
            "installed_by": gettext_lazy("安装人"),
            "sha256": "SHA-256",
            "size": gettext_lazy("大小（字节）"),
            "media_type": gettext_lazy("文件类型"),
            "expected": gettext_lazy("应为"),
            "actual": gettext_lazy("实为"),
            "with": gettext_lazy("共享给"),
            "rerun_of": gettext_lazy("重新运行自"),
            "worker": gettext_lazy("任务进程"),
            "filters": gettext_lazy("筛选条件"),
            "rotated": gettext_lazy("替换旧令牌"),
            "key_prefix": gettext_lazy("令牌前缀"),
            "checked": gettext_lazy("已校验"),
            "broken": gettext_lazy("损坏"),
            "created": pgettext_lazy("条数", "新增"),
            "updated": gettext_lazy("更新"),
            "unchanged": gettext_lazy("未变"),
            "rows": gettext_lazy("行数"),
            "errors": gettext_lazy("错误"),
            "file": gettext_lazy("文件名"),
            "years": gettext_lazy("年份"),
            "year": gettext_lazy("年份"),
            "holidays": gettext_lazy("放假日"),
            "workdays": gettext_lazy("调休上班日"),
            "replaced": gettext_lazy("替换原有日期"),
            "job": gettext_lazy("后台任务"),
            "recomputed": gettext_lazy("重新计算"),
            "older_than_days": gettext_lazy("删除早于（天）"),
            "cutoff": gettext_lazy("截止时间"),
            "requested_by": gettext_lazy("申请人"),
            "approved_by": gettext_lazy("审批人"),
            "retention_days": gettext_lazy("保留天数"),
            "purge": gettext_lazy("清理申请"),
            "deleted": gettext_lazy("删除条数"),
            "first_seq": gettext_lazy("首条序号"),
            "last_seq": gettext_lazy("末条序号"),
            "last_hash": gettext_lazy("末条哈希"),
            "user": gettext_lazy("用户"),
            "format": gettext_lazy("格式"),
            "q": gettext_lazy("关键词"),
            "action": gettext_lazy("操作"),
            "actor": gettext_lazy("操作人"),
            "object_type": gettext_lazy("对象类型"),
            "result": gettext_lazy("结果"),
            "since": gettext_lazy("自"),
            "until": gettext_lazy("至"),
            "note": gettext_lazy("备注"),
        },
    )
    value_kind(
        {
            "role": ROLE,
            "channel": CHANNEL,
            "reason": AUDIT_REASON,
            "job.kind": JOB_KIND,
            "organisation.kind": "core.organisation_kind",
            "audit_entry.result": "core.audit_result",
        }
    )
    register(
        JOB_KIND,
        {
            "core.organisations_import": gettext_lazy("批量导入组织机构"),
            "core.calendar_recompute": gettext_lazy("按节假日安排重新计算期限"),
            "core.evidence_sweep": gettext_lazy("校验全部证据文件"),
            "core.audit_purge": gettext_lazy("清理审计日志"),
        },
    )

    for kind in ("core.organisations_import", "core.evidence_sweep", "core.calendar_recompute", "core.audit_purge"):
        jobs.job_links(kind)(_core_job_links)
    register(
        SUMMARY_KEY,
        {
            "rows_with_errors": gettext_lazy("有错误的行数"),
            "read": gettext_lazy("读取行数"),
            "refused": gettext_lazy("拒收行数"),
        },
    )


def _core_job_links(job: Any) -> list[tuple[str, str]]:
    """Where to see what a finished core job did, and the file it read."""
    found: list[tuple[str, str]] = []
    if job.params.get("evidence_id"):
        found.append((_("导入的文件"), reverse("core:evidence-detail", args=[job.params["evidence_id"]])))
    page = {
        "core.organisations_import": ("core:organisation-list", _("组织机构名录")),
        "core.evidence_sweep": ("core:evidence-list", _("证据文件")),
        "core.calendar_recompute": ("core:calendar", _("节假日与工作日")),
        "core.audit_purge": ("core:audit-list", _("审计日志")),
    }.get(job.kind)
    if page is not None:
        found.append((page[1], reverse(page[0])))
    return found


_register_core()
