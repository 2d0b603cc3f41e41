"""Email through the task queue to a real SMTP server process, and the daily digest."""

import datetime as dt
import email
import email.policy
import mailbox
import socket
import subprocess
import sys
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from dieuhanh.platform import notifications
from dieuhanh.platform.notifications import services
from dieuhanh.platform.notifications.digest import digest_for, send_daily_digest
from dieuhanh.platform.notifications.models import Notification
from dieuhanh.platform.notifications.module import DIGEST_KIND
from dieuhanh.platform.notifications.tasks import daily_digest, send_notification_email
from dieuhanh.platform.orgs.tests.factories import MembershipFactory, OrgUnitFactory

from .factories import KIND, recipient

SUBJECT = "Văn bản đến cần xử lý: Tờ trình số 15/TTr-UBND về đất đai"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(tmp_path):
    """A real SMTP server in its own process, storing what it receives in a Maildir."""
    port = _free_port()
    maildir = tmp_path / "maildir"
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
         "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"aiosmtpd did not start: {process.stderr.read()!r}") from None
            time.sleep(0.1)
    try:
        yield port, maildir
    finally:
        process.terminate()
        process.wait(timeout=10)


def _received(maildir, count: int) -> list[email.message.EmailMessage]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if maildir.exists():
            box = mailbox.Maildir(str(maildir), factory=None, create=False)
            raw = [m.as_bytes() for m in box]
            if len(raw) >= count:
                return [email.message_from_bytes(r, policy=email.policy.default) for r in raw]
        time.sleep(0.1)
    raise AssertionError(f"the SMTP server did not receive {count} message(s)")


@pytest.mark.django_db(transaction=True)
def test_notification_email_reaches_a_real_smtp_server_with_intact_vietnamese(settings, smtp_server):
    port, maildir = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DIEUHANH_SITE_URL = "https://dieuhanh.hanoi.gov.vn"
    person = recipient(full_name="Trần Thị Hương", email="huong@hanoi.gov.vn")
    silent = recipient(email="khong-nhan@hanoi.gov.vn")
    services.preferences_save(user=silent, choices={(KIND, "email"): False})

    # Autocommit: the commit happens at once, then the task (immediate backend) sends.
    notifications.notify(
        recipients=[person, silent], kind=KIND, title=SUBJECT,
        body="Đề nghị đồng chí xem xét, cho ý kiến trước ngày 20/11.", url="/sample/15/",
    )

    (message,) = _received(maildir, 1)
    assert message["Subject"] == SUBJECT
    assert message["To"] == "huong@hanoi.gov.vn"
    assert "Điều Hành" in str(message["From"])
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Chào Hương," in text
    assert "Đề nghị đồng chí xem xét, cho ý kiến trước ngày 20/11." in text
    assert "https://dieuhanh.hanoi.gov.vn/sample/15/" in text
    assert 'href="https://dieuhanh.hanoi.gov.vn/sample/15/"' in html and SUBJECT in html
    assert message.get_content_charset() is None  # multipart/alternative
    assert {p.get_content_charset() for p in message.walk() if not p.is_multipart()} == {"utf-8"}
    # Sent once: running the task again (a retry) sends nothing more.
    sent = Notification.objects.get(recipient=person)
    assert sent.emailed_at is not None
    send_notification_email.call(sent.pk)
    time.sleep(0.3)
    assert len(_received(maildir, 1)) == 1


@pytest.mark.django_db
def test_email_task_respects_a_preference_changed_after_notify(django_capture_on_commit_callbacks):
    person = recipient()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (n,) = notifications.notify(recipients=[person], kind=KIND, title="Sẽ bị tắt")
    services.preferences_save(user=person, choices={(KIND, "email"): False})
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert Notification.objects.get(pk=n.pk).emailed_at is None


