"""Numbers: per issuer, series and year, no gap, no duplicate, even when clerks issue at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from dieuhanh.modules.documents import numbering, services
from dieuhanh.modules.documents.models import NumberCounter, OutgoingDocument

from .factories import PASSPHRASE, doc_type, draft


@pytest.mark.django_db
def test_numbers_follow_each_other_per_issuer_series_and_year(world):
    nq, cv = doc_type("nghi-quyet"), doc_type("cong-van")
    with transaction.atomic():
        taken = [numbering.take_number(unit=world.council, series=numbering.outgoing_series(nq, secret=False), year=2026)
                 for _ in range(12)]
        other_year = numbering.take_number(unit=world.council, series=numbering.outgoing_series(nq, secret=False), year=2027)
        letters = numbering.take_number(unit=world.council, series=numbering.outgoing_series(cv, secret=False), year=2026)
        secret = numbering.take_number(unit=world.council, series=numbering.outgoing_series(nq, secret=True), year=2026)
        ward = numbering.take_number(unit=world.ward, series=numbering.outgoing_series(nq, secret=False), year=2026)
    assert taken == list(range(1, 13))
    assert (other_year, letters, secret, ward) == (1, 1, 1, 1)


@pytest.mark.django_db
def test_a_rolled_back_number_is_given_again(world):
    series = numbering.outgoing_series(doc_type("nghi-quyet"), secret=False)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            assert numbering.take_number(unit=world.council, series=series, year=2026) == 1
            raise RuntimeError("issue failed")
    with transaction.atomic():
        assert numbering.take_number(unit=world.council, series=series, year=2026) == 1


def test_notation_formats(world, db):
    nq, cv = doc_type("nghi-quyet"), doc_type("cong-van")
    assert numbering.format_notation(number=1, doc_type=nq, issuer=world.council, drafting_unit=world.division) == "01/NQ-HĐND"
    assert numbering.format_notation(number=15, doc_type=nq, issuer=world.council, drafting_unit=world.division) == "15/NQ-HĐND"
    assert numbering.format_notation(number=5, doc_type=cv, issuer=world.council, drafting_unit=world.secretariat) == "05/HĐND-VP"


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="threads need a shared database server; SQLite's in-memory test database is per connection")
@pytest.mark.django_db(transaction=True)
def test_fifty_clerks_issuing_at_the_same_moment_get_fifty_consecutive_numbers(world, credentials):
    documents = []
    for i in range(50):
        doc = draft(by=world.staff, unit=world.division, issuer=world.council, summary=f"Nghị quyết số {i}")
        services.outgoing_submit(by=world.staff, document=doc, reviewers=[], signer=world.leader)
        services.outgoing_approve(by=world.leader, document=doc)
        services.outgoing_sign(by=world.leader, document=doc, secret=PASSPHRASE)
        documents.append(doc)
    barrier = threading.Barrier(len(documents))
    errors = []

    def issue(doc):
        try:
            barrier.wait(timeout=60)
            services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                                    recipients=[services.RecipientData(unit=world.ward)])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in documents]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    numbers = sorted(OutgoingDocument.objects.filter(pk__in=[d.pk for d in documents]).values_list("number", flat=True))
    assert numbers == list(range(1, 51))
    assert NumberCounter.objects.get(unit=world.council, series="out:NQ").last == 50
    assert OutgoingDocument.objects.filter(notation="50/NQ-HĐND").count() == 1
