import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dieuhanh.platform import registry, search
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, UserFactory, person
from dieuhanh.platform.search.fold import fold, fold_words, query_terms
from dieuhanh.platform.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def when(y, m, d):
    return timezone.make_aware(dt.datetime(y, m, d, 9, 0))


def entry(obj, title, body="", *, module="documents", type="incoming", date=None, public=False, units=(), users=()):
    search.index(search.EntryData(
        module=module, type=type, obj=obj, url=f"/x/{obj.pk}/{type}/", title=title, body=body,
        date=date or when(2025, 3, 1), is_public=public, units=units, users=users,
    ))
    return SearchEntry.objects.get(object_id=str(obj.pk), type=type)


# --- folding ---------------------------------------------------------------------------

def test_fold_maps_every_d_form_and_strips_diacritics():
    assert fold("Đất Đai ĐỐNG ĐA") == "dat dai dong da"
    assert fold("Ðống") == "dong"  # U+00D0, the Icelandic eth look-alike
    assert fold_words("Số 12/QĐ-UBND, ngày 05/3") == "so 12 qd ubnd ngay 05 3"
    assert query_terms('"dat" NEAR( * dai OR') == ["dat", "near", "dai", "or"]


# --- finding -----------------------------------------------------------------------------

def test_query_without_diacritics_finds_dat_dai():
    user = person("staff")
    unit = OrgUnitFactory()
    entry(unit, "Quy hoạch sử dụng đất đai năm 2025", public=True)
    results = search.query(user, "dat dai")
    assert [h.title for h in results.hits] == ["Quy hoạch sử dụng đất đai năm 2025"]
    assert str(results.hits[0].title_html).count("<mark>") == 2


def test_eth_lookalike_is_found_by_plain_d():
    user = person("staff")
    entry(OrgUnitFactory(), "Tiếp xúc cử tri quận Ðống Đa", public=True)
    assert search.query(user, "dong da").total == 1
    assert search.query(user, "Đống Đa").total == 1
    assert search.query(user, "dong thap").total == 0


def test_all_words_are_required():
    user = person("staff")
    entry(OrgUnitFactory(), "Đất đai phường Láng", public=True)
    entry(OrgUnitFactory(), "Nhà ở xã hội", body="đất công", public=True)
    assert search.query(user, "dat lang").total == 1
    assert search.query(user, "dat").total == 2


def test_title_matches_rank_before_body_matches():
    user = person("staff")
    entry(OrgUnitFactory(), "Báo cáo tổng hợp", body="kiến nghị về ngập úng " * 3, public=True, date=when(2025, 5, 1))
    entry(OrgUnitFactory(), "Kiến nghị về ngập úng", body="báo cáo", public=True, date=when(2024, 1, 1))
    results = search.query(user, "ngap ung")
    assert [h.title for h in results.hits] == ["Kiến nghị về ngập úng", "Báo cáo tổng hợp"]


@pytest.mark.parametrize("q", ["", "   ", "!!! ??? ...", '"', '"dat', "*", "dat*", "NEAR(dat dai)", "NEAR(",
                               "a OR", "AND NOT", "title:dat", "^dat", "(dat", "dat & | ! :*", "'", "\\", "%_", "\x00"])
def test_bad_queries_never_raise(q):
    user = person("staff")
    entry(OrgUnitFactory(), "Đất đai", public=True)
    results = search.query(user, q)
    assert results.total == len(results.hits) <= 1


# --- visibility -------------------------------------------------------------------------

def test_a_person_never_sees_a_hit_they_may_not_open():
    unit_a, unit_b = OrgUnitFactory(), OrgUnitFactory()
    member_a, member_b = person("staff", unit_a), person("staff", unit_b)
    named = UserFactory()
    entry(OrgUnitFactory(), "Đơn tố cáo về đất đai", units=[unit_a], module="complaints", date=when(2025, 1, 5))
    entry(OrgUnitFactory(), "Văn bản mật về đất đai", units=[unit_a], module="documents", date=when(2025, 2, 5))
    entry(OrgUnitFactory(), "Thư riêng về đất đai", users=[named], module="mail", date=when(2025, 2, 6))
    entry(OrgUnitFactory(), "Thông báo công khai về đất đai", public=True, module="portal", date=when(2025, 3, 5))

    seen_by_a = search.query(member_a, "dat dai")
    assert {h.title for h in seen_by_a.hits} == {
        "Đơn tố cáo về đất đai", "Văn bản mật về đất đai", "Thông báo công khai về đất đai"}
    assert seen_by_a.total == 3
    assert sum(f.count for f in seen_by_a.modules) == 3
    assert sum(f.count for f in seen_by_a.months) == 3

    seen_by_b = search.query(member_b, "dat dai")
    assert [h.title for h in seen_by_b.hits] == ["Thông báo công khai về đất đai"]
    assert seen_by_b.total == 1
    assert [(f.key, f.count) for f in seen_by_b.modules] == [("portal", 1)]
    assert [(f.key, f.count) for f in seen_by_b.months] == [("2025-03", 1)]
    assert [(f.key, f.count) for f in seen_by_b.years] == [("2025", 1)]

    seen_by_named = search.query(named, "dat dai")
    assert {h.title for h in seen_by_named.hits} == {"Thư riêng về đất đai", "Thông báo công khai về đất đai"}


