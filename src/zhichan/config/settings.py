"""zhichan settings: everything that differs between machines comes from the environment.

ZHICHAN_ENV            development (default) | production
ZHICHAN_SECRET_KEY     required in production
ZHICHAN_ALLOWED_HOSTS  comma-separated; required in production
DATABASE_URL           postgres://... ; default is the embedded SQLite in ZHICHAN_DATA_DIR
ZHICHAN_DATA_DIR       database, evidence files and job output (default: `var/` of the checkout when run
                       from one, else $XDG_DATA_HOME/zhichan; never the current directory). Settings
                       create no folder: the database's folder is made when it is first opened, the
                       others where files are written (`zhichan serve`, evidence, reports).
ZHICHAN_PORT           port of `zhichan serve` (default 8000); ZHICHAN_SERVE_HOST, ZHICHAN_SERVE_THREADS and
                       ZHICHAN_SERVE_CONNECTION_LIMIT its address, threads and open connections
ZHICHAN_TRUSTED_PROXIES  networks of the proxies in front (their X-Forwarded-For / -Proto are believed)
ZHICHAN_DEBUG          1 shows Django's debug pages (developers only; refused in production), default 0
ZHICHAN_AUDIT_RETENTION_DAYS  days audit entries are kept before a purge may delete them (default and
                       minimum: the legal rule audit.retention_min, 180 days)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from zhichan.config.env import env_choice, env_dir, env_int, env_list, env_networks, env_str
from zhichan.engines.rules import rule

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def default_data_dir(package_dir: Path = PACKAGE_DIR) -> Path:
    """`<checkout>/var` for a package run from a source checkout (`src/zhichan` beside `pyproject.toml`,
    as `make install` installs it), else the user's data folder; never the current directory."""
    checkout = package_dir.parent.parent
    if package_dir.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "zhichan"


ENVIRONMENT = env_choice("ZHICHAN_ENV", ("development", "production"), "development")
PRODUCTION = ENVIRONMENT == "production"
DATA_DIR = env_dir("ZHICHAN_DATA_DIR", default_data_dir())
PORT = env_int("ZHICHAN_PORT", 8000, minimum=1, maximum=65535)
# `zhichan serve` (waitress; docs/decisions/0920-production-server.md): the address it listens on, its
# worker threads and the connections it holds open at once (more wait in the listen backlog).
SERVE_HOST = env_str("ZHICHAN_SERVE_HOST", "127.0.0.1")
SERVE_THREADS = env_int("ZHICHAN_SERVE_THREADS", 8, minimum=1, maximum=256)
SERVE_CONNECTION_LIMIT = env_int("ZHICHAN_SERVE_CONNECTION_LIMIT", 200, minimum=1)

_secret = env_str("ZHICHAN_SECRET_KEY")
if PRODUCTION and (_secret is None or len(_secret) < 50):
    raise ImproperlyConfigured("ZHICHAN_ENV=production needs ZHICHAN_SECRET_KEY of at least 50 characters")
SECRET_KEY = _secret or "development-only-key-never-used-in-production-0123456789abcdefghij"
# Django's debug pages (tracebacks, the URL map) only when a developer asks for them, never in production.
DEBUG = env_choice("ZHICHAN_DEBUG", ("0", "1"), "0") == "1"
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("ZHICHAN_DEBUG=1 is refused with ZHICHAN_ENV=production")
_hosts = env_str("ZHICHAN_ALLOWED_HOSTS")
if PRODUCTION and _hosts is None:
    raise ImproperlyConfigured("ZHICHAN_ENV=production needs ZHICHAN_ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ZHICHAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "zhichan.core.admin_apps.PlatformAdminConfig",  # Django's admin, behind the policy and the second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "zhichan.core",
    # Every package with a manifest (`module.py`) is a module of the platform: adding a module is adding
    # its folder, nothing else (docs/architecture.md, "Adding a module").
    *sorted(f"zhichan.{manifest.parent.name}" for manifest in PACKAGE_DIR.glob("*/module.py")),
]

MIDDLEWARE = [
    "zhichan.core.middleware.SecurityHeadersMiddleware",  # outermost: static files and redirects carry them too
    "zhichan.core.middleware.TrustedProxyMiddleware",  # before the HTTPS redirect reads the scheme
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "zhichan.core.middleware.InputLimitsMiddleware",
    "zhichan.core.middleware.RejectNulCharactersMiddleware",
    "zhichan.core.middleware.UploadNamesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhichan.core.middleware.RequestContextMiddleware",
    "zhichan.core.middleware.SessionIdleTimeoutMiddleware",
    "zhichan.core.middleware.SecondFactorMiddleware",  # after the client address is known: denials are audited
]

