import pytest

from . import sample_tasks

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email", "search"]}}


@pytest.fixture(autouse=True)
def _clear_calls():
    sample_tasks.CALLS.clear()
    yield
    sample_tasks.CALLS.clear()


@pytest.fixture
def db_tasks(settings):
    """Use the real database backend (the test settings use the immediate one)."""
    settings.TASKS = DB_BACKEND
    yield


@pytest.fixture
def admin_user(db):
    from dieuhanh.platform.orgs.tests.factories import person

    return person("system_admin")


@pytest.fixture
def staff_user(db):
    from dieuhanh.platform.orgs.tests.factories import person

    return person("staff")
