"""Rules for writing posts and moving them through their states.

Services change the session and ``flush()``; the caller (a request, a CLI command)
commits once.
"""

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import BindParameter, Select, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from community import counts
from community.database import is_unique_violation
from community.extensions import db
from community.memberships import membership_of
from community.models import (
    Appeal,
    AppealStatus,
    Condition,
    HelpedMark,
    ModerationEvent,
    Post,
    PostKind,
    PostState,
    Question,
    Report,
    User,
    path_segment,
    utcnow,
)
from community.notifications import services as notifications
from community.page_cache import erase_cached_pages
from community.permissions import can_reply_to
from community.posts.audit import record_event
from community.posts.states import PostAction, TransitionRefused, next_state
from community.safety.words import Screening, screen
from community.text import (
    find_personal_information,
    forget_searched_texts,
    member_source,
    render_markdown,
)

# What the audit log shows in place of the text of a post its author deleted.
DELETED_TEXT = "[deleted by author]"


class PostingRefused(Exception):
    """The member may not write this post; the message says why, for them."""

    status = 403
    # The member's experience that stands in the way of a second one, to link to.
    existing_id: int | None = None


class DuplicateExperience(PostingRefused):
    """A member shares one experience per question."""

    status = 409

    def __init__(self, existing_id: int) -> None:
        super().__init__("You have already shared your experience on this question.")
        self.existing_id = existing_id


class WordRefused(PostingRefused):
    """The text holds a word admins block; nothing is stored, the author rewords it."""

    status = 422

    def __init__(self, words: list[str]) -> None:
        listed = ", ".join(f"“{word}”" for word in words)
        super().__init__(
            f"Your post contains {listed}, which this community does not allow. "
            "Please reword it and send it again; your text is kept below."
        )
        self.words = words


def screened(markdown: str) -> Screening:
    """Look for watched words and crisis phrases; refuse the text if it holds a blocked word."""
    screening = screen(markdown)
    if screening.blocked_by:
        raise WordRefused(screening.blocked_by)
    return screening


class PostChanged(PostingRefused):
    """The post left the state the author saw, e.g. a moderator decided in the meantime."""

    status = 409


class AlreadyDecided(TransitionRefused):
    """Another request moved or changed the post after it was read; nothing was written."""

    def __init__(self, state: PostState, action: PostAction) -> None:
        message = f"This post was already decided or changed meanwhile: it is {state.value} now."
        super().__init__(state, action, message)


def personal_information_of(markdown: str) -> list[dict]:
    """The personal information in ``markdown``, as stored on the post for moderators."""
    return [
        {"kind": found.kind, "text": found.text, "start": found.start, "end": found.end}
        for found in find_personal_information(markdown)
    ]


def own_experience(question_id: int | BindParameter, author_id: int | BindParameter) -> Select:
    """Select the id of the member's experience on the question, unless they deleted it."""
    return select(Post.id).where(
        Post.question_id == question_id,
        Post.author_id == author_id,
        Post.kind == PostKind.EXPERIENCE,
        Post.state != PostState.DELETED,
    )


def involved_in(question_id: int | BindParameter, user_id: int | BindParameter):
    """Whether the member wrote, reported or found helpful any post on the question, in
    any state: what makes their reading of its threads theirs alone. An expression."""
    wrote = select(Post.id).where(Post.question_id == question_id, Post.author_id == user_id)
    reported = (
        select(Report.id)
        .join(Post, Post.id == Report.post_id)
        .where(Report.reporter_id == user_id, Post.question_id == question_id)
    )
    found_helpful = (
        select(HelpedMark.post_id)
        .join(Post, Post.id == HelpedMark.post_id)
        .where(HelpedMark.user_id == user_id, Post.question_id == question_id)
    )
    return or_(wrote.exists(), reported.exists(), found_helpful.exists())


def find_question(condition_slug: str, question_slug: str) -> Question | None:
    """Return the question at this address with its condition loaded, in one query.

    The one lookup of a question by its slugs: the condition pages, the API and sharing
    all use it (posts sit below the condition pages, so it lives here).
    """
    return db.session.scalar(
        select(Question)
        .join(Question.condition)
        .options(contains_eager(Question.condition))
        .where(Condition.slug == condition_slug, Question.slug == question_slug)
    )


def own_experience_id(author: User, question: Question) -> int | None:
    return db.session.scalar(own_experience(question.id, author.id))


def _require_membership(author: User, subject: Question | Post) -> None:
    if membership_of(author, subject.condition_id) is None:
        # The condition's name is loaded only to say no.
        raise PostingRefused(f"Join the {subject.condition.name} community to share and reply.")


def share_experience(author: User, question: Question, markdown: str) -> Post:
    """Share a member's experience: members only, one per member per question."""
    _require_membership(author, question)
    existing = own_experience_id(author, question)
    if existing is not None:
        raise DuplicateExperience(existing)
    # Read the watch lists before the savepoint opens SQLite's transaction: a transaction
    # that reads and then writes fails at once ("database is locked") if another request
    # wrote in between, where one that starts by writing waits its turn.
    screening = screened(member_source(markdown))
    try:
        with db.session.begin_nested():
            return create_experience(author, question, markdown, screening)
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        # A concurrent request stored this member's experience first.
        raise DuplicateExperience(own_experience_id(author, question)) from None


