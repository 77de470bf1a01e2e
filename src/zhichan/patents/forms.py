from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhichan.core.limits import LimitedForm


class ImportForm(LimitedForm):
    file = forms.FileField(label=_("文件（XLSX 或 CSV：UTF-8、GBK、GB18030）"))
