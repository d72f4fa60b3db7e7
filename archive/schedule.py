"""Beat entries of this app, merged into settings.CELERY_BEAT_SCHEDULE (read while the
settings load, so the interval comes from the environment: ARCHIVE_FIXITY_EVERY_DAYS)."""

import os
from datetime import timedelta

BEAT_SCHEDULE = {
    "archive-check-fixity": {
        "task": "archive.tasks.check_fixity",
        "schedule": timedelta(days=int(os.environ.get("ARCHIVE_FIXITY_EVERY_DAYS", "7"))),
    },
}