def reply_to(author: User, parent: Post, markdown: str) -> Post:
    """Reply to an approved post, as a member of its condition."""
    _require_membership(author, parent)
    if not can_reply_to(parent):
        raise PostingRefused("Only published posts can be answered.")
    return create_reply(author, parent, markdown)


def edit_post(post: Post, markdown: str) -> None:
    """Change a post's text. An approved post keeps its public text until the edit is approved."""
    markdown = member_source(markdown)
    screening = screened(markdown)
    html = render_markdown(markdown)
    common = {
        "personal_information": personal_information_of(markdown),
        "watched_words": screening.stored,
        "possible_crisis": screening.possible_crisis,
        "updated_at": utcnow(),
    }
    if post.state is PostState.PENDING and _write_if_unchanged(
        post, {"body_markdown": markdown, "body_html": html, **common}
    ):
        return
    # Approved, possibly a moment ago by a moderator: the edit waits for its own approval.
    if post.state is PostState.APPROVED and _write_if_unchanged(
        post, {"pending_markdown": markdown, "pending_html": html, **common}
    ):
        return
    raise PostChanged("This post can no longer be edited.")


def delete_own_post(post: Post, author: User) -> None:
    """Delete an author's post: its text goes for good, a placeholder keeps the thread's shape.

    Account deletion removes posts through here too, so this is the one place that knows
    every copy of a post's text: the post's versions and findings, the audit log's
    before/after texts, the notes of reports on it, its author's appeals and the cached
    pages showing it.
    """
    while post.state is not PostState.DELETED:
        try:
            apply_action(post, PostAction.DELETE, actor=author)
        except TransitionRefused:
            # A moderator moved it meanwhile (the post is reloaded): delete it from there.
            continue
    post.body_markdown = post.body_html = ""
    post.pending_markdown = post.pending_html = None
    post.personal_information = []
    post.watched_words = []
    # The log keeps who decided what and when; of the text only that it was there.
    for column in (ModerationEvent.text_before, ModerationEvent.text_after):
        db.session.execute(
            update(ModerationEvent)
            .where(ModerationEvent.post_id == post.id, column.is_not(None))
            .values({column: DELETED_TEXT})
        )
    # A reporter's note may quote the post; the report itself (who, why, when) stays.
    db.session.execute(
        update(Report).where(Report.post_id == post.id, Report.note.is_not(None)).values(note=None)
    )
    # So may the author's appeal of a decision on it (withdrawn by the deletion, as the
    # lifecycle table says); that they appealed stays.
    db.session.execute(update(Appeal).where(Appeal.post_id == post.id).values(message=DELETED_TEXT))
    db.session.flush()
    erase_cached_pages()
    forget_searched_texts()


