"""Tell members what happened to their posts and the questions they follow.

Each notification is written in the transaction of the event it tells of, with its mail
when the member chose "immediately" for its kind: both exist if and only if the event does.
Nobody is told of their own doing, nor of a post they cannot see. The sentences are the
caller's: posts pass the words of their action table, so this package depends on no feature.
"""

from dataclasses import dataclass

from flask import current_app, has_request_context
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import joinedload

from community.extensions import db
from community.mail.services import KINDS, external_url, mail_choice, queue_mail, unsubscribe_token
from community.models import (
    MailChoice,
    Notification,
    Post,
    PostKind,
    PostState,
    Question,
    QuestionFollow,
    User,
    utcnow,
)

REPLY = "reply"
MODERATION = "moderation"
FOLLOWED_QUESTION = "followed_question"
PER_PAGE = 20


def visible_to_recipient():
    """Notifications whose post the recipient can still see.

    A moderator's decision is about the recipient's own post, which they always see on
    /account; a reply or an experience only while it is published.
    """
    # One lookup of each notification's post by its id: ``post_id IN (published posts)``
    # had PostgreSQL read the id of every published post, a million of them, once there
    # were notifications to count.
    published = (
        select(Post.id)
        .where(Post.id == Notification.post_id, Post.state == PostState.APPROVED)
        .correlate(Notification)
        .exists()
    )
    return or_(Notification.kind == MODERATION, published)


# --- Writing them, with the event -------------------------------------------------------


def post_published(post: Post) -> None:
    """Tell the parent's author of a reply, and a question's followers of an experience.

    Called once, when the post is first published (on approval, or at once for a trusted
    author); a post restored after removal was told of already.
    """
    if post.kind is PostKind.REPLY:
        parent_author = db.session.scalar(select(Post.author_id).where(Post.id == post.parent_id))
        recipients = [parent_author] if parent_author is not None else []
        kind = REPLY
    else:
        recipients = list(
            db.session.scalars(
                select(QuestionFollow.user_id).where(QuestionFollow.question_id == post.question_id)
            )
        )
        kind = FOLLOWED_QUESTION
    for recipient_id in recipients:
        if recipient_id != post.author_id:
            _notify(recipient_id, kind, post, actor_id=post.author_id)


def post_decided(post: Post, action: str, actor: User | None, sentence: str) -> None:
    """Tell a post's author of a decision about it (``sentence`` is what they read)."""
    if post.author_id is None or (actor is not None and actor.id == post.author_id):
        return
    _notify(
        post.author_id,
        MODERATION,
        post,
        actor_id=actor.id if actor else None,
        action=action,
        sentence=sentence,
    )


def _notify(
    recipient_id: int,
    kind: str,
    post: Post,
    *,
    actor_id: int | None,
    action: str | None = None,
    sentence: str | None = None,
) -> Notification:
    recipient = db.session.get(User, recipient_id)
    notification = Notification(
        recipient_id=recipient_id,
        kind=kind,
        action=action,
        post_id=post.id,
        question_id=post.question_id,
        actor_id=actor_id,
        created_at=utcnow(),
    )
    db.session.add(notification)
    choice = mail_choice(recipient, kind)
    if choice is MailChoice.IMMEDIATELY and can_link_from_mail():
        question = db.session.get(Question, post.question_id)
        text = sentence or default_sentence(kind, question.title)
        queue_mail(
            recipient.email,
            "notice",
            {"title": text, "text": text, "link": external_url("accounts.notifications_list")},
            kind=kind,
            user=recipient,
        )
    if choice is not MailChoice.DAILY:
        notification.mailed_at = notification.created_at
    db.session.flush()
    return notification


def can_link_from_mail() -> bool:
    """Whether a mail's links can be built here: in a request, or with the site's address set.

    Posts written outside any request (demo content, imports) notify in the site only.
    """
    config = current_app.config
    return has_request_context() or bool(config["COMMUNITY_BASE_URL"] or config["SERVER_NAME"])


def default_sentence(kind: str, question_title: str) -> str:
    """How a reply or a followed question's new experience reads, in the site and in mail."""
    if kind == REPLY:
        return f"Someone replied to your post on “{question_title}”"
    return f"A new experience was shared on “{question_title}”"


# --- Reading them -------------------------------------------------------------------------


