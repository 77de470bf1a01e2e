from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class CasesConfig(ZhichanModule):
    name = "zhichan.cases"
    label = "cases"
    verbose_name = _("案件办理")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.cases.module:MANIFEST"
