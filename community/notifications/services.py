"""Tell members what happened to their posts and the questions they follow.

Each notification is written in the transaction of the event it tells of, with its mail
when the member chose "immediately" for its kind: both exist if and only if the event does.
Nobody is told of their own doing, nor of a post they cannot see. The sentences are the
caller's: posts pass the words of their action table, so this package depends on no feature.
"""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from flask import has_request_context, url_for
from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload

from community.canonical import canonical_url, site_links
from community.database import insert_unless_duplicate
from community.extensions import db
from community.mail.services import (
    KINDS,
    external_url,
    mail_choice,
    queue_mail,
    unsubscribe_token,
)
from community.models import (
    DigestDay,
    MailChoice,
    Notification,
    Post,
    PostKind,
    PostState,
    Question,
    QuestionFollow,
    QuestionSuggestion,
    User,
    utcnow,
)
from community.post_location import post_path

REPLY = "reply"
MODERATION = "moderation"
FOLLOWED_QUESTION = "followed_question"
SUGGESTION = "suggestion"
# Kinds about the recipient's own doing, which they may always read about.
ABOUT_OWN = (MODERATION, SUGGESTION)
PER_PAGE = 20


def visible_to_recipient():
    """Notifications whose post the recipient can still see.

    A moderator's decision is about the recipient's own post, and an editor's answer about
    their own suggestion, which they always see on /account; a reply or an experience only
    while it is published.
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
    return or_(Notification.kind.in_(ABOUT_OWN), published)


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


def suggestion_answered(
    suggestion: QuestionSuggestion, action: str, editor: User, sentence: str
) -> Notification | None:
    """Tell a member an editor answered the question they suggested (``sentence`` is what
    they read; it leads to the question it became, or to their account page)."""
    if editor.id == suggestion.author_id:
        return None
    notification = Notification(
        recipient_id=suggestion.author_id,
        kind=SUGGESTION,
        action=action,
        suggestion_id=suggestion.id,
        question_id=suggestion.question_id,
        actor_id=editor.id,
        created_at=utcnow(),
    )
    return _deliver(notification, lambda: sentence, lambda: suggestion_path(suggestion.question_id))


def suggestion_path(question_id: int | None) -> str:
    """Where an answer to a suggestion is read: the question it became, or /account."""
    question = db.session.get(Question, question_id) if question_id is not None else None
    if question is not None:
        return url_for("conditions.question", slug=question.condition.slug, qslug=question.slug)
    return url_for("accounts.account") + "#your-suggestions"


def _notify(
    recipient_id: int,
    kind: str,
    post: Post,
    *,
    actor_id: int | None,
    action: str | None = None,
    sentence: str | None = None,
) -> Notification:
    notification = Notification(
        recipient_id=recipient_id,
        kind=kind,
        action=action,
        post_id=post.id,
        question_id=post.question_id,
        actor_id=actor_id,
        created_at=utcnow(),
    )

    def text() -> str:
        question = db.session.get(Question, post.question_id)
        return sentence or default_sentence(kind, question.title)

    return _deliver(notification, text, lambda: where_to_read(post, recipient_id))


def _deliver(notification: Notification, text, path) -> Notification:
    """Store the notification, and mail it now if its recipient chose "immediately";
    ``text()`` and ``path()`` word it and say where it is read. Written with what the
    transaction writes next: one INSERT, mailed or not."""
    choice = mail_choice(notification.recipient_id, notification.kind)
    if choice is MailChoice.IMMEDIATELY and mails_at_once():
        recipient = db.session.get(User, notification.recipient_id)
        words = text()
        queue_mail(
            recipient.email,
            "notice",
            {"title": words, "text": words, "link": canonical_url(path())},
            kind=notification.kind,
            user=recipient,
        )
    if choice is not MailChoice.DAILY:
        notification.mailed_at = notification.created_at
    db.session.add(notification)
    return notification


def mails_at_once() -> bool:
    """Whether a notification is mailed as it is written: when a request writes it.

    Posts written outside any request (demo content, imports) notify in the site only:
    nobody is mailed about content loaded in bulk.
    """
    return has_request_context()


def where_to_read(post: Post | None, recipient_id: int) -> str:
    """The path a notification about ``post`` leads its recipient to.

    The post in its thread, on the page of its question that shows it to them; a post the
    page does not show them (a rejected or removed one of theirs) is read on /account,
    with the moderator's decision.
    """
    shown = post is not None and (
        post.state is PostState.APPROVED
        or (post.state is PostState.PENDING and post.author_id == recipient_id)
    )
    return post_path(post, recipient_id) if shown else url_for("accounts.account")


def leads_to(notification: Notification) -> str:
    """The path opening ``notification`` leads its recipient to."""
    if notification.kind == SUGGESTION:
        return suggestion_path(notification.question_id)
    return where_to_read(notification.post, notification.recipient_id)


def default_sentence(kind: str, question_title: str) -> str:
    """How a reply or a followed question's new experience reads, in the site and in mail."""
    if kind == REPLY:
        return f"Someone replied to your post on “{question_title}”"
    return f"A new experience was shared on “{question_title}”"


