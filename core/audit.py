"""Who and why for the history row that the next save writes. The request middleware knows the
user only inside a request; services are also run by commands and Celery tasks."""


def stamp(obj, *, actor, reason: str = "") -> None:
    if actor is not None:
        obj._history_user = actor
    if reason:
        obj._change_reason = reason
