"""The schema is built by migrations alone, and they keep data when run again."""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from community import MIGRATIONS_DIRECTORY
from community.extensions import db
from community.models.search_index import include_name, is_engine_owned
from tests.conftest import make_app, scratch_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/migrated.db"
        return
    with scratch_postgres_database("migrations") as url:
        yield url


@pytest.fixture
def models_database_url(empty_database_url, tmp_path) -> Iterator[str]:
    """A second empty database of the same kind, for the schema the models declare."""
    if empty_database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path}/from-models.db"
        return
    with scratch_postgres_database("models") as url:
        yield url


def _tables() -> set[str]:
    """The tables of the models: not Alembic's, nor those the search engine keeps itself."""
    names = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_engine_owned(name)}


def _insert_sample_rows() -> None:
    db.session.execute(
        sa.text(
            "INSERT INTO conditions (slug, name, about_markdown, about_html, created_at,"
            " member_count, contribution_count)"
            " VALUES ('asthma', 'Asthma', '', '', CURRENT_TIMESTAMP, 0, 0)"
        )
    )
    db.session.commit()


def _condition_slugs() -> list[str]:
    slugs = list(db.session.scalars(sa.text("SELECT slug FROM conditions")))
    # Hold no lock on the table: the next migration may alter it.
    db.session.rollback()
    return slugs


def test_migrations_build_exactly_the_models_schema(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"compare_type": True, "render_as_batch": True, "include_name": include_name},
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        db.engine.dispose()


def _normal(sql: object) -> str:
    return " ".join(str(sql).split())


def _index_and_constraint_definitions(database_url: str) -> dict[str, dict[str, list]]:
    """Each table's indexes with their conditions (partial indexes), checks and uniques.

    Alembic's comparison sees neither an index's WHERE nor check constraints; reading both
    databases back through the same dialect compares them as the database holds them.
    """
    engine = sa.create_engine(database_url)
    inspector = sa.inspect(engine)
    definitions = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        definitions[table] = {
            "indexes": sorted(
                (
                    index["name"],
                    tuple(index["column_names"]),
                    bool(index["unique"]),
                    sorted(
                        (option, _normal(value))
                        for option, value in index.get("dialect_options", {}).items()
                        if option.endswith("_where")
                    ),
                )
                for index in inspector.get_indexes(table)
            ),
            "checks": sorted(
                (check["name"], _normal(check["sqltext"]))
                for check in inspector.get_check_constraints(table)
            ),
            "uniques": sorted(
                (unique["name"], tuple(unique["column_names"]))
                for unique in inspector.get_unique_constraints(table)
            ),
        }
    engine.dispose()
    return definitions


def test_migrated_indexes_and_constraints_match_the_models_with_their_conditions(
    empty_database_url, models_database_url
):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    engine = sa.create_engine(models_database_url)
    db.metadata.create_all(engine)
    engine.dispose()

    migrated = _index_and_constraint_definitions(empty_database_url)
    declared = _index_and_constraint_definitions(models_database_url)

    assert migrated.keys() == declared.keys()
    for table, definitions in declared.items():
        assert migrated[table] == definitions, table
    partial = [
        index for definitions in declared.values() for index in definitions["indexes"] if index[3]
    ]
    assert partial, "no partial index read back: the comparison would miss their conditions"


