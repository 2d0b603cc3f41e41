"""The machine learning without the database: folding, features, ranking, near duplicates."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from dieuhanh.platform import classifier
from dieuhanh.platform.classifier import demo_history, engine


def test_features_fold_vietnamese_so_missing_diacritics_and_d_bar_match():
    assert engine.fold_all(["Đất đai  ĐỐNG ĐA", "dat dai dong da"]) == ["dat dai dong da", "dat dai dong da"]
    pipeline = engine.build_pipeline()
    texts = ["đất đai bị lấn chiếm", "đường đất lầy lội", "giáo dục tiểu học", "y tế xã"] * 3
    features = pipeline.named_steps["features"].fit(engine.fold_all(texts))
    a, b = features.transform(engine.fold_all(["Đất đai bị lấn chiếm", "dat dai bi lan chiem"]))
    assert (a != b).nnz == 0 and a.nnz > 0


def test_char_grams_are_the_same_maths_as_scikit_learns_char_wb_only_faster():
    texts = engine.fold_all([e.text for e in demo_history.examples(300, seed=4)])
    ours = engine.CharGrams((2, 5), min_df=2).fit(texts[:200])
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
                                lowercase=False, dtype=np.float32).fit(texts[:200])
    assert set(ours.vocabulary_) == set(reference.vocabulary_)
    order = [reference.vocabulary_[g] for g, _ in sorted(ours.vocabulary_.items(), key=lambda kv: kv[1])]
    difference = abs(reference.transform(texts[200:])[:, order] - ours.transform(texts[200:]))
    assert difference.max() < 1e-5


def test_top_k_ranks_labels_by_probability():
    rows = demo_history.examples(420, seed=2)
    pipeline = engine.build_pipeline().fit([r.text for r in rows], [r.field for r in rows])
    [ranked] = engine.top_k(pipeline, ["Trạm y tế xã thiếu thuốc, người bệnh phải lên bệnh viện tuyến trên"], 3)
    assert len(ranked) == 3 and ranked[0][0] == "y tế"
    assert ranked[0][1] >= ranked[1][1] >= ranked[2][1] and sum(p for _, p in ranked) <= 1.0001


def test_the_generator_holds_out_whole_templates_and_plants_duplicates():
    train, held = demo_history.split_templates(0)
    assert not set(train) & set(held) and len(held) >= 14
    rows = demo_history.examples(300, seed=5, templates=held)
    assert {r.template for r in rows} <= set(held)
    assert {r.field for r in demo_history.examples(2000, seed=5)} == set(classifier.DEFAULT_FIELDS)
    groups = [r.group_id for r in rows if r.group_id]
    assert groups and len(set(groups)) < len(groups)
    assert demo_history.examples(50, seed=9) == demo_history.examples(50, seed=9)


def test_find_similar_pairs_the_same_matter_raised_in_two_wards_and_not_unrelated_ones():
    texts = [
        "Cử tri phường Láng phản ánh: mặt đường Nguyễn Xiển đoạn qua tổ dân phố số 7 xuống cấp, nhiều ổ gà.",
        "Cử tri xã Thanh Trì kiến nghị sửa chữa đường Nguyễn Xiển đoạn qua tổ dân phố số 7, mặt đường nhiều ổ gà.",
        "Trạm y tế xã Sóc Sơn thiếu thuốc, thiếu bác sĩ.",
        "Đề nghị tăng mức trợ cấp cho người cao tuổi cô đơn.",
        "Phụ huynh trường THCS Cầu Giấy phản ánh thu quỹ lớp quá cao.",
    ]
    pairs = classifier.find_similar(texts=texts, ids=["a", "b", "c", "d", "e"], threshold=0.3)
    assert [(p.id_a, p.id_b) for p in pairs] == [("a", "b")]
    assert 0.3 <= pairs[0].score <= 1
    # Only pairs involving the new petition "b":
    assert [(p.id_a, p.id_b) for p in classifier.find_similar(texts=texts, ids=list("abcde"), threshold=0.3,
                                                               within=["b"])] == [("a", "b")]
    assert classifier.find_similar(texts=texts, ids=list("abcde"), within=["zzz"]) == []


def test_find_similar_recovers_planted_duplicates_in_a_generated_batch():
    rows = demo_history.examples(600, seed=8)
    pairs = classifier.find_similar(texts=[r.text for r in rows], ids=list(range(len(rows))))
    found = {(p.id_a, p.id_b) for p in pairs}
    same_matter = {(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
                   if rows[i].group_id and rows[i].group_id == rows[j].group_id}
    # Measured on this batch at the default threshold: recall 0.94, precision 0.80.
    assert len(found & same_matter) / len(same_matter) >= 0.9
    assert len(found & same_matter) / len(found) >= 0.75


def test_names_and_numbers_are_what_tell_matters_apart():
    assert engine.names("Cử tri phường Láng: đường Nguyễn Xiển, tổ 7. Đề nghị sửa") == [
        "lang", "nguyen", "xien", "7"]


def test_similar_to_puts_the_matching_petition_first():
    candidates = [
        (1, "Đề nghị xây thêm phòng học cho Trường Tiểu học Kim Liên vì quá tải"),
        (2, "Nước sông Tô Lịch đoạn qua phường Láng ô nhiễm nặng, bốc mùi hôi"),
        (3, "Đường Giải Phóng ùn tắc giờ cao điểm"),
    ]
    hits = classifier.similar_to(text="song To Lich doan qua phuong Lang bi o nhiem, boc mui", candidates=candidates)
    assert hits[0].id == 2 and hits[0].score > 0.3
    assert classifier.similar_to(text="x", candidates=[]) == []


def test_find_similar_refuses_mismatched_lengths():
    with pytest.raises(ValueError):
        classifier.find_similar(texts=["a", "b"], ids=[1])
