"""The production profile passes Django's deployment checks, with the example environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[5]


def _example_env() -> dict[str, str]:
    env = {}
    for line in (ROOT / "deploy" / "production.env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    return env


def _check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DIEUHANH_"))}
    env.update(_example_env(), **extra)
    env["DJANGO_SETTINGS_MODULE"] = "dieuhanh.settings"
    env["SECRET_KEY"] = "x" * 20 + "-production-secret-for-the-deploy-check-" + "y" * 20
    return subprocess.run(
        [sys.executable, "-m", "dieuhanh", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_profile_passes_check_deploy(tmp_path):
    result = _check_deploy({"DIEUHANH_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DIEUHANH_"))}
    env.update(_example_env(), DIEUHANH_VAR_DIR=str(tmp_path), SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "-m", "dieuhanh", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
