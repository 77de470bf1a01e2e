"""The platform's settings, with the bench's URLconf (the platform's URLs plus the minimal peers)."""

from zhichan.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.api_load_site.urls"
