"""Load a question's experiences with their whole reply threads, and shape them for display.

One query fetches the page's experiences, one fetches every post under them ordered by
materialized path; the tree is then built in Python without further queries.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import load_only

from community.extensions import db
from community.models import Membership, Post, PostKind, PostState, Question, Relation, User

# Replies nest to this many levels (the experience is level 1); deeper ones are shown
# flat under the last level, saying whom they answer.
MAX_NESTING = 5


@dataclass
class ThreadNode:
    id: int
    kind: PostKind
    state: PostState
    body_html: str
    created_at: datetime
    author_name: str | None
    relation: Relation | None
    own: bool
    published_once: bool = False
    pending_edit_html: str | None = None
    in_reply_to: str | None = None
    children: list["ThreadNode"] = field(default_factory=list)

    @property
    def shows_text(self) -> bool:
        return self.state is PostState.APPROVED or (self.own and self.state is PostState.PENDING)

    @property
    def awaiting_moderation(self) -> bool:
        return self.own and (self.state is PostState.PENDING or self.pending_edit_html is not None)

    @property
    def shown_html(self) -> str:
        """The author reads their own edit awaiting approval; everyone else the approved text."""
        if self.own and self.pending_edit_html is not None:
            return self.pending_edit_html
        return self.body_html


@dataclass
class ExperiencePage:
    experiences: list[ThreadNode]
    page: int
    pages: int
    total: int


def listed_experiences(question_id: int, viewer_id: int | None = None):
    """Select the experiences that hold a place on a question's pages for this viewer.

    Approved ones; author-deleted ones that were once published, as a placeholder so that
    their replies keep their shape; and the viewer's own experience awaiting moderation.
    """
    listed = or_(
        Post.state == PostState.APPROVED,
        and_(Post.state == PostState.DELETED, Post.approved_at.is_not(None)),
    )
    if viewer_id is not None:
        listed = or_(listed, and_(Post.author_id == viewer_id, Post.state == PostState.PENDING))
    return and_(Post.question_id == question_id, Post.kind == PostKind.EXPERIENCE, listed)


def load_experience_page(
    question: Question, page: int, per_page: int, viewer_id: int | None = None
) -> ExperiencePage:
    """Return one page of a question's experiences, each with its whole reply thread."""
    total = db.session.scalar(
        select(func.count()).select_from(Post).where(listed_experiences(question.id, viewer_id))
    )
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    root_ids = db.session.scalars(
        select(Post.id)
        .where(listed_experiences(question.id, viewer_id))
        .order_by(Post.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    if not root_ids:
        return ExperiencePage([], page, pages, total)
    rows = db.session.execute(
        select(Post, User.username, Membership.relation)
        .options(
            load_only(
                Post.id,
                Post.parent_id,
                Post.author_id,
                Post.kind,
                Post.state,
                Post.depth,
                Post.body_html,
                Post.pending_html,
                Post.created_at,
                Post.approved_at,
            )
        )
        .outerjoin(User, User.id == Post.author_id)
        .outerjoin(
            Membership,
            and_(
                Membership.user_id == Post.author_id, Membership.condition_id == Post.condition_id
            ),
        )
        .where(Post.root_id.in_(root_ids))
        .order_by(Post.path)
    ).all()
    return ExperiencePage(_build_tree(rows, viewer_id), page, pages, total)


def _build_tree(rows, viewer_id: int | None) -> list[ThreadNode]:
    nodes: dict[int, ThreadNode] = {}
    parents: dict[int, int | None] = {}
    depths: dict[int, int] = {}
    roots: list[ThreadNode] = []
    for post, username, relation in rows:
        node = ThreadNode(
            id=post.id,
            kind=post.kind,
            state=post.state,
            body_html=post.body_html,
            created_at=post.created_at,
            author_name=username,
            relation=relation,
            own=viewer_id is not None and post.author_id == viewer_id,
            published_once=post.approved_at is not None,
            pending_edit_html=post.pending_html,
        )
        nodes[post.id] = node
        parents[post.id] = post.parent_id
        depths[post.id] = post.depth
        if post.parent_id is None:
            roots.append(node)
            continue
        parent_id = post.parent_id
        if parent_id not in nodes:
            continue
        # Deep replies hang flat under their ancestor on the last nesting level.
        if post.depth >= MAX_NESTING:
            node.in_reply_to = nodes[parent_id].author_name
            while depths[parent_id] >= MAX_NESTING:
                parent_id = parents[parent_id]
        nodes[parent_id].children.append(node)
    return [root for root in roots if _prune(root)]


def _prune(node: ThreadNode) -> bool:
    """Drop hidden posts with nothing visible below them; keep the rest as placeholders.

    A deleted post that readers once saw keeps its placeholder; one that never got past
    moderation leaves no trace.
    """
    node.children = [child for child in node.children if _prune(child)]
    deleted_after_publication = node.state is PostState.DELETED and node.published_once
    return node.shows_text or bool(node.children) or deleted_after_publication
