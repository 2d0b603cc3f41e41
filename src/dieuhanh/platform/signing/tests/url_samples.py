"""Parameters of the signing URLs, for the authorization walk (the demo city is loaded)."""


def _credential(user):
    """A credential the person may see; an official without one gets their own made here."""
    from dieuhanh.platform.permissions.checks import user_can
    from dieuhanh.platform.signing.models import SigningCredential
    from dieuhanh.platform.signing.selectors import credentials_visible_to

    visible = credentials_visible_to(user).values_list("pk", flat=True).first()
    if visible is not None:
        return {"pk": visible}
    if user_can(user, "signing.credential_own"):
        from dieuhanh.platform.signing.services import credential_import_pkcs12

        from .factories import PASSPHRASE, signer_pkcs12

        credential = credential_import_pkcs12(
            by=user, owner_user=user, kind="personal", data=signer_pkcs12(str(user)), passphrase=PASSPHRASE
        )
        return {"pk": credential.pk}
    return {"pk": SigningCredential.objects.values_list("pk", flat=True).first() or 1}


SAMPLES = {
    "signing:credential_detail": _credential,
    "signing:credential_image": _credential,
    "signing:credential_image_upload": _credential,
    "signing:credential_deactivate": _credential,
    "signing:credential_revoke": _credential,
}