ROOT_URLCONF = "zhichan.config.urls"
WSGI_APPLICATION = "zhichan.config.wsgi.application"
AUTH_USER_MODEL = "core.User"
# The one gate of every password log-in (the page, /admin/login/, the API token): names normalised, lockout
AUTHENTICATION_BACKENDS = ["zhichan.core.auth.LockoutBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
CSRF_FAILURE_VIEW = "zhichan.core.errors.csrf_failure"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhichan.core.context_processors.platform",
            ],
        },
    },
]

# --- database: embedded SQLite by default, PostgreSQL through DATABASE_URL ---
_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        _db = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    if _db["ENGINE"] not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(f"DATABASE_URL: unsupported database {_db['ENGINE']}; use postgres:// or sqlite://")
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "zhichan.sqlite3")}
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, except that it creates the database's folder when it first opens it.
    _db["ENGINE"] = "zhichan.config.sqlite3"
    # WAL lets readers work beside the writer; IMMEDIATE transactions and the busy timeout make
    # concurrent writers wait their turn instead of failing with "database is locked".
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    }
    # The test database is a file so that worker subprocesses in tests see the same data.
    _db["TEST"] = {"NAME": str(DATA_DIR / "test-zhichan.sqlite3")}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- background jobs ---
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOB_STALE_AFTER_SECONDS = env_int("ZHICHAN_JOB_STALE_AFTER", 120, minimum=10)

# --- internationalisation: Chinese first ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"  # shown +08:00; stored UTC
USE_I18N = True
USE_TZ = True

