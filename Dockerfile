# One image for web, worker and beat (docker-compose.yml). Fonts for the PDFs are shipped in
# static/fonts/, so only Pango/HarfBuzz (WeasyPrint's native libraries) come from Debian.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAR_DIR=/srv/var \
    MEDIA_ROOT=/srv/var/media \
    STATIC_ROOT=/srv/var/staticfiles

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .

RUN useradd --system --home-dir /srv --shell /usr/sbin/nologin vanphongso \
    && mkdir -p /srv/var/media /srv/var/staticfiles \
    && chown -R vanphongso:vanphongso /srv/var
USER vanphongso

EXPOSE 8000
CMD ["gunicorn", "office.wsgi:application", "-b", "0.0.0.0:8000", "--workers", "3"]
