"""Load a question's experiences with their whole reply threads, and shape them for display.

One statement fetches the page's experiences with every post under them, ordered by
materialized path, as plain rows with only the columns the page shows, and counts the
experiences for the pagination. The tree is then built in Python without further queries.

Readers choose the order of the experiences (oldest first, newest first, most replied) and
may keep only those whose authors relate to the condition one way (a ``Reading``); each
choice is its own statement, built once, so every page costs the same few queries.
"""

import enum
import math
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import Select, and_, bindparam, exists, false, func, select

from community.extensions import db
from community.models import (
    HelpedMark,
    Membership,
    Post,
    PostKind,
    PostState,
    Question,
    Relation,
    Report,
    User,
)
from community.permissions import EDITABLE_STATES
from community.post_location import listed_experiences
from community.posts.helped import shown_helped_count


class ExperienceOrder(enum.Enum):
    """How a question's experiences are ordered; the value is the address's ``order=``."""

    OLDEST = "oldest"
    NEWEST = "newest"
    # Most published replies in the thread first; as many: the newer first.
    MOST_REPLIED = "most-replied"

    @property
    def label(self) -> str:
        return ORDER_LABELS[self]


ORDER_LABELS = {
    ExperienceOrder.NEWEST: "Newest",
    ExperienceOrder.OLDEST: "Oldest",
    ExperienceOrder.MOST_REPLIED: "Most replied",
}
DEFAULT_ORDER = ExperienceOrder.OLDEST


@dataclass(frozen=True)
class Reading:
    """The reader's choice of order, and of the authors' relation to keep (None: everyone)."""

    order: ExperienceOrder = DEFAULT_ORDER
    relation: Relation | None = None

    @property
    def is_default(self) -> bool:
        return self.order is DEFAULT_ORDER and self.relation is None


EVERY_EXPERIENCE_OLDEST_FIRST = Reading()


# Replies nest to this many levels (the experience is level 1); deeper ones are shown
# flat under the last level, saying whom they answer.
MAX_NESTING = 5


@dataclass(slots=True)
class ThreadNode:
    """One post as the question page shows it; what the page asks of it is worked out once."""

    id: int
    kind: PostKind
    state: PostState
    body_html: str
    created_at: datetime
    author_name: str | None
    relation: Relation | None
    own: bool
    pending_edit_html: str | None = None
    # Readers saw it once: when its author deletes it, a placeholder keeps its place.
    published_once: bool = False
    # The viewer has reported it: a member reports a post once.
    reported_by_viewer: bool = False
    # How many members it helped, as shown (None below the threshold), and whether the
    # viewer is one of them: nobody else learns who.
    helped_count: int | None = None
    helped_by_viewer: bool = False
    in_reply_to: str | None = None
    children: list["ThreadNode"] = field(default_factory=list)
    published: bool = field(init=False)
    # The viewer wrote it and it is still theirs to change (if they may write at all).
    editable: bool = field(init=False)
    shows_text: bool = field(init=False)
    awaiting_moderation: bool = field(init=False)
    # The author of a published post with an edit awaiting approval reads both: what others
    # read now, and their edit. Everyone else reads the approved text only.
    edit_awaiting: bool = field(init=False)
    shown_html: str = field(init=False)

    def __post_init__(self) -> None:
        pending = self.state is PostState.PENDING
        self.published = self.state is PostState.APPROVED
        self.editable = self.own and self.state in EDITABLE_STATES
        self.shows_text = self.published or (self.own and pending)
        if not self.shows_text:
            # A placeholder shows nothing of its post, nor who wrote it: what it does not
            # show is not kept, so no reply can name its author and no page holds it.
            self.body_html, self.pending_edit_html = "", None
            self.author_name = self.relation = None
        edited = self.pending_edit_html is not None
        self.awaiting_moderation = self.own and pending
        self.edit_awaiting = self.own and edited and self.published
        self.shown_html = self.pending_edit_html if self.own and edited else self.body_html