def test_downgrade_to_empty_and_upgrade_again(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        assert _tables() == set(db.metadata.tables)
        downgrade(revision="base")
        assert _tables() == set()
        upgrade()
        assert _tables() == set(db.metadata.tables)
        db.engine.dispose()


def test_upgrade_on_an_existing_database_keeps_its_data(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        _insert_sample_rows()
        upgrade()
        assert _condition_slugs() == ["asthma"]
        # Every later migration can step down and up again without losing rows.
        script = ScriptDirectory.from_config(_alembic_config())
        for revision in script.walk_revisions():
            if revision.down_revision is None:
                continue
            downgrade(revision=revision.down_revision)
            upgrade()
            assert _condition_slugs() == ["asthma"]
        db.session.remove()
        db.engine.dispose()


def _triggers() -> set[str]:
    if db.engine.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    names = set(db.session.scalars(sa.text(query)))
    db.session.rollback()
    return names


def test_the_latest_migration_keeps_the_triggers_that_index_posts(empty_database_url):
    """A migration that rebuilds ``posts`` on SQLite would silently drop its triggers."""
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        triggers = _triggers()
        assert any("post" in name for name in triggers), triggers
        head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
        previous = ScriptDirectory.from_config(_alembic_config()).get_revision(head)
        downgrade(revision=previous.down_revision)
        upgrade()
        assert _triggers() == triggers
        db.session.remove()
        db.engine.dispose()


BEFORE_SESSION_TOKENS = "m5_performance"
ACCOUNTS = ("wren", "heron", "finch")


def _insert_accounts_before_session_tokens() -> None:
    now = {"now": "2026-11-01 10:00:00"}
    # Ids as the database hands them out: 1, 2, 3.
    for name in ACCOUNTS:
        db.session.execute(
            sa.text(
                "INSERT INTO users (username, username_key, email, password_hash, created_at)"
                " VALUES (:name, :name, :email, 'x', :now)"
            ),
            {"name": name, "email": f"{name}@example.org", **now},
        )
    db.session.execute(
        sa.text(
            "INSERT INTO memberships (user_id, condition_id, relation, created_at)"
            " SELECT 3, id, 'patient', :now FROM conditions"
        ),
        now,
    )
    db.session.commit()


def test_upgrade_keeps_accounts_gives_each_a_token_and_never_reuses_a_deleted_id(
    empty_database_url,
):
    from community.accounts.services import create_user

    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision=BEFORE_SESSION_TOKENS)
        _insert_sample_rows()
        _insert_accounts_before_session_tokens()
        db.session.remove()

        upgrade()

        accounts = db.session.execute(
            sa.text("SELECT id, username, session_token FROM users ORDER BY id")
        ).all()
        assert [(row.id, row.username) for row in accounts] == list(enumerate(ACCOUNTS, 1))
        assert len({row.session_token for row in accounts if row.session_token}) == 3
        memberships = sa.text("SELECT user_id FROM memberships")
        assert list(db.session.scalars(memberships)) == [3]
        # The newest account goes; the next one must not take its id.
        db.session.execute(sa.text("DELETE FROM users WHERE id = 3"))
        assert list(db.session.scalars(memberships)) == []
        newcomer = create_user("heron2", "heron2@example.org", "a long enough password")
        db.session.commit()
        assert newcomer.id == 4
        db.session.remove()
        db.engine.dispose()


def test_upgrade_counts_existing_accounts_as_verified_and_gives_each_an_unsubscribe_key(
    empty_database_url,
):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision=BEFORE_SESSION_TOKENS)
        _insert_sample_rows()
        _insert_accounts_before_session_tokens()
        db.session.remove()

        upgrade()

        accounts = db.session.execute(
            sa.text("SELECT email_verified_at, unsubscribe_key FROM users ORDER BY id")
        ).all()
        assert len(accounts) == len(ACCOUNTS)
        assert all(row.email_verified_at is not None for row in accounts)
        assert len({row.unsubscribe_key for row in accounts if row.unsubscribe_key}) == 3
        assert list(db.session.scalars(sa.text("SELECT user_id FROM memberships"))) == [3]
        db.session.remove()
        db.engine.dispose()


def _alembic_config():
    from alembic.config import Config

    config = Config(str(MIGRATIONS_DIRECTORY / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIRECTORY))
    return config


BEFORE_WITHDRAWN_APPEALS = "m18_reports_by_reporter"


def test_upgrade_withdraws_the_open_appeals_of_deleted_posts_and_keeps_the_others(
    empty_database_url,
):
    from community.models import Appeal, AppealStatus, ModerationEvent, PostState
    from community.posts.states import PostAction
    from tests.factories import make_condition, make_post, make_question, make_user

    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision=BEFORE_WITHDRAWN_APPEALS)
        db.session.remove()
    author = make_user(app, "wren")
    condition = make_condition(app)
    # Two rejected posts, each appealed; one deleted afterwards by its author, as before this
    # revision a deletion did: the post's state alone.
    posts = {
        state: make_post(app, author, question_id=question, actions=(PostAction.REJECT,))
        for state, question in (
            (PostState.DELETED, make_question(app, condition)),
            (PostState.REJECTED, make_question(app, condition, "how-is-it-treated", "Treated?")),
        )
    }
    with app.app_context():
        for post_id in posts.values():
            event = ModerationEvent(action="reject", post_id=post_id, reason="Off topic.")
            db.session.add(event)
            db.session.flush()
            db.session.add(
                Appeal(post_id=post_id, event_id=event.id, author_id=author, message="Mine.")
            )
        db.session.execute(
            sa.text("UPDATE posts SET state = 'deleted' WHERE id = :id"),
            {"id": posts[PostState.DELETED]},
        )
        db.session.commit()
        db.session.remove()

        upgrade()

        statuses = dict(db.session.execute(sa.select(Appeal.post_id, Appeal.status)).all())
        assert statuses == {
            posts[PostState.DELETED]: AppealStatus.WITHDRAWN,
            posts[PostState.REJECTED]: AppealStatus.OPEN,
        }
        withdrawn = db.session.scalar(
            sa.select(Appeal).where(Appeal.post_id == posts[PostState.DELETED])
        )
        assert withdrawn.decided_at is not None and withdrawn.decided_by_id == author
        db.session.remove()
        db.engine.dispose()
