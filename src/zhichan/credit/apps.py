from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class CreditConfig(ZhichanModule):
    name = "zhichan.credit"
    label = "credit"
    verbose_name = _("知识产权信用监管")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.credit.module:MANIFEST"
