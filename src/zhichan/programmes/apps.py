from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class ProgrammesConfig(ZhichanModule):
    name = "zhichan.programmes"
    label = "programmes"
    verbose_name = _("知识产权项目与资助")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.programmes.module:MANIFEST"