# --- Reading them -------------------------------------------------------------------------


def unread_count(member: User) -> int:
    return db.session.scalar(_unread_count_statement(), {"member_id": member.id})


@cache
def _unread_count_statement():
    """Built once: the header reads it on every page a member opens."""
    return (
        select(func.count())
        .select_from(Notification)
        .where(
            Notification.recipient_id == bindparam("member_id"),
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
            joinedload(Notification.suggestion),
        )
        .where(Notification.recipient_id == member.id, visible_to_recipient())
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        page=page,
        per_page=PER_PAGE,
        error_out=False,
    )


def open_notification(member: User, notification_id: int) -> str | None:
    """Mark one of the member's notifications read; return the path it leads to.

    None when it is not theirs, or tells of a post they can no longer see.
    """
    notification = db.session.scalar(
        select(Notification)
        .options(joinedload(Notification.post), joinedload(Notification.suggestion))
        .where(
            Notification.id == notification_id,
            Notification.recipient_id == member.id,
            visible_to_recipient(),
        )
    )
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return leads_to(notification)


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
        # Followed a moment ago in another request (a second click): followed all the same.
        insert_unless_duplicate(QuestionFollow(user_id=member.id, question_id=question.id))


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
    db.session.execute(delete(DigestDay).where(DigestDay.user_id == member.id))
    db.session.flush()


# --- Daily digests ------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestLine:
    sentence: str
    link: str


@dataclass(frozen=True)
class DigestGroup:
    kind: str
    label: str
    lines: list[DigestLine]
    unsubscribe_url: str


def send_digests(sentence_of, now: datetime | None = None) -> int:
    """Mail each member one digest of their notifications waiting for it; return how many.

    A member gets one digest a day at most, however many senders run this at once (the
    delivery loop of each worker, cron): each member's day is claimed in the database
    before their digest is queued, in the same transaction, which the caller commits.
    Notifications coming later that day wait for the next. Only kinds the member has on
    "daily digest" now are mailed; the others are settled (the member changed their mind
    since). ``sentence_of(notification)`` words each one.
    """
    now = now or utcnow()
    today = now.date()
    waiting_for = list(
        db.session.scalars(
            select(Notification.recipient_id)
            .distinct()
            .where(
                Notification.mailed_at.is_(None),
                Notification.recipient_id.not_in(
                    select(DigestDay.user_id).where(DigestDay.sent_on >= today)
                ),
            )
            .order_by(Notification.recipient_id)
        )
    )
    sent = 0
    with site_links():
        for member_id in waiting_for:
            if claim_digest_day(member_id, today) and _digest(member_id, now, sentence_of):
                sent += 1
    db.session.flush()
    return sent


def claim_digest_day(member_id: int, today: date) -> bool:
    """Take today's digest of the member for this sender, unless another took it already.

    Compare-and-set on the member's digest day: a sender racing for it waits for this
    transaction to end, then finds the day taken (on SQLite, writers take turns).
    """
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    first = db.session.execute(
        dialect.insert(DigestDay)
        .values(user_id=member_id, sent_on=today)
        .on_conflict_do_nothing(index_elements=["user_id"])
        .returning(DigestDay.user_id)
    )
    if first.first() is not None:
        return True
    later = db.session.execute(
        update(DigestDay)
        .where(DigestDay.user_id == member_id, DigestDay.sent_on < today)
        .values(sent_on=today)
        .execution_options(synchronize_session=False)
    )
    return later.rowcount == 1


def _digest(member_id: int, now: datetime, sentence_of) -> bool:
    """Queue the member's digest of what waits for it; False if nothing is left to mail."""
    member = db.session.get(User, member_id)
    waiting = db.session.scalars(
        select(Notification)
        .options(
            joinedload(Notification.question),
            joinedload(Notification.post),
            joinedload(Notification.suggestion),
        )
        .where(Notification.recipient_id == member_id, Notification.mailed_at.is_(None))
        .order_by(Notification.created_at, Notification.id)
    )
    groups: dict[str, list[DigestLine]] = {}
    for notification in waiting:
        notification.mailed_at = now
        if mail_choice(member.id, notification.kind) is not MailChoice.DAILY:
            continue
        if not _still_visible(notification):
            continue
        link = canonical_url(leads_to(notification))
        groups.setdefault(notification.kind, []).append(DigestLine(sentence_of(notification), link))
    if groups:
        _queue_digest(member, groups)
    return bool(groups)


def _still_visible(notification: Notification) -> bool:
    return notification.kind in ABOUT_OWN or (
        notification.post is not None and notification.post.state is PostState.APPROVED
    )


def _queue_digest(member: User, groups: dict[str, list[DigestLine]]) -> None:
    listed = [
        DigestGroup(
            kind,
            KINDS[kind].label,
            lines,
            external_url("mail.unsubscribe", token=unsubscribe_token(member, kind)),
        )
        for kind, lines in sorted(groups.items(), key=lambda item: list(KINDS).index(item[0]))
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
