"""Write the demo content idempotently: every run leaves the same rows, counts exact."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from community import memberships
from community.accounts import services as accounts
from community.demo import content, summaries
from community.editorial import suggestions as editorial_suggestions
from community.editorial.summary_files import SummaryFile
from community.extensions import db
from community.models import (
    Condition,
    HelpedMark,
    ModerationEvent,
    Notification,
    Post,
    PostKind,
    Question,
    QuestionSuggestion,
    Relation,
    Report,
    ReportReason,
    Role,
    User,
    utcnow,
)
from community.moderation import services as moderation
from community.posts import helped, reports
from community.posts import services as posts
from community.suggestions import services as suggestions
from community.text import render_markdown

# The demo accounts' shared password is public on purpose: the README gives it.
DEMO_PASSWORD = "demo-password-2026"  # nosec B105
DEMO_MODERATOR = "demo_moderator"
DEMO_ADMIN = "demo_admin"
REJECTION_REASON = "Not a first-person experience, or makes claims we cannot publish."
REMOVAL_REASON = "Removed after review: promotes an unproven treatment."
# Staff accounts predate the oldest summary review in the demo.
STAFF_SINCE = timedelta(days=3 * 365)


@dataclass
class SeedResult:
    conditions: int = 0
    questions: int = 0
    members: int = 0
    posts: int = 0


def seed_demo() -> SeedResult:
    """Create whatever part of the demo content is missing; change nothing that exists."""
    result = SeedResult()
    demo = content.load()
    clock = _DemoClock(len(demo.stories))
    staff_since = clock.now - STAFF_SINCE

    def staff(name: str, roles: tuple[Role, ...]) -> User:
        return _user(name, roles, result, since=staff_since)

    moderator = staff(DEMO_MODERATOR, (Role.MODERATOR,))
    staff(DEMO_ADMIN, (Role.ADMIN,))
    editor, reviewers = summaries.seed_people(staff)
    questions: dict[tuple[str, str], Question] = {}
    for position, spec in enumerate(demo.conditions):
        condition = _condition(spec, result, since=staff_since)
        for index, question_slug in enumerate(spec.questions):
            summary = demo.summaries[spec.slug, question_slug]
            question = _question(
                condition, summary, position * 10 + index, result, since=staff_since
            )
            summaries.seed_summary(question, summary, editor, reviewers)
            questions[spec.slug, question_slug] = question
    # Members joined on the days before the first post, one a day, in the demo's order.
    members = {
        spec.username: _member(
            spec, result, joined=clock.start - timedelta(days=len(demo.members) - number)
        )
        for number, spec in enumerate(demo.members)
    }
    for story in demo.stories:
        question = questions[story.condition, story.question]
        _story(story, question, None, members, moderator, clock, result)
    _suggestions(editor)
    db.session.flush()
    return result


# Questions a demo member suggested: one an editor declined (with the reason the member
# reads on /account), one waiting on the editorial dashboard.
SUGGESTIONS = (
    (
        "marisol_k",
        "primary-immunodeficiency",
        "Which vaccines are safe for me?",
        "Which vaccines suit you depends on your kind of immunodeficiency: ask your "
        "immunologist. We cover vaccines under “How is primary immunodeficiency treated?”.",
    ),
    ("marisol_k", "primary-immunodeficiency", "How do you cope with infections at work?", None),
)


def _suggestions(editor: User) -> None:
    """The demo's suggested questions, each written once."""
    for username, condition_slug, title, decline_reason in SUGGESTIONS:
        author = accounts.find_by_username(username)
        condition = db.session.scalar(select(Condition).where(Condition.slug == condition_slug))
        exists = db.session.scalar(
            select(QuestionSuggestion.id).where(
                QuestionSuggestion.author_id == author.id, QuestionSuggestion.title == title
            )
        )
        if exists is not None:
            continue
        suggestion = suggestions.suggest(author, condition, title)
        if decline_reason is not None:
            editorial_suggestions.decline(
                editor, suggestions.get_suggestion(suggestion.id), decline_reason
            )


def _user(username: str, roles: tuple[Role, ...], result: SeedResult, *, since: datetime) -> User:
    existing = accounts.find_by_username(username)
    if existing:
        return existing
    result.members += 1
    user = accounts.create_user(
        username, f"{username}@example.org", DEMO_PASSWORD, roles, verified=True
    )
    # Confirmed on the day the account was made, as a new member does.
    user.created_at = user.email_verified_at = since
    return user


def _condition(spec: content.Condition, result: SeedResult, *, since: datetime) -> Condition:
    condition = db.session.scalar(select(Condition).where(Condition.slug == spec.slug))
    if condition is not None and not condition.synonyms and spec.synonyms:
        # A demo seeded before conditions had synonyms gets them.
        condition.synonyms = list(spec.synonyms)
    if condition is None:
        condition = Condition(
            slug=spec.slug,
            name=spec.name,
            about_markdown=spec.about_markdown,
            about_html=render_markdown(spec.about_markdown, editorial=True),
            synonyms=list(spec.synonyms),
            # Made by the staff before they wrote its summaries and members joined it.
            created_at=since,
        )
        db.session.add(condition)
        db.session.flush()
        result.conditions += 1
    return condition


