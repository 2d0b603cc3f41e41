"""ui.tables.paginate: whitelisted sorting, page validation, and the table component's markup."""

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import RequestFactory

from dieuhanh.platform.ui.tables import Column, paginate

User = get_user_model()
SORT = {"name": "username", "joined": "date_joined"}
COLUMNS = [Column("name", "Tên đăng nhập", sort="name"), Column("email", "Thư điện tử")]


@pytest.fixture
def users(db):
    return [User.objects.create(username=f"nguoi{i:02d}", email=f"n{i}@x.vn") for i in range(23)]


def _table(query, **kwargs):
    request = RequestFactory().get("/list/", query)
    options = {"sort_fields": SORT, "default_sort": "name", "per_page": 10, "columns": COLUMNS, **kwargs}
    return paginate(request, User.objects.all(), **options)


def test_sorts_by_a_whitelisted_key_descending(users):
    table = _table({"sort": "-name"})
    assert [u.username for u in table.object_list][:2] == ["nguoi22", "nguoi21"]
    assert table.sort.key == "name" and table.sort.descending


@pytest.mark.parametrize("evil", ["password", "-password", "username", "name__x", "'; drop table", "--name", ""])
def test_unknown_sort_falls_back_to_the_default(users, evil):
    table = _table({"sort": evil})
    assert table.sort.param == "name"
    assert [u.username for u in table.object_list][0] == "nguoi00"


@pytest.mark.parametrize(("page", "number"), [("abc", 1), ("", 1), ("2", 2), ("999", 3), ("-1", 3), ("0", 3), ("1.5", 1)])
def test_bad_page_numbers_never_raise(users, page, number):
    assert _table({"page": page}).page.number == number


@pytest.mark.parametrize(("per_page", "expected"), [("50", 50), ("7", 10), ("x", 10), ("100000", 10)])
def test_page_size_must_be_one_of_the_choices(users, per_page, expected):
    assert _table({"per_page": per_page}).per_page == expected


def test_showing_x_to_y_of_z(users):
    table = _table({"page": "3"})
    assert (table.start, table.end, table.count) == (21, 23, 23)


def test_headers_carry_aria_sort_and_toggle_urls(users):
    table = _table({"sort": "name", "status": "FAILED", "page": "2"})
    name, email = table.headers
    assert name.aria_sort == "ascending"
    assert "sort=-name" in name.url and "status=FAILED" in name.url and "page=" not in name.url
    assert email.url is None and email.aria_sort is None


def test_default_sort_must_be_whitelisted():
    with pytest.raises(ValueError):
        _table({}, default_sort="password")


def test_page_numbers_elide_long_ranges():
    from dieuhanh.platform.ui.tables import Table

    class FakePaginator:
        num_pages = 20

    class FakePage:
        number = 10
        paginator = FakePaginator()

    table = Table(page=FakePage(), sort=None, per_page=10, per_page_choices=(10,), columns=[], query=None)
    assert table.page_numbers == [1, None, 8, 9, 10, 11, 12, None, 20]


def test_table_component_markup(users):
    table = _table({"sort": "-name", "page": "2"})
    html = render_to_string("ui/components/table.html", {
        "table": table, "caption": "Danh sách người dùng", "row_template": "ui/tests/row.html",
    })
    assert "<caption" in html and "Danh sách người dùng" in html
    assert html.count('scope="col"') == 2
    assert 'aria-sort="descending"' in html
    assert 'aria-label="Phân trang"' in html
    assert "Hiển thị 11–20 trên 23" in html
    assert 'aria-current="page"' in html
    assert "nguoi12" in html and "nguoi22" not in html


def test_table_component_empty_state(db):
    table = _table({})
    html = render_to_string("ui/components/table.html", {
        "table": table, "caption": "Danh sách", "row_template": "ui/tests/row.html",
        "empty_title": "Chưa có ai",
    })
    assert "Chưa có ai" in html and "<table" not in html