# --- static files: vendor assets come from npm through `make install` ---
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"  # filled by `zhichan serve` (collectstatic); pages use the finders until then
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- evidence files: outside the web root, content-addressed ---
EVIDENCE_ROOT = DATA_DIR / "evidence"
EVIDENCE_MAX_BYTES = env_int("ZHICHAN_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
# --- input limits (issue 20; zhichan.core.limits, InputLimitsMiddleware) ---
# A request body of any type but a file upload (form, JSON, anything else) is refused with 413 above
# ZHICHAN_REQUEST_MAX_BYTES, a multipart upload above ZHICHAN_UPLOAD_MAX_BYTES, before it is parsed.
ZHICHAN_REQUEST_MAX_BYTES = env_int("ZHICHAN_REQUEST_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
ZHICHAN_UPLOAD_MAX_BYTES = env_int(
    "ZHICHAN_UPLOAD_MAX_BYTES", max(200 * 1024 * 1024, EVIDENCE_MAX_BYTES), minimum=ZHICHAN_REQUEST_MAX_BYTES
)
ZHICHAN_QUERY_MAX_CHARS = env_int("ZHICHAN_QUERY_MAX_CHARS", 8192, minimum=256)  # longer query string: 400
ZHICHAN_JSON_MAX_DEPTH = env_int("ZHICHAN_JSON_MAX_DEPTH", 32, minimum=4, maximum=500)  # deeper JSON: 400
ZHICHAN_TEXT_MAX_CHARS = env_int("ZHICHAN_TEXT_MAX_CHARS", 20000, minimum=100)  # a text without a column limit
ZHICHAN_INPUT_YEAR_MIN = env_int("ZHICHAN_INPUT_YEAR_MIN", 1900, minimum=1, maximum=9999)
ZHICHAN_INPUT_YEAR_MAX = env_int("ZHICHAN_INPUT_YEAR_MAX", 2200, minimum=ZHICHAN_INPUT_YEAR_MIN, maximum=9998)
DATA_UPLOAD_MAX_MEMORY_SIZE = ZHICHAN_REQUEST_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

# --- API ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Session first: an unauthenticated request is refused with 403 (no WWW-Authenticate challenge).
        "rest_framework.authentication.SessionAuthentication",
        "zhichan.core.tokens.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["zhichan.core.api.permissions.PolicyPermission"],
    # DRF's defaults, the multipart one keeping an upload's name as sent (`core.uploads`)
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "zhichan.core.uploads.ApiMultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("ZHICHAN_API_USER_RATE", "1200/minute"),
        # per API key: a platform client may send up to 60 batches (60,000 listings) a minute
        "listings-batch": env_str("ZHICHAN_LISTINGS_BATCH_RATE", "60/minute"),
    },
}
# The cache holds the API rate-limit counters. "local" is per process (one `zhichan serve` with threads,
# as `make run` starts); with several server processes use "database", so that a key's quota is shared.
CACHE_KIND = env_choice("ZHICHAN_CACHE", ("local", "database"), "local")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "zhichan"}
    if CACHE_KIND == "local"
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "zhichan_cache"}
}
SPECTACULAR_SETTINGS = {
    "TITLE": "zhichan API",
    "DESCRIPTION": "知产平台 REST API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["zhichan.config.schema.drop_slash_twins"],
    # the name clients know the case parties' enum by (it was PartyRoleEnum beside the people's role enum)
    "ENUM_NAME_OVERRIDES": {"PartyRoleEnum": "zhichan.cases.models.PartyRole"},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- security ---
# Audit entries are kept at least as long as the law requires (网络安全法 Art. 21(3): six months); a longer
# period may be configured, a shorter one stops the start. The purge checks it again when it runs.
_retention_rule = rule("audit.retention_min")
_minimum_retention = _retention_rule.as_int()
AUDIT_RETENTION_DAYS = env_int("ZHICHAN_AUDIT_RETENTION_DAYS", _minimum_retention)
if _minimum_retention > AUDIT_RETENTION_DAYS:
    raise ImproperlyConfigured(
        f"ZHICHAN_AUDIT_RETENTION_DAYS={AUDIT_RETENTION_DAYS} is shorter than the {_minimum_retention} days "
        f"audit logs must be kept ({_retention_rule.basis})"
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Log-in failure handling: GUESS values (reliability.md R2), settled in docs/decisions/0004 and 0006.
# Failures lock one account (never an address); failures from one address slow that address down.
LOGIN_MAX_FAILURES = env_int("ZHICHAN_LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("ZHICHAN_LOGIN_LOCKOUT_MINUTES", 10, minimum=1)
# A password check still in progress after this long is taken to have died (its worker killed).
LOGIN_ATTEMPT_STALE_SECONDS = 60
LOGIN_DELAY_AFTER_FAILURES = env_int("ZHICHAN_LOGIN_DELAY_AFTER_FAILURES", 10, minimum=1)
LOGIN_DELAY_MAX_SECONDS = env_int("ZHICHAN_LOGIN_DELAY_MAX_SECONDS", 8, minimum=0, maximum=60)
# The client address is REMOTE_ADDR, unless that peer is one of these proxies: then the rightmost address
# of the header that is not a trusted proxy (decision 0006).
TRUSTED_PROXIES = env_networks("ZHICHAN_TRUSTED_PROXIES")
CLIENT_ADDRESS_HEADER = env_str("ZHICHAN_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")
# The scheme the client used, as a trusted proxy that terminates TLS reports it (issue 20 item 7): read only
# from those proxies (TrustedProxyMiddleware removes it from anyone else), so set only when there are some.
PROTO_HEADER = env_str("ZHICHAN_PROTO_HEADER", "X-Forwarded-Proto")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + PROTO_HEADER.upper().replace("-", "_"), "https")
# Every response (SecurityHeadersMiddleware): scripts only from the platform's own files or an inline
# script with the response's nonce (`{{ request.csp_nonce }}`), nothing framed, no plug-ins. Styles keep
# 'unsafe-inline' while templates carry style attributes; ECharts and htmx set styles through the DOM.
CONTENT_SECURITY_POLICY = env_str(
    "ZHICHAN_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)
PERMISSIONS_POLICY = env_str(
    "ZHICHAN_PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
)
SESSION_COOKIE_AGE = 12 * 3600
# GB/T 22239-2019 L3: a session idle this long is ended; an API token lives this long from its issue.
# The PRIVILEGED values hold for the roles that log in with a second factor (core.policy.SECOND_FACTOR_ROLES).
SESSION_IDLE_MINUTES = env_int("ZHICHAN_SESSION_IDLE_MINUTES", 30, minimum=1, maximum=720)
SESSION_IDLE_MINUTES_PRIVILEGED = env_int("ZHICHAN_SESSION_IDLE_MINUTES_PRIVILEGED", 15, minimum=1, maximum=720)
API_TOKEN_DAYS = env_int("ZHICHAN_API_TOKEN_DAYS", 90, minimum=1, maximum=366)
API_TOKEN_DAYS_PRIVILEGED = env_int("ZHICHAN_API_TOKEN_DAYS_PRIVILEGED", 1, minimum=1, maximum=366)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"zhichan": {"level": "INFO"}},
}
