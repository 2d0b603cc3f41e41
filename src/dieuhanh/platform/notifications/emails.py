"""Building and sending notification emails: Vietnamese, UTF-8, text with an HTML alternative."""

from __future__ import annotations

from email.header import Header
from email.message import Message
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def site_url() -> str:
    return getattr(settings, "DIEUHANH_SITE_URL", "") or "http://127.0.0.1:8000"


def absolute(url: str) -> str:
    if not url:
        return ""
    return urljoin(site_url().rstrip("/") + "/", url)


def _subject(text: str) -> str:
    # Header injection and folding: one line only.
    return " ".join(str(text).split())[:250]


class _Email(EmailMultiAlternatives):
    """Django 5.2 folds a long non-ASCII Subject so that it starts on a continuation line,
    which strict readers (Python's email.policy.default among them) decode with a leading
    space. Encode it knowing the header's name, so the first word stays on the first line."""

    def message(self):
        msg = super().message()
        if not self.subject.isascii():
            del msg["Subject"]
            Message.__setitem__(
                msg, "Subject", Header(self.subject, "utf-8", header_name="Subject").encode()
            )
        return msg


def send_templated(*, to: str, language: str, subject: str, template: str, context: dict) -> int:
    """Render `<template>.txt` and `<template>.html` in the person's language and send them."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {**context, "site_url": site_url()}
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
        message = _Email(
            subject=_subject(subject),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
        )
        message.encoding = "utf-8"
        message.attach_alternative(html, "text/html")
        return message.send()
