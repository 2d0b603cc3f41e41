"""The administrators' screen: accuracy, versions, acceptance, retraining with progress."""

import pytest
from django.urls import reverse

from dieuhanh.platform import classifier
from dieuhanh.platform.classifier.models import ClassifierModel, TrainingRun

from .factories import KEY, SOURCE, history, set_registered_history, trained

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["system_admin"])
    return client


@pytest.fixture
def registered():
    classifier.register_source(KEY, SOURCE, min_examples=100)
    set_registered_history(history())
    yield KEY
    classifier.unregister_source(KEY)
    set_registered_history([])


def test_only_system_administrators_open_the_screens(client, people):
    trained()
    for role in ("staff", "leader", "unit_admin", "citizen", "delegate", "responder", "clerk"):
        client.force_login(people[role])
        assert client.get(reverse("classifier:index")).status_code == 403, role
        assert client.get(reverse("classifier:detail", args=[KEY])).status_code == 403, role
        assert client.post(reverse("classifier:retrain", args=[KEY])).status_code == 403, role
    client.logout()
    response = client.get(reverse("classifier:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_list_shows_every_key_with_its_held_back_accuracy(admin_client, registered,
                                                              django_assert_max_num_queries):
    info = trained()
    trained("tests.agency")
    classifier.feedback(key=KEY, text="x", suggested="y tế", chosen="y tế", by=None)
    classifier.feedback(key=KEY, text="y", suggested="y tế", chosen="giáo dục", by=None)
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("classifier:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert KEY in page and "tests.agency" in page
    assert f"{info.top1 * 100:.1f}".replace(".", ",") in page
    assert "50,0 %" in page  # one suggestion accepted of two


def test_the_detail_shows_figures_per_label_with_a_chart_and_the_versions(admin_client, registered):
    trained()
    trained(seed=3)
    response = admin_client.get(reverse("classifier:detail", args=[KEY]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'role="img"' in page
    for field in classifier.DEFAULT_FIELDS:
        assert field in page
    assert "v2" in page and "Dùng phiên bản 1" in page and "Huấn luyện lại" in page


def test_retrain_runs_in_the_background_and_reports_progress(admin_client, registered,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("classifier:retrain", args=[KEY]))
    assert response.status_code == 302
    run = TrainingRun.objects.get(key=KEY)
    assert run.status == TrainingRun.Status.DONE and run.progress == 100 and run.model is not None
    assert "Phiên bản 1" in run.message
    assert ClassifierModel.objects.get(key=KEY, is_active=True).version == 1
    fragment = admin_client.get(reverse("classifier:run_status", args=[KEY, run.pk]))
    assert fragment.status_code == 200 and 'aria-valuenow="100"' in fragment.content.decode()
    assert "hx-trigger" not in fragment.content.decode()  # finished: no more polling


def test_a_second_click_while_training_does_not_start_another(admin_client, registered):
    TrainingRun.objects.create(key=KEY, status=TrainingRun.Status.RUNNING, progress=40, stage="Đánh giá")
    response = admin_client.post(reverse("classifier:retrain", args=[KEY]), follow=True)
    assert "đang được huấn luyện lại" in response.content.decode()
    assert TrainingRun.objects.filter(key=KEY).count() == 1
    page = admin_client.get(reverse("classifier:detail", args=[KEY])).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'aria-valuenow="40"' in page


def test_a_key_without_a_source_cannot_be_retrained_from_the_screen(admin_client):
    trained()
    response = admin_client.post(reverse("classifier:retrain", args=[KEY]), follow=True)
    assert "chưa khai báo nguồn dữ liệu" in response.content.decode()
    assert not TrainingRun.objects.exists()


def test_switching_version_from_the_screen(admin_client):
    trained()
    trained(seed=3)
    response = admin_client.post(reverse("classifier:activate", args=[KEY, 1]))
    assert response.status_code == 302
    assert ClassifierModel.objects.get(key=KEY, is_active=True).version == 1
    assert classifier.suggest(key=KEY, text="Trạm y tế thiếu thuốc").model_version == 1


def test_unknown_keys_and_runs_answer_404(admin_client):
    assert admin_client.get(reverse("classifier:detail", args=["khong.co"])).status_code == 404
    assert admin_client.post(reverse("classifier:retrain", args=["khong.co"])).status_code == 404
    assert admin_client.get(reverse("classifier:run_status", args=["khong.co", 999])).status_code == 404
