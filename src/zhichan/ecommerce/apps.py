from django.utils.translation import gettext_lazy as _

from zhichan.core.modules import ZhichanModule


class EcommerceConfig(ZhichanModule):
    name = "zhichan.ecommerce"
    label = "ecommerce"
    verbose_name = _("电商侵权线索检测")
    default_auto_field = "django.db.models.BigAutoField"
    default = True  # apps.py also imports the ZhichanModule base: Django must pick this one
    manifest_path = "zhichan.ecommerce.module:MANIFEST"