@dataclass
class ExperiencePage:
    experiences: list[ThreadNode]
    page: int
    pages: int
    total: int


def load_experience_page(
    question: Question,
    page: int,
    per_page: int,
    viewer_id: int | None = None,
    reading: Reading = EVERY_EXPERIENCE_OLDEST_FIRST,
) -> ExperiencePage:
    """Return one page of a question's experiences, each with its whole reply thread.

    One statement, which also counts the listed experiences; a page past the last one
    costs a second count and is shown as the last page.
    """
    values = {
        "question_id": question.id,
        "viewer_id": viewer_id,
        "limit": per_page,
        "relation": reading.relation,
    }
    statements = _statements(viewer_id is not None, reading.order, reading.relation is not None)
    page = max(page, 1)
    rows = _thread_rows(statements, values, page)
    if not rows and page > 1:
        page = _pages(db.session.scalar(statements.count, values), per_page)
        rows = _thread_rows(statements, values, page)
    total = rows[0].listed if rows else 0
    experiences = _build_tree(rows, viewer_id)
    if reading.order is ExperienceOrder.MOST_REPLIED:
        # The rows come thread by thread; the page's threads go in the statement's order.
        replies = _published_replies(rows)
        experiences.sort(key=lambda root: (-replies.get(root.id, 0), -root.id))
    return ExperiencePage(experiences, page, _pages(total, per_page), total)


def _published_replies(rows) -> dict[int, int]:
    """Count each thread's published replies, as ``_reply_count`` counts them in SQL."""
    counts: dict[int, int] = {}
    for row in rows:
        if row.kind is PostKind.REPLY and row.state is PostState.APPROVED:
            counts[row.root_id] = counts.get(row.root_id, 0) + 1
    return counts


def _pages(total: int, per_page: int) -> int:
    """How many pages ``total`` experiences fill; an empty list is one page."""
    return max(1, math.ceil(total / per_page))


def _thread_rows(statements: "_Statements", values: dict, page: int) -> list:
    offset = (page - 1) * values["limit"]
    return db.session.execute(statements.threads, {**values, "offset": offset}).all()


@dataclass(frozen=True)
class _Statements:
    count: Select
    threads: Select


def _reply_count(experience):
    """The published replies in an experience's thread, read off the thread's index.

    A reply's path extends its root's: "path >" names the replies by the (root_id, path)
    index. With "kind = reply" instead, SQLite without statistics counted them among every
    published post, once per experience.
    """
    replies = Post.__table__.alias("reply")
    return (
        select(func.count())
        .where(
            replies.c.root_id == experience.c.id,
            replies.c.path > experience.c.path,
            replies.c.state == PostState.APPROVED,
        )
        .scalar_subquery()
    )


def _experience_order(order: ExperienceOrder, experience) -> tuple:
    if order is ExperienceOrder.NEWEST:
        return (experience.c.id.desc(),)
    if order is ExperienceOrder.MOST_REPLIED:
        return (_reply_count(experience).desc(), experience.c.id.desc())
    return (experience.c.id,)


