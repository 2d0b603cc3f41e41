"""Where the signatures appear: the signer's image bottom right of the last page, the seal over
its left third, and on electronic copies a text line at the top right of page 1."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest

from dieuhanh.platform import signing

from .factories import PASSPHRASE, leader_with_credential, make_pdf, unit_seal
from .test_sign_validate import pdfsig

pytestmark = pytest.mark.django_db


def _widgets(pdf: bytes) -> dict[str, tuple[int, list[float]]]:
    """Signature field name → (page index, /Rect)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/FT") == "/Sig":
                found[str(annotation["/T"])] = (index, [float(v) for v in annotation["/Rect"]])
    return found


def test_the_seal_overlaps_the_left_third_of_the_signature_on_the_last_page():
    _leader, personal = leader_with_credential()
    _unit, _clerk, seal = unit_seal()
    once = signing.sign_pdf(make_pdf(pages=3), credential=personal, secret=PASSPHRASE)
    twice = signing.sign_pdf(once, credential=seal, secret=PASSPHRASE, role="organisation")

    widgets = _widgets(twice)
    page, (px0, py0, px1, py1) = widgets["ChuKyCaNhan1"]
    seal_page, (sx0, sy0, sx1, sy1) = widgets["ChuKyCoQuan1"]
    assert page == seal_page == 2  # the last page
    assert px1 > 595 / 2 and py0 < 842 / 3  # bottom right of an A4 page
    assert sx1 == pytest.approx(px0 + (px1 - px0) / 3)  # covers the left third of the signature
    assert sx0 < px0  # and sticks out on its left
    assert sy0 < (py0 + py1) / 2 < sy1


def test_the_seal_follows_a_signature_placed_elsewhere():
    _leader, personal = leader_with_credential()
    _unit, _clerk, seal = unit_seal()
    once = signing.sign_pdf(make_pdf(pages=2), credential=personal, secret=PASSPHRASE, page=0, box=(300, 300, 480, 380))
    twice = signing.sign_pdf(once, credential=seal, secret=PASSPHRASE, role="organisation", page=0)
    _page, (sx0, _sy0, sx1, _sy1) = _widgets(twice)["ChuKyCoQuan1"]
    assert sx1 == pytest.approx(300 + 180 / 3)


def test_an_electronic_copy_carries_number_and_time_top_right_of_page_one(tmp_path):
    _leader, personal = leader_with_credential()
    _unit, _clerk, seal = unit_seal()
    official = signing.sign_pdf(
        signing.sign_pdf(make_pdf(pages=3), credential=personal, secret=PASSPHRASE),
        credential=seal, secret=PASSPHRASE, role="organisation",
    )
    at = dt.datetime(2026, 11, 22, 3, 15, tzinfo=dt.UTC)
    line = signing.copy_stamp_text("01/NQ-HĐND", at)
    assert line == "Số: 01/NQ-HĐND; 2026-11-22T10:15:00+07:00"

    copy = signing.sign_pdf(official, credential=seal, secret=PASSPHRASE, role="organisation", visible=False, stamp_text=line)

    path = tmp_path / "copy.pdf"
    path.write_bytes(copy)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Số: 01/NQ-HĐND; 2026-11-22T10:15:00+07:00" in text
    page, (x0, y0, x1, y1) = _widgets(copy)["ChuKyCoQuan2"]
    assert page == 0 and x1 > 595 * 0.8 and y1 > 842 * 0.9  # top right of page 1
    # The earlier signatures are still intact, the change is only "signing": all valid.
    report = signing.validate_pdf(copy)
    assert report.state == "valid"
    assert [s.modification for s in report.signatures] == ["permitted", "permitted", "none"]
    assert pdfsig(copy, tmp_path).count("Signature is Valid") == 3


def test_an_invisible_signature_has_no_box():
    _leader, personal = leader_with_credential()
    signed = signing.sign_pdf(make_pdf(pages=1), credential=personal, secret=PASSPHRASE, visible=False)
    _page, rect = _widgets(signed)["ChuKyCaNhan1"]
    assert rect == [0, 0, 0, 0]
    report = signing.validate_pdf(signed)
    assert report.state == "valid" and not report.signatures[0].visible


def test_a_visible_signature_can_also_carry_the_copy_line(tmp_path):
    _leader, personal = leader_with_credential()
    signed = signing.sign_pdf(
        make_pdf(pages=2), credential=personal, secret=PASSPHRASE, stamp_text="Số: 02/TB-HĐND; 2026-11-22T10:15:00+07:00"
    )
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Số: 02/TB-HĐND" in text
    assert signing.validate_pdf(signed).state == "valid"


def test_an_uploaded_image_is_drawn(tmp_path):
    from PIL import Image

    user, credential = leader_with_credential()
    picture = io.BytesIO()
    Image.new("RGBA", (300, 120), (10, 40, 200, 255)).save(picture, format="PNG")
    signing.credential_set_image(by=user, credential=credential, image=picture.getvalue())
    credential.refresh_from_db()
    signed = signing.sign_pdf(make_pdf(pages=1), credential=credential, secret=PASSPHRASE)
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    subprocess.run(["pdftoppm", "-r", "36", "-png", str(path), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    # 36 dpi: the default box (365..535 × 110..180 pt) → pixels (182..267, 331..366) from the top.
    assert page.getpixel((225, 350)) == pytest.approx((10, 40, 200), abs=30)
    assert page.getpixel((5, 5)) == (255, 255, 255)  # the margin stays white


def test_render_report_shows_each_signer_and_time():
    _leader, personal = leader_with_credential("Lê Thị Hoa")
    report = signing.validate_pdf(signing.sign_pdf(make_pdf(pages=1), credential=personal, secret=PASSPHRASE))
    html = signing.render_report(report)
    assert "Lê Thị Hoa" in html
    assert "Chữ ký hợp lệ" in html
    local = report.signatures[0].signed_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert local.strftime("%d/%m/%Y %H:%M") in html
    assert 'data-state="valid"' in html
