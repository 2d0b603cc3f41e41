"""Signing speed: a 20-page PDF signed by a person then sealed by the organisation, N times.

    .venv/bin/python -m bench.signing_speed [--runs 20] [--pages 20] [--validate]

Everything happens in memory (no database): a throw-away CA, a personal and an organisation
PKCS#12 file (EC P-256 and RSA 2048 are both measured), the PDF made once with WeasyPrint.
Printed per operation: median and p95 wall seconds, and the median CPU seconds of this process
(time.process_time: on a shared machine the wall time depends on the neighbours, the CPU time
much less). Target: < 1 s per signing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from functools import partial

SECRET = "DieuHanh@2026"


def _timed(times: dict, cpu: dict, name: str, function):
    wall, processor = time.perf_counter(), time.process_time()
    result = function()
    times[name].append(time.perf_counter() - wall)
    cpu[name].append(time.process_time() - processor)
    return result


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _pdf(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f"<section style='page-break-after: always'><h1>Nghị quyết số {n}/NQ-HĐND</h1>"
        + "<p>Hội đồng nhân dân thành phố Hà Nội khóa XVII, kỳ họp thứ hai, quyết nghị. " * 30
        + "</p></section>"
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<!doctype html><html lang='vi'><meta charset='utf-8'><body>{body}</body></html>").write_pdf()


def _authority(kind: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1()) if kind == "ec" else rsa.generate_private_key(65537, 2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA đo hiệu năng")])
    now = dt.datetime.now(dt.UTC)
    root = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return root, key


def _credential(kind: str, role: str, common_name: str, authority):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    from dieuhanh.platform.signing.models import SigningCredential
    from dieuhanh.platform.signing.services import certificate_facts

    root, root_key = authority
    key = ec.generate_private_key(ec.SECP256R1()) if kind == "ec" else rsa.generate_private_key(65537, 2048)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(root.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"bench", key, certificate, [root], serialization.BestAvailableEncryption(b"DieuHanh@2026")
    )
    return SigningCredential(kind=role, source="pkcs12", pkcs12=data, **certificate_facts(certificate))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--validate", action="store_true", help="also time validate_pdf on the result")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    import django

    django.setup()
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from dieuhanh.platform import signing

    pdf = _pdf(args.pages)
    print(f"PDF: {args.pages} pages, {len(pdf) / 1024:.0f} KB; {args.runs} runs per key type")
    for kind in ("ec", "rsa"):
        authority = _authority(kind)
        personal = _credential(kind, "personal", "Nguyễn Văn Thành", authority)
        seal = _credential(kind, "organisation", "HĐND thành phố Hà Nội", authority)
        roots = [asn1_x509.Certificate.load(authority[0].public_bytes(Encoding.DER))]
        times: dict[str, list[float]] = {"personal": [], "organisation": [], "copy line": [], "validate": []}
        cpu: dict[str, list[float]] = {name: [] for name in times}
        signing.sign_pdf(pdf, credential=personal, secret=SECRET)  # warm-up (imports, fonts)
        for _ in range(args.runs):
            once = _timed(times, cpu, "personal", partial(signing.sign_pdf, pdf, credential=personal, secret=SECRET))
            twice = _timed(
                times, cpu, "organisation",
                partial(signing.sign_pdf, once, credential=seal, secret=SECRET, role="organisation"),
            )
            copy = _timed(
                times, cpu, "copy line",
                partial(
                    signing.sign_pdf, twice, credential=seal, secret=SECRET, role="organisation", visible=False,
                    stamp_text=signing.copy_stamp_text("01/NQ-HĐND"),
                ),
            )
            if args.validate:
                report = _timed(times, cpu, "validate", partial(signing.validate_pdf, copy, roots=roots))
                assert report.state == "valid", report.summary
        for operation, values in times.items():
            if values:
                print(
                    f"{kind.upper():3} {operation:13} median {statistics.median(values):.3f} s"
                    f"  p95 {_percentile(values, 0.95):.3f} s  cpu median {statistics.median(cpu[operation]):.3f} s"
                )


if __name__ == "__main__":
    main()
