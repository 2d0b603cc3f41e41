"""Server-side SVG charts: the data and the accessible names are in the markup."""

import re

import pytest
from django.template import Context, Template

from dieuhanh.platform.ui.charts import Series, axis, bar_chart, line_chart


def test_bar_chart_is_an_accessible_image_with_a_data_table():
    html = bar_chart(["Văn bản", "Nhiệm vụ <b>"], [Series("Đang mở", [12, 4])],
                     title="Việc theo phân hệ", description="Số việc đang mở", label_header="Phân hệ",
                     chart_id="c1")
    assert 'role="img"' in html and 'aria-label="Việc theo phân hệ"' in html
    assert '<title id="c1-title">Việc theo phân hệ</title>' in html
    assert 'aria-describedby="c1-desc"' in html and "Số việc đang mở</desc>" in html
    assert html.count("<rect") == 2
    assert "<title>Văn bản: 12</title>" in html
    # the hidden table repeats every number for screen readers, escaped
    table = html.split('<table class="sr-only"', 1)[1]
    assert "<caption>Việc theo phân hệ</caption>" in table
    assert '<th scope="col">Phân hệ</th><th scope="col">Đang mở</th>' in table
    assert '<th scope="row">Văn bản</th><td>12</td>' in table
    assert "Nhiệm vụ &lt;b&gt;" in table and "<b>" not in html


def test_bar_heights_are_proportional():
    html = bar_chart(["a", "b"], [Series("x", [2, 4])], title="t", chart_id="c2")
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', html)]
    assert heights[1] == pytest.approx(2 * heights[0])


def test_line_chart_with_two_series_and_a_gap():
    html = line_chart(["1/1", "2/1", "3/1"], [Series("Quá hạn", [1, None, 3]), Series("Đến hạn", [2, 2, 2])],
                      title="Xu hướng", chart_id="c3")
    assert "<polyline" in html
    assert 'stroke-dasharray="6 3"' in html  # the second series differs by pattern, not colour alone
    assert "<title>2/1 – Quá hạn" not in html  # no marker for the missing value
    assert "<td>–</td>" in html
    assert "<title>3/1 – Quá hạn: 3</title>" in html


def test_series_length_must_match_labels():
    with pytest.raises(ValueError):
        bar_chart(["a"], [Series("x", [1, 2])], title="t")


def test_axis_uses_round_whole_steps_for_counts():
    assert axis(5, integer=True) == (6, 2)
    assert axis(0, integer=True) == (1, 1)
    assert axis(37, integer=True) == (40, 10)


def test_template_tag():
    from dieuhanh.platform.ui.charts import Series as S

    html = Template("{% load ui %}{% bar_chart labels series title='Biểu đồ' chart_id='t1' %}").render(
        Context({"labels": ["x"], "series": [S("Số", [3])]}))
    assert 'aria-label="Biểu đồ"' in html and "<td>3</td>" in html
