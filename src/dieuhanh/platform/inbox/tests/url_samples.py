"""Parameters for the inbox URLs, for the authorization walk."""


def _a_delegation(user):
    from dieuhanh.platform.inbox.models import Delegation

    return {"pk": Delegation.objects.values_list("pk", flat=True).first() or 1}


SAMPLES = {
    "inbox:delegation_end": _a_delegation,
}
