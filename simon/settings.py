"""Django settings for Simon, read only from the environment (see README 'Configuration')."""

from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import csp.constants as csp
from django.core.exceptions import ImproperlyConfigured

from simon.lib import config
from simon.lib.config import ConfigError
from simon.lib.fernet_keys import fernet_keys

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
    # Behind a TLS-terminating proxy: see HTTPS below, and the Fernet keys must live elsewhere.
    SIMON_HTTPS = config.env_bool("SIMON_HTTPS", False)
    # Fernet keys for credentials at rest (the koppelsleutel), newest first; the newest
    # encrypts. Embedded set-up: one generated in the data folder (simon/lib/fernet_keys.py).
    FERNET_KEYS = fernet_keys(os.environ, DATA_DIR, production=SIMON_HTTPS)
    SNELSTART_SYNC_INTERVAL_SECONDS = config.env_int("SIMON_SYNC_INTERVAL", 60, minimum=5)
    SNELSTART_CLEANUP_INTERVAL_HOURS = config.env_int("SIMON_CLEANUP_INTERVAL_HOURS", 24, minimum=1)
    SNELSTART_TOKEN_URL = config.env_str(
        "SNELSTART_TOKEN_URL", "https://auth.snelstart.nl/b2b/token"
    )
    SNELSTART_BASE_URL = config.env_str("SNELSTART_BASE_URL", "https://b2bapi.snelstart.nl/v2")
    SNELSTART_SUBSCRIPTION_KEY = config.env_str("SNELSTART_SUBSCRIPTION_KEY", "")
    SNELSTART_CALLS_PER_MINUTE = config.env_int("SNELSTART_CALLS_PER_MINUTE", 100, minimum=1)
    # SnelStart's hourly limit is ten minutes' worth on both of its products (CONTRACT §10).
    SNELSTART_CALLS_PER_HOUR = config.env_int(
        "SNELSTART_CALLS_PER_HOUR", 10 * SNELSTART_CALLS_PER_MINUTE, minimum=1
    )
    SNELSTART_MAX_ATTEMPTS = config.env_int("SNELSTART_MAX_ATTEMPTS", 4, minimum=1)
    SNELSTART_IMPORT_WORKERS = config.env_int("SNELSTART_IMPORT_WORKERS", 4, minimum=1)
    SNELSTART_CONNECT_TIMEOUT = config.env_float("SNELSTART_CONNECT_TIMEOUT", 10.0, minimum=0.1)
    SNELSTART_READ_TIMEOUT = config.env_float("SNELSTART_READ_TIMEOUT", 25.0, minimum=0.1)
    # How long SnelStart may still be working on a request Simon stopped waiting for: a sales
    # order whose POST went unanswered is looked up no sooner than this after the attempt.
    SNELSTART_OUTCOME_SETTLE_SECONDS = config.env_float(
        "SNELSTART_OUTCOME_SETTLE_SECONDS", 120.0, minimum=0.0
    )
    # How often the sweep looks for sales orders whose hand-off to the queue was lost: once a
    # minute, or more often (periodic jobs tick once a minute; the rest are scheduled from it).
    SNELSTART_EXPORT_SWEEP_SECONDS = config.env_int("SIMON_EXPORT_SWEEP_INTERVAL", 60, minimum=1)
    if SNELSTART_EXPORT_SWEEP_SECONDS > 60:
        raise ConfigError("SIMON_EXPORT_SWEEP_INTERVAL must be at most 60 (seconds)")
    # How long the integration's own history is kept (snelstart_sync/retention.py).
    SIMON_KEEP_IDLE_RUNS_HOURS = config.env_int("SIMON_KEEP_IDLE_RUNS_HOURS", 48, minimum=24)
    SIMON_KEEP_RUNS_DAYS = config.env_int("SIMON_KEEP_RUNS_DAYS", 30, minimum=1)
    SIMON_KEEP_LOG_DAYS = config.env_int("SIMON_KEEP_LOG_DAYS", 180, minimum=1)
    # GET /metrics (Prometheus) answers only with this bearer token; unset: the endpoint is off.
    SIMON_METRICS_TOKEN = config.env_str("SIMON_METRICS_TOKEN", "")
    HUEY_WORKERS = config.env_int("SIMON_HUEY_WORKERS", 2, minimum=1)
    # Login throttling (django-axes, simon/tenants/throttling.py) and running behind HTTPS.
    SIMON_LOGIN_FAILURE_LIMIT = config.env_int("SIMON_LOGIN_FAILURE_LIMIT", 5, minimum=1)
    SIMON_API_TOKEN_FAILURE_LIMIT = config.env_int("SIMON_API_TOKEN_FAILURE_LIMIT", 30, minimum=1)
    _login_cooloff_minutes = config.env_int("SIMON_LOGIN_COOLOFF_MINUTES", 15, minimum=1)
    SIMON_TRUSTED_PROXIES = config.env_int("SIMON_TRUSTED_PROXIES", 0, minimum=0)
    _hsts_seconds = config.env_int("SIMON_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
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
    "axes",
    "csp",
    "simon.tenants",
    "simon.customers",
    "simon.catalog",
    "simon.workorders",
    "simon.forms",
    "simon.api",
    "simon.fieldapp",
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
    "csp.middleware.CSPMiddleware",
    # Last: it turns axes' lock-out signal (set during authentication) into the 429 answer.
    "axes.middleware.AxesMiddleware",
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
                "csp.context_processors.nonce",
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

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = "simon.tenants.throttling.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=_login_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "simon.tenants.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "simon.tenants.throttling.client_ip"
AXES_USERNAME_CALLABLE = "simon.tenants.throttling.username"
AXES_RESET_ON_SUCCESS = True

# SIMON_HTTPS: Simon runs behind a reverse proxy that terminates TLS and sets
# X-Forwarded-Proto (and overwrites a client's own). Only then may that header be trusted.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SIMON_HTTPS else None
SECURE_SSL_REDIRECT = SIMON_HTTPS
SECURE_HSTS_SECONDS = _hsts_seconds if SIMON_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SIMON_HTTPS
SECURE_HSTS_PRELOAD = SIMON_HTTPS
SESSION_COOKIE_SECURE = SIMON_HTTPS
CSRF_COOKIE_SECURE = SIMON_HTTPS

# Scripts and styles only from Simon itself (htmx's own indicator style is off, see
# base.html); the one inline script carries the request's nonce. Signatures are data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "connect-src": [csp.SELF],
        "font-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

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