def close_open_appeal(post: Post, by: User | None, outcome: AppealStatus) -> bool:
    """Close the post's open appeal as ``outcome``; False if none was open.

    Of two requests closing it at once, one does; the other finds it closed.
    """
    return (
        db.session.execute(
            update(Appeal)
            .where(Appeal.post_id == post.id, Appeal.status == AppealStatus.OPEN)
            .values(status=outcome, decided_at=utcnow(), decided_by_id=by.id if by else None)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )


def approved_post_count(author: User) -> int:
    """How many of the member's posts are published: what trust is earned by."""
    return db.session.scalar(
        select(func.count())
        .select_from(Post)
        .where(Post.author_id == author.id, Post.state == PostState.APPROVED)
    )


def _initial_state(author: User, screening: Screening) -> PostState:
    """New posts wait for moderation unless the author has earned trust.

    A post with a word admins want approved, or written in words of self-harm or suicide
    intent, waits whoever wrote it: a moderator reads it first.
    """
    trusted_after = current_app.config["COMMUNITY_TRUSTED_AFTER"]
    if trusted_after is None or screening.needs_approval:
        return PostState.PENDING
    return PostState.APPROVED if approved_post_count(author) >= trusted_after else PostState.PENDING


def create_experience(
    author: User, question: Question, markdown: str, screening: Screening | None = None
) -> Post:
    """Store a member's first-person experience on a question."""
    return _new_post(author, question.condition_id, question.id, None, markdown, screening)


def create_reply(author: User, parent: Post, markdown: str) -> Post:
    """Store a reply to an experience or to another reply, at any depth."""
    return _new_post(author, parent.condition_id, parent.question_id, parent, markdown)


def _new_post(
    author: User,
    condition_id: int,
    question_id: int,
    parent: Post | None,
    markdown: str,
    screening: Screening | None = None,
) -> Post:
    """Store a new post; ``screening`` is of this text, when the caller looked already."""
    markdown = member_source(markdown)
    screening = screening or screened(markdown)
    post = Post(
        condition_id=condition_id,
        question_id=question_id,
        author_id=author.id,
        parent_id=parent.id if parent else None,
        kind=PostKind.REPLY if parent else PostKind.EXPERIENCE,
        depth=parent.depth + 1 if parent else 0,
        state=_initial_state(author, screening),
        body_markdown=markdown,
        body_html=render_markdown(markdown),
        personal_information=personal_information_of(markdown),
        watched_words=screening.stored,
        possible_crisis=screening.possible_crisis,
        created_at=utcnow(),
    )
    db.session.add(post)
    db.session.flush()
    post.root_id = parent.root_id if parent else post.id
    post.path = f"{parent.path}/{path_segment(post.id)}" if parent else path_segment(post.id)
    if post.state is PostState.APPROVED:
        post.approved_at = post.created_at
    counts.record_post_state_change(post, None, post.state)
    db.session.flush()
    if post.state is PostState.APPROVED:
        notifications.post_published(post)
    return post


@dataclass(frozen=True)
class Revision:
    """A change of a post's text that goes with a moderation action, and what the log keeps."""

    values: dict[str, Any] = field(default_factory=dict)
    before: str | None = None
    after: str | None = None


def publish_text(post: Post, markdown: str) -> Revision:
    """Make ``markdown`` the post's public text, replacing any edit waiting for approval."""
    markdown = member_source(markdown)
    return Revision(
        values={
            "body_markdown": markdown,
            "body_html": render_markdown(markdown),
            "pending_markdown": None,
            "pending_html": None,
            "personal_information": personal_information_of(markdown),
        },
        before=post.pending_markdown if post.pending_markdown is not None else post.body_markdown,
        after=markdown,
    )


def publish_pending_edit(post: Post) -> Revision:
    """Make the author's edit waiting for approval the public text."""
    return Revision(
        values={
            "body_markdown": post.pending_markdown,
            "body_html": post.pending_html,
            "pending_markdown": None,
            "pending_html": None,
        },
        before=post.body_markdown,
        after=post.pending_markdown,
    )


def discard_pending_edit(post: Post) -> Revision:
    """Drop the author's edit waiting for approval; the public text stays."""
    return Revision(
        values={
            "pending_markdown": None,
            "pending_html": None,
            "personal_information": personal_information_of(post.body_markdown),
        },
        before=post.pending_markdown,
    )


def apply_action(
    post: Post,
    action: PostAction,
    *,
    actor: User | None,
    reason: str | None = None,
    revision: Revision | None = None,
) -> PostState:
    """Move ``post`` through the state machine, its counts, its open appeal and the audit
    log with it.

    Raises TransitionRefused when the action does not apply to the post's state, and
    AlreadyDecided (one of them) when a concurrent change moved the post or its text first:
    nothing is then changed or counted, and the post is reloaded as it is now.
    """
    old = post.state
    new = next_state(old, action)
    now = utcnow()
    values: dict[str, Any] = {"state": new, "updated_at": now, **(revision or Revision()).values}
    if new is PostState.APPROVED and post.approved_at is None:
        values["approved_at"] = now
    if not _write_if_unchanged(post, values):
        raise AlreadyDecided(post.state, action)
    counts.record_post_state_change(post, old, new)
    if action.rule.appeal is not None:
        close_open_appeal(post, actor, action.rule.appeal)
    if "approved_at" in values:
        notifications.post_published(post)
    if action.rule.notice:
        notifications.post_decided(post, action.value, actor, _notice(post, action, reason))
    if action.rule.logged:
        record_event(
            action.value,
            actor=actor,
            post=post,
            reason=reason,
            text_before=revision.before if revision else None,
            text_after=revision.after if revision else None,
        )
    db.session.flush()
    return new


def _notice(post: Post, action: PostAction, reason: str | None) -> str:
    """What the author reads of the action, as /account words it from the audit log."""
    rule = action.rule
    question = db.session.scalar(select(Question.title).where(Question.id == post.question_id))
    text = rule.notice.format(
        kind="experience" if post.kind is PostKind.EXPERIENCE else "reply", question=question
    )
    return f"{text}: {reason}" if rule.notice_with_reason and reason else f"{text}."


def _write_if_unchanged(post: Post, values: dict[str, Any]) -> bool:
    """Write ``values`` only if the row still has the state and text ``post`` was read with.

    A compare-and-set: of two requests changing the same post at once (two moderators
    deciding, a moderator approving while the author edits or deletes), the database lets
    one UPDATE match, so the counts move once and nobody publishes text they did not read.
    On a miss the post is reloaded, showing what won; say whether the write happened.
    """
    db.session.flush()
    result = db.session.execute(
        update(Post)
        .where(
            Post.id == post.id,
            Post.state == post.state,
            Post.body_markdown == post.body_markdown,
            Post.pending_markdown.is_not_distinct_from(post.pending_markdown),
        )
        .values(values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(post)
        return False
    for key, value in values.items():
        set_committed_value(post, key, value)
    return True
