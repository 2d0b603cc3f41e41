"""Sign PDFs (PAdES baseline B, pyHanko): pure functions over bytes.

Every signature is an incremental update, so the signatures already in the file stay valid.
Its visible appearance (the blue signature image, the red seal, or the text line of an
electronic copy) is the appearance of the signature's own widget: pyHanko's difference
analysis then sees only "signing and form filling", the level every PDF reader accepts after
an approval signature. (A free annotation would count as a suspicious change.)

Coordinates are PDF points (1/72 inch) from the bottom-left corner of the page.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dieuhanh.platform.ui.errors import UserError

from .asyncio_bridge import run_blocking
from .models import CredentialKind, CredentialSource, SigningCredential

logger = logging.getLogger(__name__)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PERSONAL = CredentialKind.PERSONAL.value
ORGANISATION = CredentialKind.ORGANISATION.value
FIELD_PREFIX = {PERSONAL: "ChuKyCaNhan", ORGANISATION: "ChuKyCoQuan"}

# Default geometry (points). The person's image sits at the bottom right of the last page,
# between the printed title and name; the seal covers about a third of it, on its left.
PERSONAL_SIZE = (170.0, 70.0)
PERSONAL_RIGHT_MARGIN = 60.0
PERSONAL_BOTTOM = 110.0
SEAL_SIZE = 92.0
STAMP_FONT_SIZE = 9.5
STAMP_MARGIN = (28.0, 18.0)  # from the right edge and from the top edge of page 1

WRONG_SECRET = gettext_lazy("Mật khẩu/PIN của chứng thư số không đúng.")


@dataclass(frozen=True)
class PageInfo:
    count: int
    index: int
    width: float
    height: float
    left: float
    bottom: float


def copy_stamp_text(number: str, at: dt.datetime | None = None) -> str:
    """The text line of an electronic copy: «Số: 01/NQ-HĐND; 2026-11-22T10:15:00+07:00»."""
    at = at or timezone.now()
    local = at.astimezone(VIETNAM).replace(microsecond=0)
    return f"Số: {number}; {local.isoformat()}"


# --- the entry point ---------------------------------------------------------------------


def sign_pdf(
    pdf: bytes,
    *,
    credential: SigningCredential,
    secret: str,
    role: str = PERSONAL,
    visible: bool = True,
    page: int = -1,
    box: tuple[float, float, float, float] | None = None,
    stamp_text: str | None = None,
    reason: str = "",
    location: str = "Hà Nội",
) -> bytes:
    """Sign `pdf` with the credential and return the signed file (the input plus one update).

    role:       "personal" (the signer) or "organisation" (the seal).
    visible:    draw the credential's image (or a generated one) at `box` on `page`
                (default: bottom right of the last page; the seal overlaps the signer's image).
    stamp_text: the text line of an electronic copy, drawn at the top right of page 1 as the
                appearance of this signature (use with visible=False, as for the seal on copies;
                with visible=True the image is drawn and the line is added as an extra,
                read-only, unsigned signature field "BanSaoN" on page 1).
    Raises UserError for a wrong passphrase/PIN, an unusable credential or a bad PDF.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.general import SigningError

    if role not in FIELD_PREFIX:
        raise UserError(_("Vai trò chữ ký không hợp lệ."))
    credential_check_usable(credential)
    writer = _open_writer(pdf)
    pages = _page_info(writer, page)
    field_name = _new_field_name(writer, role)

    if visible:
        field_box = tuple(box) if box else _default_box(writer, pages, role)
        _check_box(field_box, pages)
        on_page = pages.index
        style = _image_style(credential, role)
    elif stamp_text:
        first = _page_info(writer, 0)
        field_box, style = _stamp_style(stamp_text, first)
        on_page = 0
    else:
        field_box, on_page, style = None, pages.index, None

    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        name=credential.subject_common_name,
    )
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=on_page, box=field_box)
    if visible and stamp_text:
        try:
            _add_stamp_widget(writer, stamp_text)
        except PdfError as error:
            raise UserError(_("Tệp PDF bị hỏng, không đọc được.")) from error
    with _open_signer(credential, secret) as signer:
        pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
        output = io.BytesIO()
        try:
            run_blocking(lambda: pdf_signer.sign_pdf(writer, output=output))
        except SigningError as error:
            logger.warning("signing failed: %s", error)
            raise UserError(_("Không ký được văn bản: %(reason)s") % {"reason": error}) from error
        except PdfError as error:  # a structure pyHanko could open but not rewrite
            logger.warning("signing failed on a damaged PDF: %s", error)
            raise UserError(_("Tệp PDF bị hỏng, không đọc được.")) from error
    return output.getvalue()


