"""Adding an application means adding one folder with one manifest."""

from dieuhanh.platform import registry


def test_the_test_only_module_is_collected_from_its_manifest():
    sample = registry.get("sample")
    assert registry.action("sample.view").roles == frozenset({"leader", "staff"})
    assert "sample.pinged" in registry.notification_kinds()
    assert sample in registry.application_modules()
