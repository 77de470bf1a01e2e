from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcommerceConfig(AppConfig):
    name = "zhichan.ecommerce"
    label = "ecommerce"
    verbose_name = _("电商侵权线索检测")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhichan.ecommerce import labels, listing_files  # noqa: F401  (listing_files registers its job kind)

        labels.register()

    def calendar_changed(self) -> int:
        """A new year's holiday notice was imported: fill in waiting periods that reached into it."""
        from zhichan.ecommerce.services import declaration_waits_recompute

        return declaration_waits_recompute()

    def load_demo(self, *, admin: object, organisations: dict[str, object]) -> None:
        """Demo brands and listings (idempotent): real brand names, titles written like real listings."""
        from zhichan.ecommerce.demo import load

        load(admin=admin, organisations=organisations)
