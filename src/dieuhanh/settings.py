"""Settings for Điều Hành, read from environment variables.

Unset variables mean the embedded default of DESIGN.md: SQLite under var/, in-memory
channel layer, local-memory cache, local files, email written to files under var/.
Setting DIEUHANH_PROFILE=production turns on the secure defaults `check --deploy` asks for.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DIEUHANH_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PROFILE = env("DIEUHANH_PROFILE", "embedded")
PRODUCTION = PROFILE == "production"
TESTING = env_bool("DIEUHANH_TESTING", False)

SECRET_KEY = env("SECRET_KEY") or (
    "embedded-insecure-key-change-me-in-production" if not PRODUCTION else ""
)
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set in the production profile")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]

# The first parts come first so that their templates override allauth's and Django's.
PLATFORM_APPS = [
    "dieuhanh.platform.ui",
    "dieuhanh.platform.registry",
    "dieuhanh.platform.accounts",
    "dieuhanh.platform.orgs",
    "dieuhanh.platform.permissions",
    "dieuhanh.platform.audit",
    "dieuhanh.platform.workcalendar",
    "dieuhanh.platform.jobs",
    "dieuhanh.platform.inbox",
    "dieuhanh.platform.notifications",
    "dieuhanh.platform.search",
    "dieuhanh.platform.files",
    "dieuhanh.platform.signing",
    "dieuhanh.platform.classifier",
    "dieuhanh.platform.dashboard",
]
MODULE_APPS: list[str] = sorted(
    f"dieuhanh.modules.{p.parent.name}" for p in (BASE_DIR / "modules").glob("*/module.py")
)
EXTRA_APPS = [a for a in env("DIEUHANH_EXTRA_APPS").split(",") if a]

INSTALLED_APPS = [
    *PLATFORM_APPS,
    *MODULE_APPS,
    *EXTRA_APPS,
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "django_htmx",
    "channels",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dieuhanh.platform.permissions.checks.RequestScopeMiddleware",
    # Before the two account rules: they tell the person why they were redirected.
    "django.contrib.messages.middleware.MessageMiddleware",
    "dieuhanh.platform.accounts.middleware.IdleTimeoutMiddleware",
    "dieuhanh.platform.accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "dieuhanh.platform.ui.middleware.FriendlyErrorsMiddleware",
]

ROOT_URLCONF = "dieuhanh.urls"
WSGI_APPLICATION = "dieuhanh.wsgi.application"
ASGI_APPLICATION = "dieuhanh.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dieuhanh.platform.ui.context_processors.shell",
            ],
        },
    }
]
# `{{ form }}` renders an error summary, labels, help text and inline errors (platform/ui).
FORM_RENDERER = "dieuhanh.platform.ui.forms.FormRenderer"

# --- database ------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dieuhanh.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0 if TESTING else 60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the task worker write while pages read; IMMEDIATE avoids
        # "database is locked" on upgrade from a read to a write transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")} if env_bool(
        "DIEUHANH_TEST_SQLITE_FILE", False
    ) else {}
DATABASE_VENDOR = "sqlite" if "sqlite" in DATABASES["default"]["ENGINE"] else "postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache, channels, tasks --------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "dieuhanh"),
        }
    }
    # Sessions are read from Redis on every request and written through to the database,
    # so a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env("CHANNEL_PREFIX", "dieuhanh")},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default", "email", "search", "files"],
    }
}

# --- auth ----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "dieuhanh.platform.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "dieuhanh.platform.accounts.adapter.display_name"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Điều Hành] "
# Staff sign-up is done by unit administrators, never by the public.
DIEUHANH_OPEN_SIGNUP = env_bool("DIEUHANH_OPEN_SIGNUP", False)
# Lockout: after this many failed logins for one account, it is locked for the timeout.
DIEUHANH_LOGIN_ATTEMPTS_LIMIT = int(env("LOGIN_ATTEMPTS_LIMIT", "5"))
DIEUHANH_LOGIN_ATTEMPTS_TIMEOUT = int(env("LOGIN_ATTEMPTS_TIMEOUT", str(15 * 60)))
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"20/m/ip,{DIEUHANH_LOGIN_ATTEMPTS_LIMIT}/{DIEUHANH_LOGIN_ATTEMPTS_TIMEOUT}s/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Điều Hành"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_ADAPTER = "dieuhanh.platform.accounts.adapter.MfaAdapter"
# Staff roles must enrol TOTP before they can work (issue 2, "required by a setting").
DIEUHANH_MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", PRODUCTION)
# Idle sessions end after this many seconds without a request.
DIEUHANH_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(12 * 3600)))

# --- i18n ----------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
FORMAT_MODULE_PATH = ["dieuhanh.formats"]

# --- static, media, email -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it before collectstatic has run
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DIEUHANH_MAX_UPLOAD_BYTES = int(env("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# PEM files of the certificate authorities whose signatures are trusted (besides the demo CA).
DIEUHANH_TRUST_ROOTS = [path for path in env("TRUST_ROOTS").split(",") if path]

EMAIL_URL = env("EMAIL_URL")
if EMAIL_URL.startswith(("smtp://", "smtps://")):
    from urllib.parse import unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or (465 if _mail.scheme == "smtps" else 25)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_USE_TLS = "tls=1" in (_mail.query or "")
elif EMAIL_URL == "locmem://":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Điều Hành <khong-tra-loi@dieuhanh.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- real time -------------------------------------------------------------------------
# Pages are served by WSGI; the browser opens its WebSocket to the ASGI server. In
# production nginx sends /ws/ to ASGI on the same origin; embedded, ASGI listens on its
# own port and the page is told where.
DIEUHANH_WEBSOCKET_URL = env("WEBSOCKET_URL", "")
DIEUHANH_WEBSOCKET_PORT = int(env("WEBSOCKET_PORT", "8001"))
# Absolute links in emails (notifications, digest) start with this address.
DIEUHANH_SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# --- security --------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
