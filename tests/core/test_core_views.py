import pytest
from django.urls import reverse

from core import selectors, services
from core.models import Notification

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "units.backends.OfficeModelBackend"


@pytest.fixture
def logged_in(client, user):
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def notify_many(user, count, **kwargs):
    for i in range(count):
        services.notify(recipients=[user], title=f"Thông báo số {i:02d}", email=False, **kwargs)


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("home", [], "get"),
        ("core:notifications", [], "get"),
        ("core:notification_read", [1], "post"),
        ("core:notifications_read_all", [], "post"),
        ("core:generated_file_detail", [1], "get"),
        ("core:generated_file_download", [1], "get"),
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, name, args, method):
    url = reverse(name, args=args)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_home_url_is_the_site_root():
    assert reverse("home") == "/"


def test_home_welcomes_the_user_and_lists_five_latest_unread(logged_in, user, other_user):
    notify_many(user, 7)
    [read] = services.notify(recipients=[user], title="Đã đọc rồi", email=False)
    services.notification_mark_read(actor=user, notification_id=read.pk)
    services.notify(recipients=[other_user], title="Không phải của tôi", email=False)

    response = logged_in.get(reverse("home"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Xin chào, Thị Bình Trần!" in content
    assert [n.title for n in response.context["latest_unread"]] == [
        f"Thông báo số {i:02d}" for i in (6, 5, 4, 3, 2)
    ]
    assert "Thông báo số 01" not in content
    assert "Đã đọc rồi" not in content
    assert "Không phải của tôi" not in content
    assert response.context["unread_notifications"] == 7


def test_notification_list_is_paginated_and_private(logged_in, user, other_user):
    notify_many(user, 25)
    services.notify(recipients=[other_user], title="Không phải của tôi", email=False)

    first = logged_in.get(reverse("core:notifications"))
    following = first.context["page"].following
    second = logged_in.get(reverse("core:notifications"), {"truoc": following})

    assert len(first.context["page"].rows) == 20
    assert len(second.context["page"].rows) == 5
    assert second.context["page"].following is None
    assert f"truoc={following}" in first.content.decode()
    assert "Thông báo số 24" in first.content.decode()
    assert "Thông báo số 00" in second.content.decode()
    assert "Không phải của tôi" not in first.content.decode() + second.content.decode()


def test_notification_list_queries_do_not_grow_with_rows(
    logged_in, user, django_assert_max_num_queries
):
    notify_many(user, 2)
    with django_assert_max_num_queries(10) as few:
        logged_in.get(reverse("core:notifications"))
    notify_many(user, 30)
    with django_assert_max_num_queries(10) as many:
        logged_in.get(reverse("core:notifications"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_reading_a_notification_marks_it_and_follows_its_link(logged_in, user):
    [notification] = services.notify(
        recipients=[user], title="Xem văn bản", url="/van-ban/3/", email=False
    )
    response = logged_in.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == "/van-ban/3/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_reading_without_link_returns_to_the_list(logged_in, user):
    [notification] = services.notify(recipients=[user], title="Không có liên kết", email=False)
    response = logged_in.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.url == reverse("core:notifications")


def test_a_stored_offsite_link_is_never_followed(logged_in, user):
    # Services refuse such URLs; this guards against rows written some other way.
    notification = Notification.objects.create(recipient=user, title="x", url="//evil.example/")
    response = logged_in.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.url == reverse("core:notifications")


def test_someone_elses_notification_is_404_and_stays_unread(logged_in, other_user):
    [theirs] = services.notify(recipients=[other_user], title="Riêng", email=False)
    response = logged_in.post(reverse("core:notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_reading_needs_post(logged_in, user):
    [notification] = services.notify(recipients=[user], title="x", email=False)
    assert (
        logged_in.get(reverse("core:notification_read", args=[notification.pk])).status_code == 405
    )
    assert logged_in.get(reverse("core:notifications_read_all")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_read_all(logged_in, user, other_user):
    notify_many(user, 3)
    services.notify(recipients=[other_user], title="Riêng", email=False)
    response = logged_in.post(reverse("core:notifications_read_all"))
    assert response.url == reverse("core:notifications")
    assert selectors.unread_count(user) == 0
    assert selectors.unread_count(other_user) == 1


def test_context_processor_counts_unread_in_one_query(rf, user, django_assert_num_queries):
    from core.context_processors import office

    notify_many(user, 3)
    request = rf.get("/")
    request.user = user
    with django_assert_num_queries(1):
        first = office(request)
        again = office(request)  # a second template on the same request costs nothing
    assert first["unread_notifications"] == again["unread_notifications"] == 3
    assert first["office_name"]


def test_context_processor_for_anonymous_visitors(client, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from core.context_processors import office

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert office(request)["unread_notifications"] == 0


def test_the_cached_main_menu_follows_the_page_the_language_and_the_admin_flag(
    client, user, other_user
):
    """The menu is rendered once per process for each combination; a cached copy must never
    show one user's admin link to another, the wrong active section, or the other language."""
    other_user.is_staff = True
    other_user.save()
    admin_link = reverse("admin:index")
    notifications = reverse("core:notifications")

    client.force_login(other_user, backend=MODEL_BACKEND)
    assert f'href="{admin_link}"' in client.get(notifications).content.decode()

    client.force_login(user, backend=MODEL_BACKEND)
    page = client.get(notifications).content.decode()
    assert f'href="{admin_link}"' not in page
    assert "Trang chủ" in page

    home = client.get(reverse("home")).content.decode()
    assert 'class="nav-link active" href="/"' in home
    assert 'class="nav-link active"' not in page

    client.post(reverse("set_language"), {"language": "en", "next": notifications})
    english = client.get(notifications).content.decode()
    assert "Trang chủ" not in english


def test_the_working_day_endpoint_answers_the_deadline_or_a_clear_error(logged_in, client):
    from django.utils import timezone

    from core.workdays import add_working_days

    url = reverse("core:working_day_after")
    answer = logged_in.get(url, {"so": "5"})
    deadline = add_working_days(timezone.localdate(), 5)
    assert answer.json() == {"date": deadline.strftime("%d/%m/%Y"), "iso": deadline.isoformat()}
    for bad in ("", "0", "-3", "abc", "366"):
        refused = logged_in.get(url, {"so": bad})
        assert refused.status_code == 400
        assert refused.json()["error"] == "Số ngày làm việc phải từ 1 đến 365."
    logged_in.logout()
    assert client.get(url, {"so": "5"}).status_code == 302
