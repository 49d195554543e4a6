"""Django settings for Simon, read only from the environment (see README 'Configuration')."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from simon.lib import config
from simon.lib.config import ConfigError

BASE_DIR = Path(__file__).resolve().parent.parent

try:
    DATA_DIR = config.data_dir()
    SECRET_KEY = config.env_str("SIMON_SECRET_KEY", "") or config.secret_from_file(
        DATA_DIR / "secret_key", lambda: secrets.token_urlsafe(50)
    )
    DEBUG = config.env_bool("SIMON_DEBUG", False)
    ALLOWED_HOSTS = config.env_list("SIMON_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
    CSRF_TRUSTED_ORIGINS = config.env_list("SIMON_CSRF_TRUSTED_ORIGINS", [])
    _database_url = config.env_str("DATABASE_URL", "")
    _redis_url = config.env_str("REDIS_URL", "")
    if _redis_url:
        config.check_redis_url(_redis_url)
    REDIS_URL = _redis_url
    # Fernet key for credentials at rest (the koppelsleutel). Embedded set-up: generated once.
    FERNET_KEY = config.env_str("SIMON_FERNET_KEY", "") or config.secret_from_file(
        DATA_DIR / "fernet.key", lambda: Fernet.generate_key().decode()
    )
    SNELSTART_SYNC_INTERVAL_SECONDS = config.env_int("SIMON_SYNC_INTERVAL", 60, minimum=5)
    SNELSTART_CLEANUP_INTERVAL_HOURS = config.env_int("SIMON_CLEANUP_INTERVAL_HOURS", 24, minimum=1)
    SNELSTART_TOKEN_URL = config.env_str(
        "SNELSTART_TOKEN_URL", "https://auth.snelstart.nl/b2b/token"
    )
    SNELSTART_BASE_URL = config.env_str("SNELSTART_BASE_URL", "https://b2bapi.snelstart.nl/v2")
    SNELSTART_SUBSCRIPTION_KEY = config.env_str("SNELSTART_SUBSCRIPTION_KEY", "")
    SNELSTART_CALLS_PER_MINUTE = config.env_int("SNELSTART_CALLS_PER_MINUTE", 100, minimum=1)
    SNELSTART_MAX_ATTEMPTS = config.env_int("SNELSTART_MAX_ATTEMPTS", 4, minimum=1)
    SNELSTART_IMPORT_WORKERS = config.env_int("SNELSTART_IMPORT_WORKERS", 4, minimum=1)
    SNELSTART_CONNECT_TIMEOUT = config.env_float("SNELSTART_CONNECT_TIMEOUT", 10.0, minimum=0.1)
    SNELSTART_READ_TIMEOUT = config.env_float("SNELSTART_READ_TIMEOUT", 25.0, minimum=0.1)
    # How long SnelStart may still be working on a request Simon stopped waiting for: a sales
    # order whose POST went unanswered is looked up no sooner than this after the attempt.
    SNELSTART_OUTCOME_SETTLE_SECONDS = config.env_float(
        "SNELSTART_OUTCOME_SETTLE_SECONDS", 120.0, minimum=0.0
    )
    HUEY_WORKERS = config.env_int("SIMON_HUEY_WORKERS", 2, minimum=1)
    HUEY_IMMEDIATE = config.env_bool("SIMON_HUEY_IMMEDIATE", False)
    EMAIL_BACKEND = config.env_str(
        "SIMON_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
    DEFAULT_FROM_EMAIL = config.env_str("SIMON_FROM_EMAIL", "Simon <noreply@localhost>")
    DATABASES = {
        "default": config.parse_database_url(_database_url).as_django()
        if _database_url
        else {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "simon.sqlite3",
            # WAL and a busy timeout: the web server and the Huey consumer write concurrently.
            # A checkpoint (with its fsyncs) every 10,000 WAL pages (~40 MB) instead of 1,000:
            # a page of a first import rewrites hundreds of index pages (SnelStart's ids are
            # random), and a bigger WAL lets one checkpoint write each of them once.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA wal_autocheckpoint=10000;"
                ),
            },
        }
    }
except ConfigError as exc:
    raise ImproperlyConfigured(f"Configuration error: {exc}") from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "huey.contrib.djhuey",
    "simon.tenants",
    "simon.customers",
    "simon.catalog",
    "simon.workorders",
    "simon.forms",
    "simon.api",
    "simon.snelstart_sync",
    "simon.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simon.tenants.middleware.ActiveOrganizationMiddleware",
    "simon.lib.input_guard.RefuseUnstorableInput",
    "simon.tenants.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "simon.urls"
WSGI_APPLICATION = "simon.wsgi.application"
ASGI_APPLICATION = "simon.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "simon" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "simon.tenants.context_processors.tenant",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the language switch is remembered, not per browser session
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "simon" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "simon" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo serves static files straight from the app directories, no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"

# The consumer's settings live here, so `manage.py run_huey` needs no flags. An archived work
# order must reach SnelStart within seconds: Redis hands a task over at once (a blocking pop),
# while the SQLite queue is polled, and Huey's default idle back-off would let the poll interval
# grow to 10 s. Polling every 0.2 s at most costs one indexed SELECT per worker per poll.
_HUEY_CONSUMER = {
    "workers": HUEY_WORKERS,
    "worker_type": "thread",
    "initial_delay": 0.05,
    "max_delay": 0.2,
    "backoff": 1.5,
}
if _redis_url:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "simon",
        "url": _redis_url,
        "immediate": HUEY_IMMEDIATE,
        "consumer": _HUEY_CONSUMER,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "simon",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
        "consumer": _HUEY_CONSUMER,
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "stream": sys.stderr},
    },
    "root": {"handlers": ["console"], "level": config.env_str("SIMON_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
    },
}
