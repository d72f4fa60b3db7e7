"""Demo data."""


def seed(users: dict) -> None:
    return None
