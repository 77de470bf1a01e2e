from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zhichan.core"
    label = "core"
    verbose_name = _("平台基础")
    default_auto_field = "django.db.models.BigAutoField"
