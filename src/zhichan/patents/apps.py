from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class PatentsConfig(ZhichanModule):
    name = "zhichan.patents"
    label = "patents"
    verbose_name = _("专利登记与检索")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.patents.module:MANIFEST"
