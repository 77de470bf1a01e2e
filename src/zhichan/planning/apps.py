from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "zhichan.planning"
    label = "planning"
    verbose_name = _("规划监测评估")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhichan.planning import providers, services  # noqa: F401  (register providers and job kinds)

    def load_demo(self, *, admin: object, organisations: dict[str, object]) -> None:
        """The plan text shipped with the platform, a year of work on it and demo figures (idempotent)."""
        from zhichan.planning.demo import load

        load(admin=admin, organisations=organisations)
