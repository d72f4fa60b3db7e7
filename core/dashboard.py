"""Panels of the home page. Each app registers a function `(request) -> dict | None` in its
`AppConfig.ready()`; a dict has `title`, `template` and whatever its template reads."""

from collections.abc import Callable

PANELS: list[Callable] = []


def register_panel(panel: Callable) -> Callable:
    PANELS.append(panel)
    return panel


def panels_for(request) -> list[dict]:
    return [section for panel in PANELS if (section := panel(request))]
