from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class WatchConfig(ZhichanModule):
    name = "zhichan.watch"
    label = "watch"
    verbose_name = _("商标监测预警")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.watch.module:MANIFEST"
