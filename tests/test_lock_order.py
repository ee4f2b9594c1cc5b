"""Changes of many posts lock the posts, then the conditions' counts, before writing any.

A change of one post locks the post, then its condition's counts, then its question's
(community.counts). A change of many that locked them post by post could hold one
condition's counts while waiting for a post that another change, holding another
condition's counts, has locked: PostgreSQL ends one with a deadlock error
(tests/moderation/test_bulk.py meets it). Each change of many is checked here for taking
every lock first, in that order.
"""

import re

import pytest
from sqlalchemy import select

from community.accounts.services import find_by_username
from community.extensions import db
from community.models import Condition, Post, PostState, Role
from community.moderation.bulk import Selected, decide_selected
from community.moderation.cleanup import remove_all_and_suspend
from community.moderation.services import post_version
from community.own_data.deletion import PostsChoice, delete_account
from tests.factories import make_community, make_membership, make_post, make_question, make_user
from tests.querycount import count_queries

WRITE_OF_A_COUNTED_ROW = re.compile(r"^\s*(UPDATE|DELETE FROM) (posts|conditions|questions)\b")


@pytest.fixture
def wren_in_two_communities(app, database_kind) -> list[int]:
    """wren's published experiences in Asthma and in Lupus; a moderator."""
    if database_kind != "postgresql":
        pytest.skip("SQLite lets one writer in at a time, and has no row locks to order")
    community = make_community(app)
    with app.app_context():
        lupus = db.session.scalar(select(Condition.id).where(Condition.slug == "lupus"))
    make_membership(app, community.wren, lupus)
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    return [
        make_post(app, community.wren, question_id=community.question_id, text="Asthma."),
        make_post(app, community.wren, question_id=make_question(app, lupus), text="Lupus."),
    ]


def _remove_both_in_bulk(posts: list[int]) -> None:
    selected = [Selected(post_id, post_version(db.session.get(Post, post_id))) for post_id in posts]
    decide_selected(find_by_username("mod_ada"), "remove", selected, "Off topic.")


def _clean_up_after_wren(posts: list[int]) -> None:
    remove_all_and_suspend(find_by_username("mod_ada"), find_by_username("wren"), "Spam.")


def _delete_wren(posts: list[int]) -> None:
    delete_account(find_by_username("wren"), PostsChoice.REMOVE)


CHANGES_OF_MANY = {
    "bulk decision": _remove_both_in_bulk,
    "clean-up": _clean_up_after_wren,
    "account deleted": _delete_wren,
}


@pytest.mark.parametrize("change", CHANGES_OF_MANY, ids=CHANGES_OF_MANY.keys())
def test_a_change_of_many_posts_locks_every_row_first_in_order(
    app, wren_in_two_communities, change
):
    with app.app_context():
        with count_queries(app) as statements:
            CHANGES_OF_MANY[change](wren_in_two_communities)
        db.session.commit()
        assert {db.session.get(Post, post_id).state for post_id in wren_in_two_communities} in (
            {PostState.REMOVED},
            {PostState.DELETED},
        )

    locks = [_locked_table(statement) for statement in statements]
    first_write = next(
        index
        for index, statement in enumerate(statements)
        if WRITE_OF_A_COUNTED_ROW.match(statement)
    )
    taken_first = [table for table in locks[:first_write] if table]
    assert taken_first[-3:] == ["posts", "conditions", "questions"]


def _locked_table(statement: str) -> str | None:
    found = re.match(r"^\s*SELECT\s.*?\sFROM\s+(\w+)\b.*\sFOR UPDATE\s*$", statement, re.DOTALL)
    return found.group(1) if found else None
