"""Plain factory functions: each opens its own app context, commits, and returns ids."""

from dataclasses import dataclass
from datetime import date

from flask import Flask

from community import memberships
from community.accounts import services as accounts
from community.extensions import db
from community.models import (
    Condition,
    Post,
    Question,
    Relation,
    RevisionState,
    Role,
    SummaryRevision,
    User,
)
from community.posts import services as posts
from community.posts.states import PostAction
from community.text import render_markdown

PASSWORD = "correct horse battery"


def make_user(
    app: Flask, username: str = "member", roles: tuple[Role, ...] = (), *, verified: bool = True
) -> int:
    """An account whose email address is confirmed, unless ``verified=False``."""
    with app.app_context():
        user = accounts.create_user(
            username, f"{username}@example.org", PASSWORD, roles, verified=verified
        )
        db.session.commit()
        return user.id


def make_condition(app: Flask, slug: str = "asthma", name: str = "Asthma") -> int:
    with app.app_context():
        condition = Condition(
            slug=slug,
            name=name,
            about_markdown=f"About {name}.",
            about_html=render_markdown(f"About {name}.", editorial=True),
        )
        db.session.add(condition)
        db.session.commit()
        return condition.id


def make_question(
    app: Flask, condition_id: int, slug: str = "what-causes-it", title: str = "What causes it?"
) -> int:
    with app.app_context():
        question = Question(condition_id=condition_id, slug=slug, title=title)
        db.session.add(question)
        db.session.commit()
        return question.id


def make_summary(app: Flask, question_id: int, short_answer: str = "A short answer.") -> int:
    """A published revision with a sign-off recorded by name (no reviewer account)."""
    with app.app_context():
        revision = SummaryRevision(
            question_id=question_id,
            state=RevisionState.PUBLISHED,
            short_answer=short_answer,
            body_markdown="The **longer** body.",
            body_html=render_markdown("The **longer** body.", editorial=True),
            reviewer_name="Dr. Ada Example",
            reviewer_credentials="MD, Immunology",
            reviewed_on=date(2026, 4, 2),
            updated_on=date(2026, 4, 7),
            next_review_due=date(2027, 4, 2),
            sources=[{"title": "MedlinePlus", "url": "https://medlineplus.gov/"}],
        )
        db.session.add(revision)
        db.session.commit()
        return revision.id


def make_membership(
    app: Flask, user_id: int, condition_id: int, relation: Relation = Relation.PATIENT
) -> None:
    with app.app_context():
        user = db.session.get(User, user_id)
        memberships.join(user, db.session.get(Condition, condition_id), relation)
        db.session.commit()


def make_member(
    app: Flask, condition_id: int, username: str = "member", relation: Relation = Relation.PATIENT
) -> int:
    """An account that has joined the condition's community."""
    user_id = make_user(app, username)
    make_membership(app, user_id, condition_id, relation)
    return user_id


def make_post(
    app: Flask,
    author_id: int,
    *,
    question_id: int | None = None,
    parent_id: int | None = None,
    text: str = "My experience.",
    actions: tuple[PostAction, ...] = (PostAction.APPROVE,),
) -> int:
    """Write an experience (question_id) or a reply (parent_id), then apply ``actions``."""
    with app.app_context():
        author = db.session.get(User, author_id)
        if parent_id is not None:
            post = posts.create_reply(author, db.session.get(Post, parent_id), text)
        else:
            post = posts.create_experience(author, db.session.get(Question, question_id), text)
        for action in actions:
            posts.apply_action(post, action, actor=None)
        db.session.commit()
        return post.id


@dataclass(frozen=True)
class Community:
    condition_id: int
    question_id: int
    wren: int  # a member of Asthma
    kestrel: int  # another member of Asthma
    robin: int  # a member of Lupus only


def make_community(app: Flask) -> Community:
    """Asthma with a question and two members, and Lupus with a member of its own."""
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren, kestrel, robin = (make_user(app, name) for name in ("wren", "kestrel", "robin"))
    make_membership(app, wren, condition_id)
    make_membership(app, kestrel, condition_id)
    make_membership(app, robin, make_condition(app, "lupus", "Lupus"))
    return Community(condition_id, question_id, wren, kestrel, robin)


def make_small_community(app: Flask) -> int:
    """Asthma with two questions; on the first, the member's approved experience with a reply.

    Accounts: ``member`` (joined), ``other`` (joined) and ``moderator``. Return the id of
    the member's experience; the second question has no experience yet.
    """
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    make_summary(app, question_id)
    make_question(app, condition_id, "what-helps", "What helps?")
    member_id = make_user(app, "member")
    make_user(app, "moderator", roles=(Role.MODERATOR,))
    other_id = make_user(app, "other")
    make_membership(app, member_id, condition_id)
    make_membership(app, other_id, condition_id)
    post_id = make_post(app, member_id, question_id=question_id, text="Cold air sets it off.")
    make_post(app, other_id, parent_id=post_id, text="Same here.")
    make_post(app, other_id, question_id=question_id, text="Dust, for me.")
    return post_id
