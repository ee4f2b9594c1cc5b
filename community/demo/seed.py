"""Write the demo content idempotently: every run leaves the same rows, counts exact."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from community import memberships
from community.accounts import services as accounts
from community.demo import content, summaries
from community.extensions import db
from community.models import (
    Condition,
    Post,
    PostKind,
    Question,
    Relation,
    ReportReason,
    Role,
    User,
    utcnow,
)
from community.moderation import services as moderation
from community.posts import reports
from community.posts import services as posts
from community.text import render_markdown

# The demo accounts' shared password is public on purpose: the README gives it.
DEMO_PASSWORD = "demo-password-2026"  # nosec B105
DEMO_MODERATOR = "demo_moderator"
REJECTION_REASON = "Not a first-person experience, or makes claims we cannot publish."
REMOVAL_REASON = "Removed after review: promotes an unproven treatment."


@dataclass
class SeedResult:
    conditions: int = 0
    questions: int = 0
    members: int = 0
    posts: int = 0


def seed_demo() -> SeedResult:
    """Create whatever part of the demo content is missing; change nothing that exists."""
    result = SeedResult()
    moderator = _user(DEMO_MODERATOR, (Role.MODERATOR,), result)
    editor, reviewers = summaries.seed_people(lambda name, roles: _user(name, roles, result))
    questions: dict[tuple[str, str], Question] = {}
    for position, spec in enumerate(content.CONDITIONS):
        condition = _condition(spec, result)
        for index, question_spec in enumerate(spec.questions):
            question = _question(condition, question_spec, position * 10 + index, result)
            summaries.seed_summary(question, spec.slug, question_spec.summary, editor, reviewers)
            questions[spec.slug, question_spec.slug] = question
    members = {spec.username: _member(spec, result) for spec in content.MEMBERS}
    clock = _DemoClock(len(content.STORIES))
    for story in content.STORIES:
        question = questions[story.condition, story.question]
        _story(story, question, None, members, moderator, clock, result)
    db.session.flush()
    return result


def _user(username: str, roles: tuple[Role, ...], result: SeedResult) -> User:
    existing = accounts.find_by_username(username)
    if existing:
        return existing
    result.members += 1
    return accounts.create_user(
        username, f"{username}@example.org", DEMO_PASSWORD, roles, verified=True
    )


def _condition(spec: content.Condition, result: SeedResult) -> Condition:
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
        )
        db.session.add(condition)
        db.session.flush()
        result.conditions += 1
    return condition


def _question(
    condition: Condition, spec: content.Question, position: int, result: SeedResult
) -> Question:
    question = db.session.scalar(
        select(Question).where(Question.condition_id == condition.id, Question.slug == spec.slug)
    )
    if question is None:
        question = Question(
            condition_id=condition.id, slug=spec.slug, title=spec.title, position=position
        )
        db.session.add(question)
        db.session.flush()
        result.questions += 1
    return question


def _member(spec: content.Member, result: SeedResult) -> User:
    user = _user(spec.username, (), result)
    for condition_slug, relation in spec.relations:
        condition_id = db.session.scalar(
            select(Condition.id).where(Condition.slug == condition_slug)
        )
        memberships.join(user, db.session.get(Condition, condition_id), Relation(relation))
    db.session.flush()
    return user


class _DemoClock:
    """Spread the demo's posts over past weeks, oldest first, so dates look lived-in."""

    def __init__(self, stories: int) -> None:
        self.now = utcnow()
        self.step = timedelta(hours=7)
        self.next = self.now - self.step * (stories * 4)

    def tick(self):
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
        for verb, reason in STATE_DECISIONS[story.state]:
            decide = moderation.DECISIONS[verb]
            decide(moderator, post, seen_version=moderation.post_version(post), reason=reason)
            post.approved_at = post.created_at + timedelta(hours=2)
        for reporter in _reporters(story, members)[: STATE_REPORTS.get(story.state, 0)]:
            reports.file_report(reporter, post, ReportReason.MISINFORMATION)
        result.posts += 1
    for reply in story.replies:
        _story(reply, question, post, members, moderator, clock, result)


STATE_REPORTS = {"reported": 1, "hidden": reports.HIDE_AFTER_REPORTS}


def _reporters(story: content.Story, members: dict[str, User]) -> list[User]:
    """The other members of the story's community, in the demo's order."""
    return [
        members[spec.username]
        for spec in content.MEMBERS
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
