"""The notification centre and the preferences page."""

import pytest
from django.urls import reverse

from dieuhanh.platform import notifications
from dieuhanh.platform.notifications import selectors
from dieuhanh.platform.notifications.models import Notification, NotificationPreference
from dieuhanh.platform.notifications.module import DIGEST_KIND

from .factories import KIND, recipient

pytestmark = pytest.mark.django_db

CENTRE = "/notifications/"


@pytest.fixture
def person(client):
    user = recipient(full_name="Đỗ Thị Hoa")
    client.force_login(user)
    return user


def test_anonymous_is_sent_to_login(client):
    for url in (CENTRE, "/notifications/preferences/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_centre_lists_own_notifications_unread_first(client, person):
    other = recipient()
    old, = notifications.notify(recipients=[person], kind=KIND, title="Cũ đã đọc")
    notifications.notify(recipients=[person], kind=KIND, title="Chưa đọc A")
    notifications.notify(recipients=[other], kind=KIND, title="Của người khác")
    notifications.notify(recipients=[person], kind=KIND, title="Chưa đọc B")
    Notification.objects.filter(pk=old.pk).update(read_at=old.created_at)
    html = client.get(CENTRE).content.decode()
    assert "Của người khác" not in html
    assert html.index("Chưa đọc B") < html.index("Chưa đọc A") < html.index("Cũ đã đọc")
    assert "2 thông báo chưa đọc" in html


def test_centre_is_paginated_with_bounded_queries(client, person, django_assert_max_num_queries):
    for i in range(60):
        notifications.notify(recipients=[person], kind=KIND, title=f"Thông báo số {i:02d}", actor=recipient())
    client.get(CENTRE)  # warm caches (session, roles)
    with django_assert_max_num_queries(15):
        response = client.get(CENTRE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thông báo số 59" in html and "Thông báo số 34" not in html
    assert "Trang 1 / 3" in html
    page3 = client.get(CENTRE + "?page=3").content.decode()
    assert "Thông báo số 00" in page3
    assert client.get(CENTRE + "?page=abc").status_code == 200


def test_filter_by_module_and_kind_and_bad_filters_answer_400(client, person):
    notifications.notify(recipients=[person], kind=KIND, title="Tin mẫu")
    ok = client.get(CENTRE, {"module": "sample", "kind": KIND})
    assert ok.status_code == 200 and "Tin mẫu" in ok.content.decode()
    none = client.get(CENTRE, {"module": "notifications"})
    assert "Tin mẫu" not in none.content.decode()
    bad = client.get(CENTRE, {"kind": "<script>"})
    assert bad.status_code == 400
    assert "Loại thông báo không hợp lệ." in bad.content.decode()
    assert client.get(CENTRE, {"module": "khong-co"}).status_code == 400


def test_mark_read_own_only_and_open_follows_the_link(client, person):
    mine, = notifications.notify(recipients=[person], kind=KIND, title="Của tôi", url="/sample/")
    theirs, = notifications.notify(recipients=[recipient()], kind=KIND, title="Không phải")
    url = reverse("notifications:mark_read", args=[theirs.pk])
    assert client.post(url).status_code == 404
    assert client.get(reverse("notifications:mark_read", args=[mine.pk])).status_code == 405
    response = client.post(reverse("notifications:mark_read", args=[mine.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/sample/"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_mark_read_never_redirects_off_site(client, person):
    n, = notifications.notify(recipients=[person], kind=KIND, title="x", url="https://evil.example/")
    response = client.post(
        reverse("notifications:mark_read", args=[n.pk]), {"open": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == CENTRE


def test_mark_all_read(client, person):
    notifications.notify(recipients=[person], kind=KIND, title="1")
    notifications.notify(recipients=[person], kind=KIND, title="2")
    response = client.post(reverse("notifications:mark_all_read"), {"next": CENTRE}, follow=True)
    assert selectors.unread_count(person) == 0
    assert "Đã đánh dấu tất cả thông báo là đã đọc." in response.content.decode()


def test_preferences_page_groups_kinds_by_module_and_saves(client, person):
    html = client.get("/notifications/preferences/").content.decode()
    assert "Phân hệ mẫu" in html and "Phân hệ mẫu gửi tin" in html
    assert f'name="{KIND}:web"' in html and f'name="{KIND}:email"' in html
    assert f'name="{DIGEST_KIND}:web"' not in html  # the digest is email only
    assert f'for="pref-{KIND}-email"' in html  # every checkbox is labelled
    # Keep web, turn email off for the sample kind; turn the digest off.
    response = client.post("/notifications/preferences/", {f"{KIND}:web": "on"})
    assert response.status_code == 302
    saved = dict(
        ((k, c), e)
        for k, c, e in NotificationPreference.objects.filter(
            user=person, kind__in=[KIND, DIGEST_KIND]
        ).values_list("kind", "channel", "enabled")
    )
    assert saved == {(KIND, "web"): True, (KIND, "email"): False, (DIGEST_KIND, "email"): False}
    html = client.get("/notifications/preferences/").content.decode()
    assert f'id="pref-{KIND}-web" checked' in html
    assert f'id="pref-{KIND}-email">' in html


def test_english_page(client, person):
    person.language = "en"
    person.save()
    response = client.get(CENTRE, HTTP_ACCEPT_LANGUAGE="en")
    assert "No notifications yet" in response.content.decode()
