"""Django's admin, with the platform's site (`core.admin_site.PlatformAdminSite`) as its default site.

Its own module, so that nothing here imports models while the app registry is being filled, and so that
core's `apps.py` keeps one application config.
"""

from django.contrib.admin.apps import AdminConfig


class PlatformAdminConfig(AdminConfig):
    default_site = "zhichan.core.admin_site.PlatformAdminSite"
