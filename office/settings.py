"""Settings for Văn phòng số. Every value a deployment changes comes from the environment
(see README and `.env.example`); the defaults run on a laptop: a SQLite file and eager Celery."""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from office.env import env_bool, env_int, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or ("insecure-development-key" if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core.apps.OfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "guardian",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "core",
    "units",
    "workprograms",
    "dispatch",
    "archive",
    "finance",
    "facilities",
    "cipher",
    "advisory",
    "personnel",
    "regime",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's `user.is_verified()` without its query per page (cipher.twofactor).
    "cipher.twofactor.OfficeOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.lockout.KnownDeviceMiddleware",
    "cipher.twofactor.SecondFactorRequiredMiddleware",
    "core.middleware.RefusedWriteRollbackMiddleware",
]
#: views whose refused POSTs still commit: failed sign-ins are counted by django-axes, wrong
#: second-factor codes by cipher.twofactor
REFUSED_POST_KEEPS_WRITES = ["login", "admin:login", "cipher:second_factor"]

ROOT_URLCONF = "office.urls"
WSGI_APPLICATION = "office.wsgi.application"

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
                "core.context_processors.office",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(env_str("DATABASE_URL"), str(VAR_DIR / "db.sqlite3")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "units.backends.OfficeModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Django's rules with Vietnamese messages (core.passwords); ten characters at least.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "core.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "core.passwords.CommonPasswordValidator"},
    {"NAME": "core.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout (core.lockout): one address on one account locks at AXES_FAILURE_LIMIT, one address on
# any accounts (the office's NAT) and one account from anywhere at higher limits; a device that
# signed in as the person before is never blocked for them. The window is fixed: failures during
# a lock do not extend it, and a success does not wipe a stranger's failures.
AXES_HANDLER = "core.lockout.OfficeLockoutHandler"
AXES_WHITELIST_CALLABLE = "core.lockout.is_known_device"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 30)
AXES_ACCOUNT_FAILURE_LIMIT = env_int("AXES_ACCOUNT_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
#: How long a device is remembered as one its person signed in on, in seconds [1 year].
KNOWN_DEVICE_MAX_AGE = env_int("KNOWN_DEVICE_DAYS", 365) * 24 * 3600

# Two-factor sign-in (cipher.twofactor): OTP_FAILURE_LIMIT wrong codes within OTP_LOCK_MINUTES
# (since the last accepted code) lock the second step for that window. django-otp's own
# exponential throttle is off: this fixed window replaces it.
OTP_FAILURE_LIMIT = env_int("OTP_FAILURE_LIMIT", 5)
OTP_LOCK_MINUTES = env_int("OTP_LOCK_MINUTES", 15)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Văn phòng số")
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Digital signatures (cipher.signing): the key that encrypts the stored PKCS#12 files (a Fernet
# key, or a passphrase stretched with PBKDF2). Laptop default derived from SECRET_KEY; a
# deployment sets its own (system check cipher.E001 when DEBUG is off and it is missing).
CERTIFICATE_STORE_KEY = env_str("CERTIFICATE_STORE_KEY") or (SECRET_KEY if DEBUG else "")
CERTIFICATE_EXPIRY_WARN_DAYS = env_int("CERTIFICATE_EXPIRY_WARN_DAYS", 30)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script, style, font and image is served by the app itself (static/): no inline script or
# style, no plugin, no framing (a small middleware, core.middleware: with no inline script there
# is no nonce to manage, so django-csp would add a dependency and nothing else). Bootstrap's
# icons are data: images in its stylesheet.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # The one inline style of a third-party admin page (simple_history's history list,
    # `style="border-top: 0"`), allowed by its hash alone.
    "style-src-attr": ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    # The decision page embeds the PDF to read (the site's own file views, `?xem=1`); no other
    # site may frame the office's pages.
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Browser features no page of the office uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["office.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 25) * 1024 * 1024
UPLOAD_MAX_PIXELS = env_int("UPLOAD_MAX_MEGAPIXELS", 50) * 1_000_000
# An upload past UPLOAD_MAX_BYTES is cut there (nothing more kept) and refused on its form.
FILE_UPLOAD_HANDLERS = [
    "core.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments that depend on code and language only (the main menu): kept per process.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# With Redis, sessions are read from the shared cache and written through to the database, so a
# page costs no session query and nothing is lost if Redis restarts. Without it, a per-process
# cache could keep a signed-out session alive in another worker: the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
#: The archive's fixity check: at most this many stored scans re-read per run (the run's
#: interval is `ARCHIVE_FIXITY_EVERY_DAYS`, read by archive/schedule.py).
ARCHIVE_FIXITY_BATCH = env_int("ARCHIVE_FIXITY_BATCH", 5000)
#: Every project app's periodic tasks: the `BEAT_SCHEDULE` of its `schedule` module, if it has one.
CELERY_BEAT_SCHEDULE: dict = {
    name: entry
    for app in INSTALLED_APPS
    if "." not in app and find_spec(f"{app}.schedule") is not None
    for name, entry in import_module(f"{app}.schedule").BEAT_SCHEDULE.items()
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "vanphongso@localhost")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

OFFICE_NAME = env_str("OFFICE_NAME", "Văn phòng Tỉnh ủy")
#: The place and the committee printed on every Party-layout PDF ("Thanh Hóa, ngày …",
#: "TỈNH ỦY THANH HÓA"). The defaults name the demo province, so a laptop prints a real heading;
#: with DEBUG off the system check core.W001 warns while either is left at its demo value.
OFFICE_DEMO_PLACE = "Thanh Hóa"
OFFICE_DEMO_PARENT_NAME = "TỈNH ỦY THANH HÓA"
OFFICE_PLACE = env_str("OFFICE_PLACE", OFFICE_DEMO_PLACE)
OFFICE_PARENT_NAME = env_str("OFFICE_PARENT_NAME", OFFICE_DEMO_PARENT_NAME)
#: Issuer code of the office in number-and-symbol ("21-HD/VPTU").
OFFICE_ISSUER_CODE = env_str("OFFICE_ISSUER_CODE", "VPTU")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
