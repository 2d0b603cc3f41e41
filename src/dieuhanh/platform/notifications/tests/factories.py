"""Helpers for notification tests."""

from dieuhanh.platform.orgs.tests.factories import UserFactory

KIND = "sample.pinged"  # declared by tests/sample_module (web + email by default)


def recipient(**fields):
    return UserFactory(**fields)