@cache
def _statements(signed_in: bool, order: ExperienceOrder, by_relation: bool) -> _Statements:
    """Build the page's statements once; each request only binds its values.

    Building them (aliases, subqueries) costs more than running them, at every request.
    They select table columns, not mapped attributes: plain rows, without the ORM's
    bookkeeping for each of a page's hundreds of posts.
    """
    posts, users, memberships = Post.__table__, User.__table__, Membership.__table__
    reports, marks = Report.__table__, HelpedMark.__table__
    experience = posts.alias("experience")
    viewer_id = bindparam("viewer_id") if signed_in else None
    listed = listed_experiences(bindparam("question_id"), viewer_id, experience.c)
    if by_relation:
        # The author's membership of the condition says how they relate to it.
        authors = Membership.__table__.alias("authors_membership")
        listed = and_(
            listed,
            exists().where(
                authors.c.user_id == experience.c.author_id,
                authors.c.condition_id == experience.c.condition_id,
                authors.c.relation == bindparam("relation", type_=memberships.c.relation.type),
            ),
        )
    listed_ids = select(experience.c.id).where(listed)
    count = select(func.count()).select_from(listed_ids.subquery())
    page_roots = (
        listed_ids.order_by(*_experience_order(order, experience))
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .scalar_subquery()
    )
    reported_by_viewer = (
        exists().where(
            reports.c.post_id == posts.c.id, reports.c.reporter_id == bindparam("viewer_id")
        )
        if signed_in
        else false()
    )
    helped_by_viewer = (
        exists().where(marks.c.post_id == posts.c.id, marks.c.user_id == bindparam("viewer_id"))
        if signed_in
        else false()
    )
    authors_membership = and_(
        memberships.c.user_id == posts.c.author_id,
        memberships.c.condition_id == posts.c.condition_id,
    )
    threads = (
        select(
            posts.c.id,
            posts.c.parent_id,
            posts.c.root_id,
            posts.c.author_id,
            posts.c.kind,
            posts.c.state,
            posts.c.depth,
            posts.c.body_html,
            posts.c.pending_html,
            posts.c.created_at,
            posts.c.approved_at,
            users.c.username,
            memberships.c.relation,
            reported_by_viewer.label("reported_by_viewer"),
            posts.c.helped_count,
            helped_by_viewer.label("helped_by_viewer"),
            count.scalar_subquery().label("listed"),
        )
        .select_from(
            posts.outerjoin(users, users.c.id == posts.c.author_id).outerjoin(
                memberships, authors_membership
            )
        )
        .where(posts.c.root_id.in_(page_roots))
        # The path starts with the root's id, so this is path order, read off the index.
        # Newest first: the threads backwards, each still in path order.
        .order_by(
            posts.c.root_id.desc() if order is ExperienceOrder.NEWEST else posts.c.root_id,
            posts.c.path,
        )
    )
    return _Statements(count, threads)


def _build_tree(rows, viewer_id: int | None) -> list[ThreadNode]:
    nodes: dict[int, ThreadNode] = {}
    parents: dict[int, int | None] = {}
    depths: dict[int, int] = {}
    roots: list[ThreadNode] = []
    # Rows unpack as tuples, in the order the query selects them: much faster than by name.
    for (
        post_id,
        parent_id,
        _root_id,
        author_id,
        kind,
        state,
        depth,
        body_html,
        pending_html,
        created_at,
        approved_at,
        username,
        relation,
        reported,
        helped_count,
        helped_by_viewer,
        _listed,
    ) in rows:
        node = ThreadNode(
            id=post_id,
            kind=kind,
            state=state,
            body_html=body_html,
            created_at=created_at,
            author_name=username,
            relation=relation,
            own=viewer_id is not None and author_id == viewer_id,
            pending_edit_html=pending_html,
            published_once=approved_at is not None,
            reported_by_viewer=bool(reported),
            helped_count=shown_helped_count(helped_count),
            helped_by_viewer=bool(helped_by_viewer),
        )
        nodes[post_id] = node
        parents[post_id] = parent_id
        depths[post_id] = depth
        if parent_id is None:
            roots.append(node)
            continue
        if parent_id not in nodes:
            continue
        # Deep replies hang flat under their ancestor on the last nesting level.
        if depth >= MAX_NESTING:
            # Named only while readers see the parent; a placeholder names nobody.
            node.in_reply_to = nodes[parent_id].author_name
            while depths[parent_id] >= MAX_NESTING:
                parent_id = parents[parent_id]
        nodes[parent_id].children.append(node)
    return [root for root in roots if _prune(root)]


def _prune(node: ThreadNode) -> bool:
    """Drop posts out of view with nothing visible below them; keep the rest as placeholders.

    A deleted post keeps a placeholder only over the replies it holds in place: deleted
    before anyone replied (or before a reply was published), it leaves no trace.
    """
    node.children = [child for child in node.children if _prune(child)]
    return node.shows_text or bool(node.children)