def _question(
    condition: Condition,
    summary: SummaryFile,
    position: int,
    result: SeedResult,
    *,
    since: datetime,
) -> Question:
    """The question a summary file is about, titled as the file says."""
    question = db.session.scalar(
        select(Question).where(
            Question.condition_id == condition.id, Question.slug == summary.question
        )
    )
    if question is None:
        question = Question(
            condition_id=condition.id,
            slug=summary.question,
            title=summary.question_title,
            position=position,
            created_at=since,
        )
        db.session.add(question)
        db.session.flush()
        result.questions += 1
    return question


def _member(spec: content.Member, result: SeedResult, *, joined: datetime) -> User:
    """The member's account and memberships; a new member signed up and joined on ``joined``."""
    new = accounts.find_by_username(spec.username) is None
    user = _user(spec.username, (), result, since=joined)
    for condition_slug, relation in spec.relations:
        condition_id = db.session.scalar(
            select(Condition.id).where(Condition.slug == condition_slug)
        )
        membership = memberships.join(
            user, db.session.get(Condition, condition_id), Relation(relation)
        )
        if new:
            membership.created_at = joined
    db.session.flush()
    return user


class _DemoClock:
    """Spread the demo's posts over past weeks, oldest first, so dates look lived-in."""

    def __init__(self, stories: int) -> None:
        self.now = utcnow()
        self.step = timedelta(hours=7)
        self.start = self.next = self.now - self.step * (stories * 4)

    def tick(self) -> datetime:
        self.next += self.step
        return self.next


# The moderator's decisions that bring a story to its state, as the review page takes them.
STATE_DECISIONS = {
    "approved": (("approve", None),),
    # Published, then reported by members: once ("reported"), or enough to hide it.
    "reported": (("approve", None),),
    "hidden": (("approve", None),),
    "pending": (),
    "rejected": (("reject", REJECTION_REASON),),
    "removed": (("approve", None), ("remove", REMOVAL_REASON)),
}


def _story(
    story: content.Story,
    question: Question,
    parent: Post | None,
    members: dict[str, User],
    moderator: User,
    clock: _DemoClock,
    result: SeedResult,
) -> None:
    author = members[story.author]
    post = _existing_post(question, parent, author, story.text)
    if post is None:
        if parent is None:
            post = posts.create_experience(author, question, story.text)
        else:
            post = posts.create_reply(author, parent, story.text)
        post.created_at = post.updated_at = clock.tick()
        decided = post.created_at
        approved = None
        for verb, reason in STATE_DECISIONS[story.state]:
            decide = moderation.DECISIONS[verb]
            decide(moderator, post, seen_version=moderation.post_version(post), reason=reason)
            decided += timedelta(hours=1)
            if verb == "approve":
                approved = decided
        for reporter in _reporters(story, members)[: STATE_REPORTS.get(story.state, 0)]:
            reports.file_report(reporter, post, ReportReason.MISINFORMATION)
        # What happened to the post happened within hours of it, not on the day of seeding.
        _backdate(post, decided, approved)
        result.posts += 1
    _helped_marks(story, post, members)
    for reply in story.replies:
        _story(reply, question, post, members, moderator, clock, result)


def _helped_marks(story: content.Story, post: Post, members: dict[str, User]) -> None:
    """The members the story names mark it as helpful, an hour apart after it was published."""
    for hours, username in enumerate(story.helped_by, start=1):
        member = members[username]
        if not helped.mark_helped(member, post):
            continue  # marked by an earlier seeding
        db.session.flush()
        db.session.execute(
            update(HelpedMark)
            .where(HelpedMark.user_id == member.id, HelpedMark.post_id == post.id)
            .values(created_at=post.approved_at + timedelta(hours=hours))
            .execution_options(synchronize_session=False)
        )


STATE_REPORTS = {"reported": 1, "hidden": reports.HIDE_AFTER_REPORTS}


def _backdate(post: Post, decided: datetime, approved: datetime | None) -> None:
    """Date the post's publication, last change, audit entries, reports and the notifications
    about it by the time its decisions were taken."""
    db.session.flush()
    db.session.execute(
        update(Post)
        .where(Post.id == post.id)
        .values(updated_at=decided, approved_at=approved)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(post, "updated_at", decided)
    set_committed_value(post, "approved_at", approved)
    db.session.execute(
        update(Notification)
        .where(Notification.post_id == post.id)
        .values(created_at=decided)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(Notification)
        .where(Notification.post_id == post.id, Notification.mailed_at.is_not(None))
        .values(mailed_at=decided)
        .execution_options(synchronize_session=False)
    )
    for model in (ModerationEvent, Report):
        db.session.execute(
            update(model)
            .where(model.post_id == post.id)
            .values(created_at=decided)
            .execution_options(synchronize_session=False)
        )


def _reporters(story: content.Story, members: dict[str, User]) -> list[User]:
    """The other members of the story's community, in the demo's order."""
    return [
        members[spec.username]
        for spec in content.load().members
        if spec.username != story.author
        and any(condition == story.condition for condition, _ in spec.relations)
    ]


def _existing_post(question: Question, parent: Post | None, author: User, text: str) -> Post | None:
    query = select(Post).where(Post.question_id == question.id, Post.author_id == author.id)
    if parent is None:
        query = query.where(Post.kind == PostKind.EXPERIENCE)
    else:
        query = query.where(Post.parent_id == parent.id, Post.body_markdown == text)
    return db.session.scalar(query.limit(1))