@pytest.mark.django_db
def test_email_in_the_recipients_language(django_capture_on_commit_callbacks):
    person = recipient(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(recipients=[person], kind=KIND, title="Tiêu đề")
    assert len(mail.outbox) == 1
    # The title is data (kept as written); the surrounding text follows the person's language.
    assert mail.outbox[0].subject == "Tiêu đề"
    assert mail.outbox[0].body.startswith("Hello ")
    assert "This email was sent automatically" in mail.outbox[0].body


def _work_item(*, title, user=None, unit=None, due_at=None, state="open"):
    from django.apps import apps

    WorkItem = apps.get_model("inbox", "WorkItem")
    anchor = user or recipient()
    return WorkItem.objects.create(
        module="sample", content_type=ContentType.objects.get_for_model(anchor),
        object_id=str(anchor.pk), purpose=title, title=title, url="/sample/1/",
        assignee_user=user, assignee_unit=unit, due_at=due_at, state=state,
        closed_at=None if state == "open" else timezone.now(),
    )


@pytest.mark.django_db
def test_daily_digest_lists_overdue_and_pending_items_per_person(settings):
    settings.DIEUHANH_SITE_URL = "https://dieuhanh.hanoi.gov.vn"
    now = timezone.now()
    unit = OrgUnitFactory()
    lan = recipient(full_name="Lê Thị Lan")
    MembershipFactory(user=lan, unit=unit)
    minh = recipient(full_name="Phạm Văn Minh")
    idle = recipient()
    opted_out = recipient()
    services.preferences_save(user=opted_out, choices={(DIGEST_KIND, "email"): False})
    _work_item(title="Trả lời kiến nghị cử tri quá hạn", user=lan, due_at=now - dt.timedelta(days=2))
    _work_item(title="Xử lý văn bản đến của đơn vị", unit=unit, due_at=now + dt.timedelta(days=3))
    _work_item(title="Việc đã xong", user=lan, due_at=now - dt.timedelta(days=9), state="done")
    _work_item(title="Duyệt tờ trình", user=minh)
    _work_item(title="Không muốn nhận thư", user=opted_out)

    digest = digest_for(lan, now=now)
    assert digest["total"] == 2 and digest["overdue_total"] == 1
    assert [i["title"] for i in digest["overdue"]] == ["Trả lời kiến nghị cử tri quá hạn"]
    assert [i["title"] for i in digest["pending"]] == ["Xử lý văn bản đến của đơn vị"]
    assert digest_for(idle, now=now) is None

    assert send_daily_digest(now=now, working_days_only=False) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {lan.email, minh.email}
    lan_mail = by_person[lan.email]
    assert lan_mail.subject == "Việc cần xử lý hôm nay: 2 việc, 1 việc quá hạn"
    assert "Trả lời kiến nghị cử tri quá hạn" in lan_mail.body
    assert "Việc đã xong" not in lan_mail.body
    assert "https://dieuhanh.hanoi.gov.vn/inbox/" in lan_mail.body
    assert lan_mail.alternatives[0][1] == "text/html"




@pytest.mark.django_db
def test_the_digest_of_a_colleague_standing_in_lists_the_absent_persons_items():
    from dieuhanh.platform.inbox.services import delegation_create

    now = timezone.now()
    absent = recipient(full_name="Trần Văn Vắng")
    colleague = recipient(full_name="Ngô Thị Thay")
    _work_item(title="Ký phiếu chuyển văn bản", user=absent, due_at=now + dt.timedelta(days=1))
    assert digest_for(colleague, now=now) is None
    today = timezone.localdate(now)
    delegation_create(
        by=absent, from_user=absent, to_user=colleague, start_date=today,
        end_date=today + dt.timedelta(days=3), reason="Đi công tác",
    )
    digest = digest_for(colleague, now=now)
    assert [i["title"] for i in digest["pending"]] == ["Ký phiếu chuyển văn bản"]
    assert send_daily_digest(now=now, working_days_only=False) == 2
    assert {m.to[0] for m in mail.outbox} == {absent.email, colleague.email}


@pytest.mark.django_db
def test_daily_digest_task_runs_through_the_queue_on_working_days_only():
    from dieuhanh.platform.workcalendar.api import is_working_day

    lan = recipient()
    _work_item(title="Việc chờ", user=lan)
    result = daily_digest.enqueue()
    today_works = is_working_day(timezone.localdate())
    assert result.return_value == (1 if today_works else 0)
    assert len(mail.outbox) == (1 if today_works else 0)
    # Quốc khánh (2 September) is a day off; the Monday after it is not.
    holiday = timezone.make_aware(dt.datetime(2026, 9, 2, 7, 0))
    assert send_daily_digest(now=holiday) == 0
    monday = timezone.make_aware(dt.datetime(2026, 11, 23, 7, 0))
    mail.outbox.clear()
    assert send_daily_digest(now=monday) == 1
    assert [m.to for m in mail.outbox] == [[lan.email]]
