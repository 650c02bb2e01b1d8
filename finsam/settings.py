"""Settings for finsam, configured by environment variables.

Local use needs none: the defaults give a debug server on an SQLite file under
``var/``. Production sets at least ``SECRET_KEY``, ``DEBUG=0``, ``ALLOWED_HOSTS`` and
``DATABASE_URL`` (``postgres://user:password@host:5432/name``).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "local-development-only-not-secret"
# Signs backups (HMAC-SHA256, finsam/backup.py): `restore` takes only a file signed with the
# same key, so set the same BACKUP_KEY where a backup is restored. Defaults to SECRET_KEY.
BACKUP_KEY = os.environ.get("BACKUP_KEY", "") or SECRET_KEY
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "federations",
    "interventions",
    "access",
    "finances",
    "reporting",
    "consultations",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "finsam.middleware.LanguageMiddleware",
    "finsam.middleware.ProtectionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "federations.twofactor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "finsam.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "finsam.wsgi.application"

# Forms' widgets are drawn by Jinja2 from Django's own widget templates (django/forms/jinja2):
# the same markup in less time than Django's template engine took — the participant list's
# filter form 21 → 16 ms of CPU, the participant form 51 → 37 ms (their choices read included).
FORM_RENDERER = "django.forms.renderers.Jinja2"

# One setting picks the database: PostgreSQL in production and CI, SQLite by default.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'finsam.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # A kept connection is checked before a request uses it: after a database restart the
        # next request connects anew instead of failing on a dead one.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Django's own cursors bind on the client and are never prepared; these let a statement
    # finsam asks to prepare (``finsam.versions.prepared_cursor``) be so, which Django's
    # default threshold (None) refuses for fear of poolers — a pooler in front of PostgreSQL
    # must keep a connection's prepared statements (docs/deployment.md) — and be planned
    # once, not again for its first five runs on each connection.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["prepare_threshold"] = 5
    options["options"] = f"{options.get('options', '')} -c plan_cache_mode=force_generic_plan".strip()
# Shared by every web node and worker when set: the import progress (below).
REDIS_URL = os.environ.get("REDIS_URL", "")
# Draft PDFs are kept for the data they were drawn from (reporting/drafts.py) in the
# database, which every worker shares and which needs no server of its own
# (`manage.py createcachetable` makes the table); memory serves the rest.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Charts, keyed by their figures (interventions/charts.py): a process's own memory.
    "charts": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "charts",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
    # How far a background import has come (federations/imports/progress.py), read by every web
    # node while the worker's transaction is still open: Redis when REDIS_URL is set, else the
    # batch's row through a connection of its own; on SQLite (one machine) a file beside it.
    "progress": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that does not answer is passed over for the database within half a second.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "progress_files": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PROGRESS_CACHE_DIR", str(BASE_DIR / "var" / "progress")),
    },
    "drafts": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "finsam_draft_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# A task still running this long after it started is taken for dead (its worker killed) and
# taken up again: a draft PDF takes seconds, an import of 50 000 rows well under a minute.
TASK_PRESUMED_DEAD_AFTER = int(os.environ.get("TASK_PRESUMED_DEAD_AFTER", "600"))
# Work a request should not wait for (rendering a draft PDF) runs as a task, stored in the
# database and run by `manage.py db_worker` (`make demo` starts one beside the server).
# TASKS_BACKEND=immediate runs each task at once in the request, as the tests do.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("TASKS_BACKEND") == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}
# Every request is one transaction: nothing half-saved, and what a form checks under a row
# lock is what it writes (finsam/locking.py).
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Two colleagues at once on the embedded database: a transaction takes SQLite's write lock
# as it begins (a deferred one that read first fails with "database is locked" when it comes
# to write beside another writer), waits up to 20 s for a colleague's, and readers read
# beside a writer (write-ahead log).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "finsam.passwords.DistinctCharactersValidator", "OPTIONS": {"min_distinct": 6}},
    {"NAME": "finsam.passwords.CommonSwedishPasswordValidator"},
]
# Office staff, intervention staff and auditors give a code from an authenticator app after
# their password (federations/twofactor.py): on in production, off in the demo unless REQUIRE_2FA=1.
REQUIRE_2FA = envbool("REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "finsam"
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code
OTP_STATIC_THROTTLE_FACTOR = 1

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock a username out for an hour after five failed logins from the same address, and the
# address after twenty whatever the usernames (finsam/lockout.py).
AXES_HANDLER = "finsam.lockout.UserAndAddressLockout"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Figures that leave the office show a count of 1 to this less one as "<5" (finsam/disclosure.py).
SMALL_NUMBER_THRESHOLD = int(os.environ.get("SMALL_NUMBER_THRESHOLD", "5"))

# Finsam in the whole country, for the deck's introduction ("69 förbund i Sverige med 274
# kommuner", Nationella rådet's count of 2025): the installation's to keep up to date.
FINSAM_FEDERATIONS_IN_SWEDEN = int(os.environ.get("FINSAM_FEDERATIONS_IN_SWEDEN", "69"))
FINSAM_MUNICIPALITIES_IN_FEDERATIONS = int(os.environ.get("FINSAM_MUNICIPALITIES_IN_FEDERATIONS", "274"))

LANGUAGE_CODE = "sv"
# A filter's empty choice means every value: it says "Alla", not Django's dashes.
FILTERS_EMPTY_CHOICE_LABEL = _("All")
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Numbers are grouped by the `number` and `kronor` filters, never by accident (a year is no amount).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"

DJANGO_TABLES2_TEMPLATE = "tables/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

# Production hardening; `manage.py check --deploy` is clean with DEBUG=0.
# SECURE_COOKIES=0 only for a production-like run over plain HTTP on 127.0.0.1 (`make load`).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# A session lasts a working day at most, and ends when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts only from our own static files, never
# inline. Styles allow inline: the documents carry <style> blocks of their own (their pages'
# margins, the draft mark). The charts need none (SVG presentation attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint warns about every SVG presentation attribute it passes on to its SVG renderer.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
