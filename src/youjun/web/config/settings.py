"""Django settings for youjun.web, read from the environment.

- ``YOUJUN_DATA_DIR``: where the embedded database, the secret key and uploads live
  (default ``./build/web``).
- ``DATABASE_URL``: ``postgresql://user:pw@host:port/db`` for PostgreSQL; empty for the SQLite
  file ``$YOUJUN_DATA_DIR/youjun.sqlite3``.
- ``YOUJUN_SECRET_KEY`` (else a random key kept in the data dir), ``YOUJUN_DEBUG``,
  ``YOUJUN_ALLOWED_HOSTS`` (comma-separated), ``YOUJUN_HTTPS`` (secure cookies, HSTS).
- ``YOUJUN_VENDOR_DIR``: third-party static assets fetched from npm by
  ``scripts/fetch-static.sh`` (default ``build/vendor`` of the checkout).
- ``YOUJUN_TASKS``: ``thread`` (default: assessment runs in a background thread) or ``eager``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from youjun.ingest.limits import MB, ReadLimits
from youjun.web.config.dburl import parse_database_url
from youjun.web.config.private_files import private_dir, private_file, write_private_text

WEB_DIR = Path(__file__).resolve().parent.parent
CHECKOUT = WEB_DIR.parents[2]  # src/youjun/web -> the repository root when run from a checkout


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


DATA_DIR = Path(os.environ.get("YOUJUN_DATA_DIR") or Path.cwd() / "build" / "web").resolve()
private_dir(DATA_DIR)  # 0700: the database, the secret key and uploads live here


def _secret_key() -> str:
    key = os.environ.get("YOUJUN_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        write_private_text(path, secrets.token_urlsafe(50))
    private_file(path)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("YOUJUN_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("YOUJUN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
                 if h.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI from its own static files, not a CDN
    "youjun.web.apps.platform",
    "youjun.web.apps.schools",
    "youjun.web.apps.assessment",
    "youjun.web.apps.planning",
    "youjun.web.apps.rectification",
    "youjun.web.apps.consultation",
    # the school evaluation's panel first on a school's page: beside the balance findings
    "youjun.web.apps.schooleval",
    "youjun.web.apps.pupils",
    "youjun.web.apps.fitness",
    "youjun.web.apps.quality",
    "youjun.web.apps.habits",
    "youjun.web.apps.workforce",
    "youjun.web.apps.workforce.training",
    "youjun.web.apps.workforce.studios",
    "youjun.web.apps.workforce.growth",
    "youjun.web.apps.workforce.appraisal",
    "youjun.web.apps.groups",
    "youjun.web.apps.party",
    "youjun.web.apps.party.brands",
    "youjun.web.apps.party.integrity",
    "youjun.web.apps.vocational",
    "youjun.web.apps.courses",
    "youjun.web.apps.overview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "youjun.web.apps.platform.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "youjun.web.apps.platform.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "youjun.web.apps.platform.middleware.SessionLimitsMiddleware",
    "youjun.web.apps.platform.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "youjun.web.config.urls"
WSGI_APPLICATION = "youjun.web.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "youjun.web.apps.platform.context.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static", "django.templatetags.cache",
                         "youjun.web.apps.platform.templatetags.youjun"],
        },
    },
]

DATABASES = {"default": parse_database_url(os.environ.get("DATABASE_URL", ""), DATA_DIR / "youjun.sqlite3")}
_SQLITE = Path(DATABASES["default"]["NAME"]) if DATABASES["default"]["ENGINE"].endswith("sqlite3") else None
if _SQLITE is not None and str(_SQLITE) != ":memory:" and _SQLITE.parent.is_dir():
    private_file(_SQLITE)  # 0600 before SQLite opens it; its -wal/-shm files take the same mode
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "platform.User"

# The default first (every password a person sets is hashed with it); the second only for the
# random initial passwords of accounts made in bulk (platform/hashers.py says why).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "youjun.web.apps.platform.hashers.GeneratedPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "platform:login"
LOGIN_REDIRECT_URL = "platform:home"

# Sessions (SessionLimitsMiddleware): an absolute limit counted from the log-in, which activity
# does not extend; an idle limit (at least 60 s); and gone when the browser closes.
YOUJUN_SESSION_MAX_AGE = int(os.environ.get("YOUJUN_SESSION_MAX_AGE", str(8 * 3600)))
SESSION_COOKIE_AGE = YOUJUN_SESSION_MAX_AGE
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
YOUJUN_IDLE_TIMEOUT = max(60, int(os.environ.get("YOUJUN_IDLE_TIMEOUT", str(30 * 60))))
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if _flag("YOUJUN_HTTPS"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Log-in throttling (docs/adr/0005-login-throttling.md): this many failures for one account from
# one address within the window lock that pair for the period; the account as a whole is only
# slowed down (one attempt per delay once it has ACCOUNT_FAILURES failures in the window); one
# address is refused after IP_FAILURES failures over all accounts within IP_WINDOW.
YOUJUN_LOCKOUT_FAILURES = int(os.environ.get("YOUJUN_LOCKOUT_FAILURES", "5"))
YOUJUN_LOCKOUT_WINDOW = int(os.environ.get("YOUJUN_LOCKOUT_WINDOW", str(15 * 60)))
YOUJUN_LOCKOUT_PERIOD = int(os.environ.get("YOUJUN_LOCKOUT_PERIOD", str(15 * 60)))
YOUJUN_LOGIN_ACCOUNT_FAILURES = int(os.environ.get("YOUJUN_LOGIN_ACCOUNT_FAILURES", "20"))
YOUJUN_LOGIN_ACCOUNT_DELAY = int(os.environ.get("YOUJUN_LOGIN_ACCOUNT_DELAY", "30"))
YOUJUN_LOGIN_IP_FAILURES = int(os.environ.get("YOUJUN_LOGIN_IP_FAILURES", "50"))
YOUJUN_LOGIN_IP_WINDOW = int(os.environ.get("YOUJUN_LOGIN_IP_WINDOW", str(15 * 60)))

YOUJUN_TASKS = os.environ.get("YOUJUN_TASKS", "thread")
# Reports rendered (in Chinese) when a run finishes; others are rendered on first download.
YOUJUN_REPORTS_AT_RUN = os.environ.get("YOUJUN_REPORTS_AT_RUN", "html,xlsx,json,pdf")
# Uploads (page and API share one path, schools.services.accept_upload_file): the size limit
# is checked before the file is read; the stored and shown report keeps exact counts per code
# and the first N problems of each code, the full list is a download kept under the data dir.
# The default is the reader's own file limit (youjun.ingest.limits, 4x the nation's largest
# district), so a file the web takes is never then refused by the reader for its size.
YOUJUN_MAX_UPLOAD_MB = int(os.environ.get("YOUJUN_MAX_UPLOAD_MB", str(ReadLimits.from_env().max_file_bytes // MB)))
YOUJUN_REPORT_PROBLEMS_PER_CODE = int(os.environ.get("YOUJUN_REPORT_PROBLEMS_PER_CODE", "50"))

# E-mail (the consultation platform's daily digest; docs/web.md "E-mail"): YOUJUN_EMAIL_BACKEND is
# "console" (default: printed), "file" (one .log file per message under the data dir) or "smtp".
YOUJUN_EMAIL_BACKEND = os.environ.get("YOUJUN_EMAIL_BACKEND", "console").strip().lower() or "console"
_EMAIL_BACKENDS = {"console": "console", "file": "filebased", "smtp": "smtp"}
if YOUJUN_EMAIL_BACKEND not in _EMAIL_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"YOUJUN_EMAIL_BACKEND={YOUJUN_EMAIL_BACKEND!r}：须为 console、file 或 smtp / "
                               "must be console, file or smtp")
EMAIL_BACKEND = f"django.core.mail.backends.{_EMAIL_BACKENDS[YOUJUN_EMAIL_BACKEND]}.EmailBackend"
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_HOST = os.environ.get("YOUJUN_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("YOUJUN_SMTP_PORT", "587" if _flag("YOUJUN_SMTP_TLS", True) else "25"))
EMAIL_HOST_USER = os.environ.get("YOUJUN_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("YOUJUN_SMTP_PASSWORD", "")
EMAIL_USE_TLS = _flag("YOUJUN_SMTP_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("YOUJUN_MAIL_FROM", "youjun@localhost")
YOUJUN_UPLOAD_DIR = Path(os.environ.get("YOUJUN_UPLOAD_DIR") or DATA_DIR / "uploads").resolve()
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [  # the first stops keeping a file part past YOUJUN_MAX_UPLOAD_MB
    "youjun.web.apps.schools.upload_handler.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["youjun.web.formats"]
LANGUAGE_COOKIE_NAME = "youjun_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
VENDOR_DIR = Path(os.environ.get("YOUJUN_VENDOR_DIR") or CHECKOUT / "build" / "vendor")
STATICFILES_DIRS: list[object] = [WEB_DIR / "static"]
if VENDOR_DIR.is_dir():
    STATICFILES_DIRS.append(("vendor", VENDOR_DIR))
WHITENOISE_USE_FINDERS = True  # serve straight from the app and vendor dirs, no collectstatic needed
WHITENOISE_MAX_AGE = 3600

# Per-process cache for the rendered parts of finished runs (frozen, not user-specific).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "youjun",
                      "OPTIONS": {"MAX_ENTRIES": 2000}}}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "youjun": {"handlers": ["console"], "level": os.environ.get("YOUJUN_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}


# The site's public address as people type it (e.g. https://jiaoyu.example.cn/), printed on
# log-in slips (pupils' and parents' accounts); empty: the address of the request that prints them.
YOUJUN_PUBLIC_URL = os.environ.get("YOUJUN_PUBLIC_URL", "").strip()