def test_ended_membership_no_longer_grants():
    unit = OrgUnitFactory()
    former = person("staff", unit)
    former.memberships.update(end_date=timezone.localdate() - dt.timedelta(days=1))
    entry(OrgUnitFactory(), "Hồ sơ đất đai", units=[unit])
    assert search.query(former, "dat dai").total == 0


def test_reindexing_replaces_visibility():
    unit_a, unit_b = OrgUnitFactory(), OrgUnitFactory()
    member_a = person("staff", unit_a)
    obj = OrgUnitFactory()
    entry(obj, "Hồ sơ đất đai", units=[unit_a])
    assert search.query(member_a, "dat dai").total == 1
    entry(obj, "Hồ sơ đất đai (đã chuyển)", units=[unit_b])
    assert search.query(member_a, "dat dai").total == 0
    assert SearchEntry.objects.count() == 1


def test_remove_takes_the_object_out_of_the_index():
    user = person("staff")
    obj = OrgUnitFactory()
    entry(obj, "Đất đai", public=True)
    assert search.remove(obj) >= 1
    assert search.query(user, "dat dai").total == 0


# --- filters, facets, paging -----------------------------------------------------------

def test_filters_by_module_and_date_and_facets_count():
    user = person("staff")
    entry(OrgUnitFactory(), "Đất đai A", module="documents", public=True, date=when(2024, 12, 31))
    entry(OrgUnitFactory(), "Đất đai B", module="documents", public=True, date=when(2025, 1, 15))
    entry(OrgUnitFactory(), "Đất đai C", module="petitions", public=True, date=when(2025, 1, 20))
    everything = search.query(user, "dat dai")
    assert [(f.key, f.count) for f in everything.modules] == [("documents", 2), ("petitions", 1)]
    assert [(f.key, f.count) for f in everything.months] == [("2025-01", 2), ("2024-12", 1)]
    assert search.query(user, "dat dai", modules=["petitions"]).total == 1
    january = search.query(user, "dat dai", date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 1, 15))
    assert [h.title for h in january.hits] == ["Đất đai B"]


def test_pagination_is_bounded_and_total_counts_every_visible_hit():
    user = person("staff")
    for i in range(45):
        entry(OrgUnitFactory(), f"Kiến nghị cử tri số {i}", public=True, date=when(2025, 1, 1) + dt.timedelta(days=i))
    first = search.query(user, "kien nghi")
    assert (first.total, first.pages, len(first.hits), first.capped) == (45, 3, 20, False)
    third = search.query(user, "kien nghi", page=3)
    assert len(third.hits) == 5
    beyond = search.query(user, "kien nghi", page=99)
    assert beyond.page == 3
    all_titles = {h.title for p in (1, 2, 3) for h in search.query(user, "kien nghi", page=p).hits}
    assert len(all_titles) == 45


def test_candidate_set_is_capped_and_says_so():
    from dieuhanh.platform.search.selectors import search_query

    user = person("staff")
    for i in range(12):
        entry(OrgUnitFactory(), f"Kỳ họp thứ {i}", public=True, date=when(2025, 1, 1) + dt.timedelta(days=i))
    results = search_query(user, "ky hop", limit=10)
    assert results.capped and results.total == 10
    # the newest ten are the ones kept
    assert {h.title for h in results.hits} == {f"Kỳ họp thứ {i}" for i in range(2, 12)}


def test_snippet_escapes_html_and_highlights_original_text():
    user = person("staff")
    entry(OrgUnitFactory(), "<script>alert(1)</script> Đất", body="Nội dung <b>ĐẤT ĐAI</b> phường", public=True)
    hit = search.query(user, "dat dai").hits[0]
    assert "<script>" not in str(hit.title_html) and "&lt;script&gt;" in str(hit.title_html)
    assert "<mark>ĐẤT</mark> <mark>ĐAI</mark>" in str(hit.snippet_html)
    assert "&lt;b&gt;" in str(hit.snippet_html)


# --- indexing through manifests --------------------------------------------------------

@pytest.fixture
def unit_search_type(monkeypatch):
    manifest = registry.Module(key="orgs", name="Tổ chức", platform=True, search_types=[
        registry.SearchType(key="unit", label="Đơn vị", indexer="dieuhanh.platform.search.tests.indexers.unit_entries")])
    monkeypatch.setattr(registry, "modules", lambda: (manifest,))
    return manifest


