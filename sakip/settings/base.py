"""Every setting lives here; dev, test and prod override a few."""

from pathlib import Path

import environ

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env_str("SAKIP_DATA_DIR") or BASE_DIR / "data")

SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-change-me"
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_tasks_db",
    "django_htmx",
    "sakip",
    "renstra",
    "kinerja",
    "anggaran",
    "laporan",
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
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sakip.urls"
WSGI_APPLICATION = "sakip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sakip.context.peran",
            ],
        },
    },
]

# SQLite by default (a file in the project's data folder); PostgreSQL when DATABASE_URL is set.
_DATABASE_URL = env_str("DATABASE_URL")
if _DATABASE_URL:
    DATABASES = {"default": environ.Env.db_url_config(_DATABASE_URL)}
    DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("DB_CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(env_str("SQLITE_PATH") or DATA_DIR / "sakip.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Indonesian by default, numbers as people there write them (1.234.567,89).
LANGUAGE_CODE = "id"
# The interface is written in Indonesian only: a browser asking for English must not get English dates and month names
# inside Indonesian pages.
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [d for d in [BASE_DIR / "static"] if d.is_dir()]  # vendored assets, once there are any
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "pdf"],
    }
}

# Jobs that survive a crash (sakip/tugas.py): a job being run writes a sign of life every SAKIP_TUGAS_DENYUT seconds;
# one silent for SAKIP_TUGAS_BATAS_DENYUT seconds (its worker was killed or stopped), or still queued after
# SAKIP_TUGAS_BATAS_ANTRE minutes, ends failed with a message, and the person can start it again at once.
from datetime import timedelta  # noqa: E402

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

TUGAS_DENYUT = timedelta(seconds=env_int("SAKIP_TUGAS_DENYUT", 15))
TUGAS_BATAS_DENYUT = timedelta(seconds=env_int("SAKIP_TUGAS_BATAS_DENYUT", 120))
TUGAS_BATAS_ANTRE = timedelta(minutes=env_int("SAKIP_TUGAS_BATAS_ANTRE", 30))
if not timedelta(0) < TUGAS_DENYUT * 3 <= TUGAS_BATAS_DENYUT:
    raise ImproperlyConfigured("SAKIP_TUGAS_BATAS_DENYUT must be at least three times SAKIP_TUGAS_DENYUT (> 0).")

# Sessions: a working day.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "img-src": [CSP.SELF, "data:"],
}

# Logins: lock on username + IP (a whole office shares one NAT address).
from datetime import timedelta  # noqa: E402

AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every laid-out page at INFO, and fontTools every subset font: hundreds of lines per PDF.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Logins and responses (issue 12): cache headers, the client's address behind a proxy, a per-account limit ------
# Responses to a signed-in person are never stored by a cache (sakip.middleware.TanpaSimpanMiddleware).
MIDDLEWARE = [*MIDDLEWARE, "sakip.middleware.TanpaSimpanMiddleware"]
# Behind a reverse proxy (BEHIND_TRUSTED_PROXY=1) the client's address is read from X-Forwarded-For, as written by the
# TRUSTED_PROXY_COUNT proxies in front of the application (1 by default); otherwise only REMOTE_ADDR counts and the
# header, which anyone can send, is ignored (sakip.masuk.alamat_klien).
BEHIND_TRUSTED_PROXY = env_bool("BEHIND_TRUSTED_PROXY", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1) if BEHIND_TRUSTED_PROXY else 0
AXES_CLIENT_IP_CALLABLE = "sakip.masuk.alamat_klien"
# Besides 5 failures per username and address, 20 failures per account over every address within the cool-off lock
# the account, except at an address it signed in from in the last 30 days (sakip.masuk.PenanganMasuk).
AXES_HANDLER = "sakip.masuk.PenanganMasuk"
SAKIP_BATAS_GAGAL_AKUN = env_int("SAKIP_BATAS_GAGAL_AKUN", 20)
SAKIP_ALAMAT_DIKENAL = timedelta(days=30)
