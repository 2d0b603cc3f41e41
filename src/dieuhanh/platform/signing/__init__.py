"""Digital signatures (PAdES, pyHanko): sign and validate PDFs, signing credentials, demo CA.

    from dieuhanh.platform import signing
    signed = signing.sign_pdf(pdf, credential=credential, secret=passphrase)
    report = signing.validate_pdf(signed)          # report.state, report.summary, report.signatures
    html = signing.render_report(report)           # or {% include "signing/_report.html" %}

Names are imported lazily: importing this package loads no model (see docs/dev/SIGNING.md).
"""

from importlib import import_module

_EXPORTS = {
    "SigningCredential": "models",
    "CredentialKind": "models",
    "CredentialSource": "models",
    "DigitalSignature": "models",
    "sign_pdf": "pdf",
    "copy_stamp_text": "pdf",
    "credential_check_usable": "pdf",
    "validate_pdf": "validation",
    "ValidationReport": "validation",
    "SignatureInfo": "validation",
    "render_report": "rendering",
    "credential_import_pkcs12": "services",
    "credential_register_pkcs11": "services",
    "credential_set_image": "services",
    "credential_deactivate": "services",
    "credential_revoke": "services",
    "signature_apply": "services",
    "can_sign_with": "services",
    "credentials_usable_by": "selectors",
    "demo_root": "demo_ca",
    "issue_demo_pkcs12": "demo_ca",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