# --- credentials --------------------------------------------------------------------------


def credential_check_usable(credential: SigningCredential, *, at: dt.datetime | None = None) -> None:
    """Refuse a revoked, deactivated, expired or not-yet-valid credential (UserError)."""
    now = at or timezone.now()
    if credential.revoked_at is not None:
        raise UserError(_("Chứng thư số đã bị thu hồi, không dùng để ký được."))
    if not credential.active:
        raise UserError(_("Chứng thư số đã ngừng sử dụng, không dùng để ký được."))
    if credential.not_after <= now:
        raise UserError(
            _("Chứng thư số đã hết hạn ngày %(date)s, không dùng để ký được.")
            % {"date": timezone.localtime(credential.not_after).strftime("%d/%m/%Y")}
        )
    if credential.not_before > now:
        raise UserError(
            _("Chứng thư số chưa có hiệu lực (từ ngày %(date)s).")
            % {"date": timezone.localtime(credential.not_before).strftime("%d/%m/%Y")}
        )


class _Pkcs12Session:
    def __init__(self, credential: SigningCredential, secret: str):
        self.credential, self.secret = credential, secret

    def __enter__(self):
        return load_pkcs12_signer(bytes(self.credential.pkcs12 or b""), self.secret)

    def __exit__(self, *exc):
        return False


def load_pkcs12_signer(data: bytes, secret: str):
    """A pyHanko signer over a PKCS#12 file; UserError when the passphrase does not open it.

    The key is parsed once here: pyHanko's SimpleSigner would parse (and, for RSA, validate)
    it again for every raw signature, about 0.2 s each for RSA 2048 on a busy machine."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        key, certificate, others = pkcs12.load_key_and_certificates(data, (secret or "").encode())
    except ValueError as error:
        raise UserError(str(WRONG_SECRET)) from error
    if key is None or certificate is None:
        raise UserError(_("Tệp PKCS#12 không chứa khóa bí mật, không dùng để ký được."))
    store = SimpleCertificateStore()
    store.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in others or []])
    return _loaded_key_signer_class()(
        signing_cert=translate_pyca_cryptography_cert_to_asn1(certificate),
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=store,
        private_key=key,
    )


def _loaded_key_signer_class():
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class LoadedKeySigner(SimpleSigner):
        """SimpleSigner that signs with an already parsed key (RSA PKCS#1 v1.5 and ECDSA;
        anything else goes through pyHanko's own code)."""

        def __init__(self, *, private_key, **kwargs):
            super().__init__(**kwargs)
            self._private_key = private_key

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                algorithm = mechanism.signature_algo
            except ValueError:
                algorithm = mechanism["algorithm"].native
            hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
            if algorithm == "rsassa_pkcs1v15" and isinstance(self._private_key, RSAPrivateKey):
                return self._private_key.sign(data, PKCS1v15(), hash_algorithm)
            if algorithm == "ecdsa" and isinstance(self._private_key, EllipticCurvePrivateKey):
                return self._private_key.sign(data, ECDSA(hash_algorithm))
            return super().sign_raw(data, digest_algorithm)

    return LoadedKeySigner


def _open_signer(credential: SigningCredential, secret: str):
    if credential.source == CredentialSource.PKCS11:
        from .pkcs11 import Pkcs11Credential

        return Pkcs11Credential.from_credential(credential).session(pin=secret)
    return _Pkcs12Session(credential, secret)


# --- reading the PDF ----------------------------------------------------------------------


def _open_writer(pdf: bytes):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    if not isinstance(pdf, bytes | bytearray) or not bytes(pdf[:1024]).lstrip().startswith(b"%PDF-"):
        raise UserError(_("Tệp không phải là PDF."))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(bytes(pdf)), strict=False)
    except Exception as error:  # pyHanko raises several kinds for a damaged file
        raise UserError(_("Tệp PDF bị hỏng, không đọc được.")) from error
    if writer.prev.encrypted:
        raise UserError(_("Tệp PDF đã được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu trước khi ký."))
    try:
        writer.root["/Pages"]
    except Exception as error:
        raise UserError(_("Tệp PDF bị hỏng, không đọc được.")) from error
    return writer


