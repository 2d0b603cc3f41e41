"""Training, suggesting, versions, retraining from a module's source and staff feedback."""

import pytest

from dieuhanh.platform import classifier
from dieuhanh.platform.classifier import store
from dieuhanh.platform.classifier.models import ClassifierModel, SuggestionFeedback
from dieuhanh.platform.classifier.services import model_activate
from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.ui.errors import UserError

from .factories import KEY, SOURCE, history, set_registered_history, trained

pytestmark = pytest.mark.django_db

FLOODED = "Cử tri phản ánh trạm y tế xã thiếu thuốc, người bệnh phải lên bệnh viện tuyến trên khám"


def test_a_trained_model_suggests_three_fields_with_confidences_and_reports_its_accuracy():
    info = trained()
    assert info.ready and info.version == 1 and info.n_examples == 420
    assert set(info.labels) == set(classifier.DEFAULT_FIELDS)
    assert 0.5 < info.top1 <= info.top3 <= 1
    assert info.metrics["n_test"] == 84 and info.metrics["n_train"] == 336
    assert set(info.metrics["per_label"]) == set(classifier.DEFAULT_FIELDS)
    assert len(info.metrics["confusion"]) == 14

    suggestions = classifier.suggest(key=KEY, text=FLOODED)
    assert suggestions.ready and suggestions.model_version == 1 and suggestions.message == ""
    assert len(suggestions.items) == 3 and suggestions.best.label == "y tế"
    confidences = [s.confidence for s in suggestions.items]
    assert confidences == sorted(confidences, reverse=True) and 0 < confidences[0] <= 1

    row = ClassifierModel.objects.get(key=KEY)
    assert row.is_active and row.payload_size == len(bytes(row.payload)) > 0


def test_suggest_many_answers_each_text_in_order():
    trained()
    texts = [FLOODED, "Hồ sơ cấp sổ đỏ nộp từ lâu chưa được giải quyết", "", "dat dai lan chiem"]
    results = classifier.suggest_many(key=KEY, texts=texts)
    assert len(results) == 4 and all(r.ready for r in results)
    assert results[1].best.label == "đất đai"
    assert classifier.suggest_many(key=KEY, texts=[]) == []


def test_too_little_history_says_so_instead_of_guessing():
    info = classifier.train(key=KEY, examples=history()[:60])
    assert not info.ready and info.version is None
    assert info.message == "Chưa đủ dữ liệu lịch sử để gợi ý (cần ít nhất 100 ví dụ đã phân loại)."
    assert not ClassifierModel.objects.exists()
    answer = classifier.suggest(key=KEY, text=FLOODED)
    assert not answer.ready and answer.items == []
    assert answer.message == "Chưa đủ dữ liệu lịch sử để gợi ý (cần ít nhất 100 ví dụ đã phân loại)."


def test_one_label_is_not_enough_and_rare_labels_are_left_out():
    only_one = [(t, "đất đai") for t, _ in history()[:150]]
    info = classifier.train(key=KEY, examples=only_one)
    assert not info.ready and "hai nhãn" in info.message
    rows = list(history()) + [("Một kiến nghị hiếm gặp", "nhãn hiếm")] * 2
    info = classifier.train(key=KEY, examples=rows)
    assert info.ready and "nhãn hiếm" not in info.labels
    assert info.metrics["dropped_labels"] == ["nhãn hiếm"]


def test_a_new_version_becomes_active_and_an_administrator_can_switch_back(people):
    trained()
    second = trained(seed=3)
    assert second.version == 2
    assert classifier.suggest(key=KEY, text=FLOODED).model_version == 2
    assert list(ClassifierModel.objects.filter(key=KEY, is_active=True).values_list("version", flat=True)) == [2]

    model_activate(key=KEY, version=1, by=people["system_admin"])
    assert classifier.suggest(key=KEY, text=FLOODED).model_version == 1
    with pytest.raises(UserError):
        model_activate(key=KEY, version=1, by=people["staff"])
    with pytest.raises(UserError):
        model_activate(key=KEY, version=9, by=people["system_admin"])


def test_a_model_changed_in_the_database_is_not_loaded():
    trained()
    row = ClassifierModel.objects.get(key=KEY)
    row.payload = bytes(row.payload)[:-10] + b"0123456789"
    row.save()
    store.forget(KEY)
    answer = classifier.suggest(key=KEY, text=FLOODED)
    assert not answer.ready


def test_a_model_signed_with_another_secret_is_not_loaded(settings):
    trained()
    store.forget(KEY)
    settings.SECRET_KEY = "another-deployment-" + "x" * 40
    assert not classifier.suggest(key=KEY, text=FLOODED).ready
    settings.SECRET_KEY_FALLBACKS = []


def test_staff_accept_or_correct_and_a_repeated_submit_keeps_one_row():
    trained()
    staff = person("staff")
    classifier.feedback(key=KEY, text=FLOODED, suggested="y tế", chosen="y tế", by=staff, ref="petition:1")
    classifier.feedback(key=KEY, text=FLOODED, suggested="y tế", chosen="y tế", by=staff, ref="petition:1")
    classifier.feedback(key=KEY, text="Đường ngập", suggested="giao thông", chosen="môi trường", by=staff,
                        ref="petition:2")
    classifier.feedback(key=KEY, text="Không có gợi ý", suggested=None, chosen="khác", by=staff)
    rows = SuggestionFeedback.objects.filter(key=KEY).order_by("pk")
    assert [(r.ref, r.accepted, r.model_version) for r in rows] == [
        ("petition:1", True, 1), ("petition:2", False, 1), ("", False, 1)]
    with pytest.raises(UserError):
        classifier.feedback(key=KEY, text="x", suggested="y tế", chosen="  ", by=staff)


def test_retrain_reads_the_registered_source_and_skips_unchanged_data():
    classifier.register_source(KEY, SOURCE, min_examples=100)
    try:
        set_registered_history(history())
        first = classifier.retrain(key=KEY)
        assert first.ready and first.version == 1
        again = classifier.retrain(key=KEY, force=False)
        assert again.unchanged and again.version == 1
        set_registered_history(history(420, seed=6))
        changed = classifier.retrain(key=KEY, force=False)
        assert changed.version == 2 and not changed.unchanged
    finally:
        classifier.unregister_source(KEY)
        set_registered_history([])
    with pytest.raises(UserError):
        classifier.retrain(key=KEY)


def test_bad_keys_and_holdouts_are_refused_in_vietnamese():
    with pytest.raises(UserError, match="Tên bộ nhãn không hợp lệ"):
        classifier.train(key="có khoảng trắng", examples=history())
    with pytest.raises(UserError, match="Tỷ lệ dữ liệu"):
        classifier.train(key=KEY, examples=history(), holdout=0.95)
