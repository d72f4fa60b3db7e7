"""Fixtures of the core tests. Test files carry a `test_core_` prefix: `tests/` is not a package,
so basenames must be unique across app folders (and a `tests/core` package would shadow the
`core` app)."""

import factory
import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"chuyenvien{n}")
    first_name = "Văn An"
    last_name = factory.Sequence(lambda n: f"Nguyễn{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@vanphong.example")
    is_active = True


@pytest.fixture
def user(db):
    return UserFactory(first_name="Thị Bình", last_name="Trần")


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def eager_celery():
    """Run tasks in-process even when the suite runs with REDIS_URL set (CI)."""
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True, CELERY_TASK_EAGER_PROPAGATES=True):
        yield


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_user(db):
    """`make_user(is_active=False, email="")`: more users with the same factory."""
    return UserFactory
