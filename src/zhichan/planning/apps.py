from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class PlanningConfig(ZhichanModule):
    name = "zhichan.planning"
    label = "planning"
    verbose_name = _("规划监测评估")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.planning.module:MANIFEST"
