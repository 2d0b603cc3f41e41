"""Test settings: the real settings, with the immediate task backend and a module that
exists only in the tests (it proves that adding an application touches nothing in the platform)."""

import os

os.environ.setdefault("DIEUHANH_TESTING", "1")
os.environ.setdefault("EMAIL_URL", "locmem://")

from dieuhanh.settings import *  # noqa: E402,F403
from dieuhanh.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS[:1], "tests.sample_module", *INSTALLED_APPS[1:]]
DIEUHANH_MFA_REQUIRED_FOR_STAFF = False
