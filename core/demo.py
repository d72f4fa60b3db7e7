"""Demo data of each app. An app registers a function `(users) -> None` in its
`AppConfig.ready()`; `manage.py seed_demo` creates the office's people first, then calls every
registered function in the order the apps are installed, all in one transaction. `users` maps each
demo username to its account. A function must be idempotent: run it again and nothing is
duplicated."""

from collections.abc import Callable

DemoSeed = Callable[[dict], None]

SEEDS: list[tuple[str, DemoSeed]] = []


def register_demo(name: str, seed: DemoSeed) -> DemoSeed:
    """Register `seed` under `name` (once: a second registration of the name replaces it)."""
    SEEDS[:] = [(known, fn) for known, fn in SEEDS if known != name]
    SEEDS.append((name, seed))
    return seed


def seed_all(users: dict) -> list[str]:
    """Run every registered seed; returns their names in the order run."""
    for _name, seed in SEEDS:
        seed(users)
    return [name for name, _seed in SEEDS]
