"""Reviewer profiles, and the lifecycle table that every page and service reads."""

import pytest
from sqlalchemy import func, select

from community.accounts.services import find_by_username
from community.editorial import services
from community.editorial.lifecycle import LIFECYCLE, RevisionAction, available_actions
from community.editorial.reviewers import ProfileRefused, reviewer_profile, save_reviewer_profile
from community.extensions import db
from community.models import ReviewerProfile, RevisionState, Role
from tests.editorial.helpers import make_desk, sign_off, write_revision
from tests.factories import make_user


def test_profile_needs_name_credentials_and_specialty(app):
    make_user(app, "dr_new", roles=(Role.REVIEWER,))
    with app.app_context():
        user = find_by_username("dr_new")
        with pytest.raises(ProfileRefused, match="Credentials is required"):
            save_reviewer_profile(user, full_name="Dr. New", credentials=" ", specialty="Skin")
        with pytest.raises(ProfileRefused, match="at most 200"):
            save_reviewer_profile(user, full_name="x" * 201, credentials="MD", specialty="Skin")
        assert reviewer_profile(user) is None


def test_reviewer_profile_command_saves_and_updates_a_profile(app, runner):
    make_user(app, "dr_new", roles=(Role.REVIEWER,))
    make_user(app, "plain")
    args = ["reviewer-profile", "dr_new", "--full-name", "Dr. New", "--specialty", "Skin"]

    first = runner.invoke(args=[*args, "--credentials", "MD"])
    second = runner.invoke(args=[*args, "--credentials", "MD, PhD"])
    refused = runner.invoke(
        args=["reviewer-profile", "plain", "--full-name", "P", "--credentials", "MD",
              "--specialty", "Skin"]
    )  # fmt: skip

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert refused.exit_code == 1 and "does not have the reviewer role" in refused.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewerProfile)) == 1
        assert reviewer_profile(find_by_username("dr_new")).credentials == "MD, PhD"


def test_no_action_is_offered_once_a_revision_is_published(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    with app.app_context():
        found = services.get_revision(revision)
        reviewer, editor = find_by_username("reviewer"), find_by_username("editor")
        assert available_actions(reviewer, found) == [
            RevisionAction.SIGN_OFF,
            RevisionAction.REQUEST_CHANGES,
        ]
        assert available_actions(editor, found) == [
            RevisionAction.SAVE_DRAFT,
            RevisionAction.SUBMIT,
        ]
    sign_off(app, revision)
    with app.app_context():
        found = services.get_revision(revision)
        assert found.state is RevisionState.PUBLISHED
        for username in ("reviewer", "editor", "second_reviewer"):
            assert available_actions(find_by_username(username), found) == []


def test_the_table_says_only_a_sign_off_publishes_and_only_returns_need_a_reason():
    publishing = [a for a, step in LIFECYCLE.items() if step.to_state is RevisionState.PUBLISHED]
    assert publishing == [RevisionAction.SIGN_OFF]
    assert [a for a, step in LIFECYCLE.items() if step.reason_required] == [
        RevisionAction.REQUEST_CHANGES
    ]
