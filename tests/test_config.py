"""Settings come in layers, and first start prepares the instance folder."""

import os
import stat

import pytest
from flask import Flask
from sqlalchemy import text
from werkzeug.security import check_password_hash

from community import create_app
from community.accounts.services import hash_password
from community.extensions import db


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(tmp_path))
    for variable in ("DATABASE_URL", "SECRET_KEY", "COMMUNITY_TRUSTED_AFTER"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


def test_first_start_generates_a_private_secret_key_and_keeps_it(instance):
    first = create_app()
    key_file = instance / "secret_key"
    assert first.config["SECRET_KEY"] == key_file.read_text()
    assert len(first.config["SECRET_KEY"]) >= 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert create_app().config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_the_instance_folder_is_created_for_its_owner_only(tmp_path, monkeypatch):
    folder = tmp_path / "instance"
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(folder))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    create_app()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.fixture
def usual_umask():
    """The umask most systems give: without care, new files are readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.parametrize("where", ["instance", "elsewhere"])
def test_a_new_sqlite_database_is_readable_by_its_owner_only(
    instance, monkeypatch, usual_umask, where
):
    database = instance / "community.db"
    if where == "elsewhere":
        database = instance / "data" / "site.db"
        database.parent.mkdir()
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    app = create_app()
    with app.app_context():
        db.create_all()
        files = [database, database.with_name(f"{database.name}-wal")]
        assert all(path.exists() for path in files)
        assert [stat.S_IMODE(path.stat().st_mode) for path in files] == [0o600, 0o600]
        db.engine.dispose()


def test_passwords_are_hashed_with_scrypt_under_the_settings_production_starts_with(instance):
    app = create_app()  # no setting given, as wsgi.py starts it
    with app.app_context():
        hashed = hash_password("long enough password")
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"
    assert hashed.startswith("scrypt:") and "long enough password" not in hashed
    assert check_password_hash(hashed, "long enough password")


def test_default_database_is_sqlite_in_the_instance_folder(instance):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'community.db'}"


def test_instance_config_then_environment_then_explicit_settings(instance, monkeypatch):
    (instance / "config.py").write_text(
        "COMMUNITY_SITE_NAME = 'From instance'\nCOMMUNITY_TRUSTED_AFTER = 3\n"
        "SECRET_KEY = 'instance-key'\n"
    )
    app = create_app()
    assert app.config["COMMUNITY_SITE_NAME"] == "From instance"
    assert app.config["SECRET_KEY"] == "instance-key"

    monkeypatch.setenv("COMMUNITY_TRUSTED_AFTER", "5")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///elsewhere.db")
    app = create_app()
    assert app.config["COMMUNITY_TRUSTED_AFTER"] == 5
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///elsewhere.db"

    app = create_app({"COMMUNITY_TRUSTED_AFTER": 1})
    assert app.config["COMMUNITY_TRUSTED_AFTER"] == 1


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(instance):
    app = create_app()
    with app.app_context():
        pragmas = {
            name: db.session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
        db.session.remove()
        db.engine.dispose()
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10000}


def test_the_old_name_of_the_public_address_still_sets_it(instance, monkeypatch):
    monkeypatch.delenv("COMMUNITY_CANONICAL_URL", raising=False)
    monkeypatch.setenv("COMMUNITY_BASE_URL", "https://health.example.org")
    assert create_app().config["COMMUNITY_CANONICAL_URL"] == "https://health.example.org"

    monkeypatch.setenv("COMMUNITY_CANONICAL_URL", "https://health.example.org")
    assert create_app().config["COMMUNITY_CANONICAL_URL"] == "https://health.example.org"

    monkeypatch.setenv("COMMUNITY_CANONICAL_URL", "https://elsewhere.example.org")
    with pytest.raises(ValueError, match="COMMUNITY_CANONICAL_URL only"):
        create_app()