def unread_count(member: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(
            Notification.recipient_id == member.id,
            Notification.read_at.is_(None),
            visible_to_recipient(),
        )
    )


def notifications_page(member: User, page: int):
    """One page of the member's notifications, newest first, posts and questions loaded."""
    return db.paginate(
        select(Notification)
        .options(
            joinedload(Notification.post),
            joinedload(Notification.question).joinedload(Question.condition),
        )
        .where(Notification.recipient_id == member.id, visible_to_recipient())
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        page=page,
        per_page=PER_PAGE,
        error_out=False,
    )


def mark_read(member: User, ids: list[int]) -> None:
    """Mark these notifications of the member read (the ones a page just showed)."""
    if ids:
        db.session.execute(
            update(Notification)
            .where(
                Notification.recipient_id == member.id,
                Notification.id.in_(ids),
                Notification.read_at.is_(None),
            )
            .values(read_at=utcnow())
        )
        db.session.flush()


def mark_all_read(member: User) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.recipient_id == member.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.flush()


# --- Following questions ------------------------------------------------------------------


def is_following(member: User, question: Question) -> bool:
    return db.session.get(QuestionFollow, (member.id, question.id)) is not None


def follow(member: User, question: Question) -> None:
    """Follow the question; following it twice is following it."""
    if not is_following(member, question):
        db.session.add(QuestionFollow(user_id=member.id, question_id=question.id))
        db.session.flush()


def unfollow(member: User, question: Question) -> None:
    db.session.execute(
        delete(QuestionFollow).where(
            QuestionFollow.user_id == member.id, QuestionFollow.question_id == question.id
        )
    )
    db.session.flush()


def forget_notifications_of(member: User) -> None:
    """Remove what the member was told and what they follow (their account is going)."""
    db.session.execute(delete(Notification).where(Notification.recipient_id == member.id))
    db.session.execute(delete(QuestionFollow).where(QuestionFollow.user_id == member.id))
    db.session.flush()


# --- Daily digests ------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestGroup:
    kind: str
    label: str
    sentences: list[str]
    unsubscribe_url: str


def send_digests(sentence_of) -> int:
    """Mail each member one digest of their notifications waiting for it; return how many.

    Only kinds the member has on "daily digest" now are mailed; the others are settled
    (the member changed their mind since). ``sentence_of(notification)`` words each one.
    """
    if not can_link_from_mail():
        raise RuntimeError("Set COMMUNITY_BASE_URL: digests link to the site.")
    waiting = list(
        db.session.scalars(
            select(Notification)
            .options(joinedload(Notification.question), joinedload(Notification.post))
            .where(Notification.mailed_at.is_(None))
            .order_by(Notification.recipient_id, Notification.created_at, Notification.id)
        )
    )
    by_member: dict[int, list[Notification]] = {}
    for notification in waiting:
        by_member.setdefault(notification.recipient_id, []).append(notification)
    now = utcnow()
    sent = 0
    for member_id, notifications in by_member.items():
        member = db.session.get(User, member_id)
        groups: dict[str, list[str]] = {}
        for notification in notifications:
            notification.mailed_at = now
            if mail_choice(member, notification.kind) is not MailChoice.DAILY:
                continue
            if not _still_visible(notification):
                continue
            groups.setdefault(notification.kind, []).append(sentence_of(notification))
        if groups:
            _queue_digest(member, groups)
            sent += 1
    db.session.flush()
    return sent


def _still_visible(notification: Notification) -> bool:
    return notification.kind == MODERATION or (
        notification.post is not None and notification.post.state is PostState.APPROVED
    )


def _queue_digest(member: User, groups: dict[str, list[str]]) -> None:
    listed = [
        DigestGroup(
            kind,
            KINDS[kind].label,
            sentences,
            external_url("mail.unsubscribe", token=unsubscribe_token(member, kind)),
        )
        for kind, sentences in sorted(groups.items(), key=lambda item: list(KINDS).index(item[0]))
    ]
    # The headers' one-click unsubscribe can name one kind only: a digest of several
    # carries a link per kind in its body instead.
    queue_mail(
        member.email,
        "digest",
        {"groups": listed, "link": external_url("accounts.notifications_list")},
        kind=listed[0].kind if len(listed) == 1 else None,
        user=member,
    )
