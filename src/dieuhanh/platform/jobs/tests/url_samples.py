"""Parameters for the authorization walk over the jobs URLs."""


def _failed(user):
    from .factories import failed_result

    return {"result_id": failed_result().pk}


SAMPLES = {
    "jobs:detail": _failed,
    "jobs:retry": _failed,
}
