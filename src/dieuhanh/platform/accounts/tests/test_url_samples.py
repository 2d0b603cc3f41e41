"""The samples of url_samples.py give the answers their docstring promises."""

import pytest
from django.urls import reverse

from .factories import reauthenticate
from .url_samples import SAMPLES

pytestmark = pytest.mark.django_db


def test_reset_key_sample_is_a_real_key(client, staff):
    kwargs = SAMPLES["account_reset_password_from_key"](staff)
    response = client.get(reverse("account_reset_password_from_key", kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].endswith("-set-password/")


def test_reset_key_sample_for_an_anonymous_visitor(client, staff):
    from django.contrib.auth.models import AnonymousUser

    kwargs = SAMPLES["account_reset_password_from_key"](AnonymousUser())
    assert client.get(reverse("account_reset_password_from_key", kwargs=kwargs)).status_code == 302


def test_other_samples(client, staff):
    client.force_login(staff)
    confirm = client.get(reverse("account_confirm_email", kwargs=SAMPLES["account_confirm_email"](staff)))
    assert confirm.status_code == 200
    assert "Liên kết xác minh không hợp lệ hoặc đã hết hạn." in confirm.content.decode()
    reauthenticate(client)
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        # The person has no security key: the sample names nobody's key, answered 404.
        assert client.get(reverse(name, kwargs=SAMPLES[name](staff))).status_code == 404
