from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zhichan.cases"
    label = "cases"
    verbose_name = _("案件办理")
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, *, admin: object, organisations: dict[str, object]) -> None:
        """One case of each procedure, carried to a state to continue from (idempotent)."""
        from zhichan.cases.demo import load

        load(admin=admin, organisations=organisations)

    def calendar_changed(self) -> int:
        """A new year's holiday notice was imported: due dates that could not be computed now can."""
        from zhichan.cases.services import recompute_all_clocks

        return recompute_all_clocks()

    def ready(self) -> None:
        from zhichan.cases import labels

        labels.register()
        # The plan's indicators count cases through the planning module's registry, when it is installed.
        try:
            from zhichan.planning.providers import ProvidedValue, register_indicator_provider
        except ImportError:
            return
        from zhichan.cases.indicators import register

        register(register_indicator_provider, ProvidedValue)