def _page_info(writer, page: int) -> PageInfo:
    try:
        count = int(writer.root["/Pages"]["/Count"])
    except Exception as error:
        raise UserError(_("Tệp PDF bị hỏng, không đọc được.")) from error
    if count < 1:
        raise UserError(_("Tệp PDF không có trang nào."))
    index = page if page >= 0 else count + page
    if not 0 <= index < count:
        raise UserError(_("Văn bản không có trang %(page)s.") % {"page": page + 1 if page >= 0 else page})
    try:
        page_ref, _resources = writer.find_page_for_modification(index)
        x0, y0, x1, y1 = (float(v) for v in page_ref.get_object()["/MediaBox"])
    except Exception as error:
        raise UserError(_("Tệp PDF bị hỏng, không đọc được.")) from error
    return PageInfo(count, index, abs(x1 - x0), abs(y1 - y0), min(x0, x1), min(y0, y1))


def _new_field_name(writer, role: str) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        taken = {name for name, _value, _ref in enumerate_sig_fields(writer.prev, filled_status=None)}
    except Exception:
        taken = set()
    n = 1
    while f"{FIELD_PREFIX[role]}{n}" in taken:
        n += 1
    return f"{FIELD_PREFIX[role]}{n}"


def _personal_box(pages: PageInfo) -> tuple[float, float, float, float]:
    width, height = PERSONAL_SIZE
    x1 = pages.left + pages.width - PERSONAL_RIGHT_MARGIN
    y0 = pages.bottom + PERSONAL_BOTTOM
    return (x1 - width, y0, x1, y0 + height)


def _existing_personal_rect(writer, pages: PageInfo):
    """The box of the last personal signature on the page, if any: the seal goes over it."""
    from pyhanko.sign.fields import enumerate_sig_fields

    found = None
    try:
        page_ref, _resources = writer.find_page_for_modification(pages.index)
        for name, _value, ref in enumerate_sig_fields(writer.prev, filled_status=True):
            if not name.startswith(FIELD_PREFIX[PERSONAL]):
                continue
            annotation = ref.get_object()
            if annotation.get("/P") is not None and annotation.raw_get("/P") != page_ref:
                continue
            rect = [float(v) for v in annotation.get("/Rect", [0, 0, 0, 0])]
            if rect[2] - rect[0] > 1 and rect[3] - rect[1] > 1:
                found = (min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3]))
    except Exception:  # a field we cannot read: fall back to the default position
        return None
    return found


def _default_box(writer, pages: PageInfo, role: str) -> tuple[float, float, float, float]:
    if role == PERSONAL:
        return _personal_box(pages)
    personal = _existing_personal_rect(writer, pages) or _personal_box(pages)
    px0, py0, px1, py1 = personal
    right = px0 + (px1 - px0) / 3
    middle = (py0 + py1) / 2
    return (right - SEAL_SIZE, middle - SEAL_SIZE / 2, right, middle + SEAL_SIZE / 2)


def _check_box(box, pages: PageInfo) -> None:
    try:
        x0, y0, x1, y1 = (float(v) for v in box)
    except (TypeError, ValueError) as error:
        raise UserError(_("Vị trí chữ ký không hợp lệ.")) from error
    if x1 - x0 < 5 or y1 - y0 < 5:
        raise UserError(_("Khung chữ ký quá nhỏ."))
    if x0 < pages.left - 1 or y0 < pages.bottom - 1 or x1 > pages.left + pages.width + 1 or y1 > pages.bottom + pages.height + 1:
        raise UserError(_("Khung chữ ký nằm ngoài trang."))


# --- appearances --------------------------------------------------------------------------


