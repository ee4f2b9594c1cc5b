"""The production gunicorn settings: no worker restart makes the site forget a rate limit."""

import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn_config.py"


def _settings(monkeypatch, **environment) -> dict:
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_with_shared_counters_workers_are_recycled_and_the_counters_kept(monkeypatch):
    settings = _settings(monkeypatch, RATELIMIT_STORAGE_URI="redis://redis.internal:6379/0")
    assert settings["max_requests"] > 0
    assert settings["workers"] >= 1
    assert settings["timeout"] >= 60


@pytest.mark.parametrize(
    "environment",
    [
        {"RATELIMIT_STORAGE_URI": "memory://"},
        # No storage named and no Redis answering on this address.
        {"COMMUNITY_LOCAL_REDIS": "redis://127.0.0.1:1/0"},
    ],
)
def test_with_counters_in_memory_one_process_serves_and_is_never_recycled(monkeypatch, environment):
    settings = _settings(monkeypatch, **environment)
    assert settings["workers"] == 1
    assert settings["threads"] >= 2
    assert settings["max_requests"] == 0
    assert settings["_storage"] is None
