"""Parameters for the authorization walk over the classifier's admin screens."""

SAMPLE_KEY = "walk.sample"


def _key(user):
    """A label set with one trained version and one finished run (built once per test)."""
    from dieuhanh.platform import classifier
    from dieuhanh.platform.classifier.models import ClassifierModel, TrainingRun

    from .factories import history

    if not ClassifierModel.objects.filter(key=SAMPLE_KEY).exists():
        classifier.train(key=SAMPLE_KEY, examples=history(), min_examples=100)
        TrainingRun.objects.create(key=SAMPLE_KEY, status=TrainingRun.Status.DONE, progress=100)
    return {"key": SAMPLE_KEY}


def _run(user):
    from dieuhanh.platform.classifier.models import TrainingRun

    key = _key(user)["key"]
    return {"key": key, "pk": TrainingRun.objects.filter(key=key).first().pk}


SAMPLES = {
    "classifier:detail": _key,
    "classifier:retrain": _key,
    "classifier:activate": lambda user: {**_key(user), "version": 1},
    "classifier:run_status": _run,
}