def _image_style(credential: SigningCredential, role: str):
    from PIL import Image
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.stamp import StaticStampStyle

    from . import appearance

    data = bytes(credential.image) if credential.image else None
    if data is None:
        if role == ORGANISATION or credential.kind == ORGANISATION:
            unit = credential.owner_unit
            data = appearance.seal_image(unit.name if unit else credential.subject_common_name)
        else:
            data = appearance.personal_image(credential.subject_common_name)
    image = Image.open(io.BytesIO(data))
    image.load()
    return StaticStampStyle(
        background=PdfImage(image.convert("RGBA")),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


class _PdfBytesPage:
    """A page of an in-memory PDF imported as a form XObject (pyHanko's ImportedPdfPage
    reads only from a file name)."""

    @staticmethod
    def make(pdf: bytes):
        import binascii
        import uuid

        from pyhanko.pdf_utils.content import PdfContent
        from pyhanko.pdf_utils.layout import BoxConstraints
        from pyhanko.pdf_utils.reader import PdfFileReader

        class ImportedPdfBytes(PdfContent):
            def render(self) -> bytes:
                reader = PdfFileReader(io.BytesIO(pdf))
                xobject = self._ensure_writer.import_page_as_xobject(reader, page_ix=0)
                name = "/Import" + binascii.hexlify(uuid.uuid4().bytes).decode()
                self.resources.xobject[name] = xobject
                x1, y1, x2, y2 = xobject.get_object()["/BBox"]
                self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
                return name.encode() + b" Do"

        return ImportedPdfBytes()


def _text_width(text: str, size: float) -> float:
    from . import appearance

    font = appearance._font(100)
    return font.getlength(text) * size / 100


def _render_text_pdf(text: str, width: float, height: float) -> bytes:
    """A one-line PDF of exactly width × height points with real text (WeasyPrint embeds the
    font with its Unicode map, so `pdftotext` and screen readers read the line)."""
    from django.utils.html import escape
    from weasyprint import HTML

    html = (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><style>"
        f"@page {{ size: {width:.2f}pt {height:.2f}pt; margin: 0 }}"
        "html, body { margin: 0; padding: 0 }"
        f"p {{ margin: 0; font: {STAMP_FONT_SIZE}pt 'DejaVu Sans', 'Liberation Sans', sans-serif;"
        f" line-height: {height:.2f}pt; white-space: nowrap; text-align: right; color: #1a1a1a }}"
        f"</style></head><body><p>{escape(text)}</p></body></html>"
    )
    return HTML(string=html).write_pdf()


def _stamp_geometry(text: str, first: PageInfo) -> tuple[tuple[float, float, float, float], float, float]:
    width = _text_width(text, STAMP_FONT_SIZE) * 1.06 + 6
    height = STAMP_FONT_SIZE * 1.7
    width = min(width, first.width - 2 * STAMP_MARGIN[0])
    x1 = first.left + first.width - STAMP_MARGIN[0]
    y1 = first.bottom + first.height - STAMP_MARGIN[1]
    return (x1 - width, y1 - height, x1, y1), width, height


def _stamp_style(text: str, first: PageInfo):
    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import StaticStampStyle

    text = _clean_stamp_text(text)
    box, width, height = _stamp_geometry(text, first)
    style = StaticStampStyle(
        background=_PdfBytesPage.make(_render_text_pdf(text, width, height)),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )
    return box, style


def _clean_stamp_text(text: str) -> str:
    text = " ".join(str(text).split())
    if not text:
        raise UserError(_("Dòng ghi số và thời gian ký của bản sao đang trống."))
    if len(text) > 200:
        raise UserError(_("Dòng ghi số và thời gian ký của bản sao quá dài (tối đa 200 ký tự)."))
    return text


def _add_stamp_widget(writer, text: str) -> None:
    """For a visible signature that also carries the copy line: an extra, read-only signature
    field on page 1 whose appearance is the line (a signature field, so later validation sees
    only form-level changes)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.sign import fields

    first = _page_info(writer, 0)
    box, style = _stamp_style(text, first)
    name = _new_stamp_field_name(writer)
    fields.append_signature_field(writer, fields.SigFieldSpec(sig_field_name=name, on_page=0, box=box))
    field_ref = None
    for field_name, _value, ref in fields.enumerate_sig_fields(writer, filled_status=None):
        if field_name == name:
            field_ref = ref
    if field_ref is None:  # pragma: no cover - pyHanko just created it
        return
    annotation = field_ref.get_object()
    x0, y0, x1, y1 = box
    stamp = style.create_stamp(writer, BoxConstraints(width=x1 - x0, height=y1 - y0), {})
    appearance_ref = writer.add_object(stamp.as_form_xobject())
    annotation["/AP"] = generic.DictionaryObject({generic.NameObject("/N"): appearance_ref})
    annotation["/Ff"] = generic.NumberObject(1)  # read-only
    writer.update_container(annotation)


def _new_stamp_field_name(writer) -> str:
    from pyhanko.sign.fields import enumerate_sig_fields

    taken = {name for name, _v, _r in enumerate_sig_fields(writer, filled_status=None)}
    n = 1
    while f"BanSao{n}" in taken:
        n += 1
    return f"BanSao{n}"
