from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class AgenciesConfig(ZhichanModule):
    name = "zhichan.agencies"
    label = "agencies"
    verbose_name = _("知识产权服务机构")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.agencies.module:MANIFEST"
