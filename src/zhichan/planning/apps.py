from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "zhichan.planning"
    label = "planning"
    verbose_name = _("规划监测评估")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zhichan.planning import labels, providers, services  # noqa: F401  (register providers and job kinds)

        labels.register()

    def load_demo(self, *, admin: object, organisations: dict[str, object]) -> None:
        """Import the plan text when it is on this machine (ZHICHAN_PLAN_TEXT, or the shared folder
        beside the checkout); the text is the city's public document and is not shipped with the code."""
        import os
        import sys
        from pathlib import Path

        from zhichan.planning.services import plan_import

        candidates = [
            os.environ.get("ZHICHAN_PLAN_TEXT", ""),
            str(Path.cwd().parent / "shared" / "plan" / "guangzhou-ip-plan-2021-2025.txt"),
        ]
        path = next((Path(c) for c in candidates if c and Path(c).is_file()), None)
        if path is None:
            sys.stderr.write("zhichan demo: plan text not found; import it with `zhichan plan import PATH`\n")
            return
        plan_import(actor=admin, text=path.read_bytes().decode("utf-8"))