def test_index_after_commit_runs_the_task_after_commit(unit_search_type, django_capture_on_commit_callbacks):
    member = person("staff")
    unit = member.memberships.get().unit
    unit.name = "Ban Đô thị"
    unit.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        search.index_after_commit(module="orgs", type="unit", object_ids=[unit.pk])
    assert SearchEntry.objects.count() == 0  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [h.title for h in search.query(member, "do thi").hits] == ["Ban Đô thị"]
    # the object stops being searchable: the same call removes it
    unit.active = False
    unit.save()
    with django_capture_on_commit_callbacks(execute=True):
        search.index_after_commit(module="orgs", type="unit", object_ids=[unit.pk])
    assert SearchEntry.objects.count() == 0


def test_reindex_command_rebuilds_and_drops_stale(unit_search_type, capsys):
    member = person("staff")
    OrgUnitFactory(name="Ban Pháp chế")
    gone = OrgUnitFactory(name="Ban Văn hóa")
    call_command("reindex", "--module", "orgs")
    assert SearchEntry.objects.count() == 3
    gone.active = False
    gone.save()
    call_command("reindex")
    assert SearchEntry.objects.count() == 2
    assert "orgs.unit" in capsys.readouterr().out
    assert search.query(member, "van hoa").total == 0


def test_reindex_rejects_unknown_module(unit_search_type):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reindex", "--module", "khong-co")


# --- the page ----------------------------------------------------------------------------

def test_search_page_lists_visible_hits_with_bounded_queries(client, django_assert_max_num_queries):
    unit = OrgUnitFactory()
    user = person("staff", unit)
    for i in range(30):
        entry(OrgUnitFactory(), f"Đất đai hồ sơ {i}", body="Nội dung về đất đai", units=[unit], date=when(2025, 1, 1) + dt.timedelta(days=i))
    entry(OrgUnitFactory(), "Đất đai bí mật", units=[OrgUnitFactory()])
    client.force_login(user)
    client.get(reverse("search:index"), {"q": "dat dai"})  # warms the shell's permission caches
    with django_assert_max_num_queries(12) as captured:
        response = client.get(reverse("search:index"), {"q": "dat dai"})
    # the search itself: one bounded candidate query, one query for the page's rows
    assert len([q for q in captured.captured_queries if "search_searchentry" in q["sql"]]) == 2
    assert response.status_code == 200
    html = response.content.decode()
    assert "bí mật" not in html
    assert html.count('class="card search-hit"') == 20
    assert "<mark>Đất</mark> <mark>đai</mark>" in html
    assert "30 kết quả" in html
    assert "page=2" in html


def test_search_page_empty_state_and_no_terms(client):
    client.force_login(person("staff"))
    assert "Nhập từ khóa để tìm" in client.get("/search/").content.decode()
    assert "Không tìm thấy kết quả phù hợp" in client.get("/search/", {"q": "khong co gi"}).content.decode()
    assert "Chưa có từ khóa để tìm" in client.get("/search/", {"q": "%%% ***"}).content.decode()


@pytest.mark.parametrize("params", [
    {"q": "dat", "date_from": "32/13/2025"},
    {"q": "dat", "date_from": "10/02/2025", "date_to": "01/02/2025"},
    {"q": "dat", "page": "abc"},
    {"q": "dat", "page": "0"},
    {"q": "dat", "module": "khong-ton-tai"},
    {"q": "x" * 500},
])
def test_search_page_bad_input_answers_400_with_a_message(client, params):
    client.force_login(person("staff"))
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode() or 'role="alert"' in response.content.decode()


def test_search_page_requires_login(client):
    response = client.get("/search/", {"q": "dat"})
    assert response.status_code == 302


def test_year_facet_link_filters_to_that_year(client):
    unit = OrgUnitFactory()
    user = person("staff", unit)
    entry(OrgUnitFactory(), "Đất đai 2024", units=[unit], date=when(2024, 6, 1))
    entry(OrgUnitFactory(), "Đất đai 2025", units=[unit], date=when(2025, 6, 1))
    client.force_login(user)
    html = client.get("/search/", {"q": "dat dai"}).content.decode()
    assert "date_from=01%2F01%2F2024&amp;date_to=31%2F12%2F2024" in html
    filtered = client.get("/search/", {"q": "dat dai", "date_from": "01/01/2024", "date_to": "31/12/2024"})
    assert filtered.status_code == 200
    page = filtered.content.decode()
    assert "đai</mark> 2024" in page and "đai</mark> 2025" not in page


def test_search_page_speaks_english_when_asked(client):
    client.force_login(person("staff"))
    response = client.get("/search/", {"q": "khong co gi"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "No results" in response.content.decode()
