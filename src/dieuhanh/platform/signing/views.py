"""Pages of the signing part: my certificates, register one, check a signed PDF. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dieuhanh.platform.permissions.access import access
from dieuhanh.platform.permissions.checks import units_where
from dieuhanh.platform.ui.errors import UserError
from dieuhanh.platform.ui.tables import Column, paginate

from . import forms, selectors, services
from .appearance import personal_image, seal_image
from .models import CredentialKind
from .validation import validate_pdf

OWN = "signing.credential_own"
VALIDATE = "signing.validate"

COLUMNS = [
    Column("owner", gettext_lazy("Chủ sở hữu")),
    Column("kind", gettext_lazy("Loại"), sort="kind"),
    Column("subject", gettext_lazy("Chứng thư số")),
    Column("not_after", gettext_lazy("Hiệu lực đến"), sort="not_after"),
    Column("state", gettext_lazy("Trạng thái")),
]


def _add_user_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _credential(request, pk: int):
    credential = selectors.credentials_visible_to(request.user).filter(pk=pk).first()
    if credential is None:
        raise Http404
    return credential


@access(OWN)
def credentials(request):
    qs = selectors.credentials_visible_to(request.user)
    table = paginate(
        request, qs, sort_fields={"kind": "kind", "not_after": "not_after", "created": "created_at"},
        default_sort="-created", per_page=25, columns=COLUMNS,
    )
    return render(request, "signing/credentials.html", {"table": table})


def _seal_units(user):
    return list(units_where(user, services.MANAGE_ACTION).order_by("path")[:200])


@access(OWN)
@require_http_methods(["GET", "POST"])
def credential_import(request):
    form = forms.CredentialImportForm(request.POST or None, request.FILES or None, units=_seal_units(request.user))
    if request.method == "POST":
        if form.is_valid():
            owner = form.owner_kwargs()
            image = form.cleaned_data.get("image")
            try:
                credential = services.credential_import_pkcs12(
                    by=request.user,
                    owner_user=request.user if owner["owner_unit"] is None else None,
                    owner_unit=owner["owner_unit"],
                    kind=owner["kind"],
                    data=form.cleaned_data["file"].read(services.MAX_PKCS12_BYTES + 1),
                    passphrase=form.cleaned_data["passphrase"],
                    image=image.read(2 * 1024 * 1024 + 1) if image else None,
                )
            except UserError as error:
                _add_user_error(form, error)
            else:
                messages.success(request, _("Đã đăng ký chứng thư số %(name)s.") % {"name": credential.subject_common_name})
                return redirect("signing:credential_detail", pk=credential.pk)
        return render(request, "signing/credential_import.html", {"form": form}, status=400)
    return render(request, "signing/credential_import.html", {"form": form})


@access(OWN)
def credential_detail(request, pk: int):
    credential = _credential(request, pk)
    return render(
        request, "signing/credential_detail.html",
        {
            "credential": credential,
            "can_manage": services.can_manage_credentials_of(
                request.user, owner_user=credential.owner_user, owner_unit=credential.owner_unit
            ),
            "image_form": forms.CredentialImageForm(),
            "signatures": credential.signatures.select_related("signed_by")[:20],
        },
    )


@access(OWN)
def credential_image(request, pk: int):
    """The image drawn on visible signatures (uploaded, or the generated one)."""
    credential = _credential(request, pk)
    data = bytes(credential.image) if credential.image else None
    if data is None:
        if credential.kind == CredentialKind.ORGANISATION:
            data = seal_image(credential.owner_unit.name if credential.owner_unit else credential.subject_common_name)
        else:
            data = personal_image(credential.subject_common_name)
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@access(OWN)
@require_POST
def credential_image_upload(request, pk: int):
    credential = _credential(request, pk)
    form = forms.CredentialImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.credential_set_image(by=request.user, credential=credential, image=form.cleaned_data["image"].read(2 * 1024 * 1024 + 1))
        except UserError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("signing:credential_detail", pk=credential.pk)
        messages.success(request, _("Đã đổi hình chữ ký."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("signing:credential_detail", pk=credential.pk)


@access(OWN)
@require_POST
def credential_deactivate(request, pk: int):
    credential = _credential(request, pk)
    try:
        services.credential_deactivate(by=request.user, credential=credential)
    except UserError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ngừng sử dụng chứng thư số."))
    return redirect("signing:credential_detail", pk=credential.pk)


@access(OWN)
@require_POST
def credential_revoke(request, pk: int):
    credential = _credential(request, pk)
    try:
        services.credential_revoke(by=request.user, credential=credential)
    except UserError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thu hồi chứng thư số; chứng thư này không ký được nữa."))
    return redirect("signing:credential_detail", pk=credential.pk)


@access(VALIDATE)
@require_http_methods(["GET", "POST"])
def validate(request):
    form = forms.ValidateForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST":
        if form.is_valid():
            try:
                report = validate_pdf(form.cleaned_data["file"].read())
            except UserError as error:
                _add_user_error(form, error)
        if report is None:
            return render(request, "signing/validate.html", {"form": form}, status=400)
        form = forms.ValidateForm()
    return render(request, "signing/validate.html", {"form": form, "report": report})
