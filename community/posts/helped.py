"""Members say an experience helped them: once each, with an undo, never against anyone.

A mark is private: pages and the API show only how many members an experience helped, and
only from HELPED_SHOWN_FROM up, so that one or two marks never single anyone out. The
number is stored on the post and moves in the transaction of each mark and undo
(community/counts.py); ``recount`` checks it against the marks. It never orders a page.
"""

from sqlalchemy import delete, select

from community.counts import record_helped_change
from community.database import insert_unless_duplicate
from community.extensions import db
from community.models import HelpedMark, Post, PostKind, PostState, User
from community.permissions import can_write, is_author, writing_notice

# Fewer marks than this are not shown: "1 person found this helpful" says little, and
# points at the few members who may have marked it.
HELPED_SHOWN_FROM = 3


class HelpedRefused(Exception):
    """The member cannot mark this post; the message says why."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def shown_helped_count(count: int) -> int | None:
    """The number a page shows for ``count`` marks, or None below the threshold."""
    return count if count >= HELPED_SHOWN_FROM else None


def has_marked(member: User, post: Post) -> bool:
    marked = select(HelpedMark.post_id).where(
        HelpedMark.user_id == member.id, HelpedMark.post_id == post.id
    )
    return db.session.scalar(marked.exists().select()) or False


def mark_helped(member: User, post: Post) -> bool:
    """Record that ``post`` helped ``member``; False if they had marked it already."""
    _check_may_mark(member, post)
    if has_marked(member, post):
        return False
    if not insert_unless_duplicate(HelpedMark(user_id=member.id, post_id=post.id)):
        return False  # marked by the same member a moment ago, in another request
    record_helped_change(post.id, +1)
    return True


def unmark_helped(member: User, post: Post) -> bool:
    """Take back ``member``'s mark of ``post``; False if there was none."""
    removed = db.session.execute(
        delete(HelpedMark).where(HelpedMark.user_id == member.id, HelpedMark.post_id == post.id)
    )
    if removed.rowcount != 1:
        return False
    record_helped_change(post.id, -1)
    return True


def _check_may_mark(member: User, post: Post) -> None:
    if not can_write(member):
        raise HelpedRefused(writing_notice(member) or "You cannot mark posts.")
    if post.kind is not PostKind.EXPERIENCE:
        raise HelpedRefused("Only experiences can be marked as helpful.", 400)
    if post.state is not PostState.APPROVED:
        raise HelpedRefused("Only published experiences can be marked as helpful.", 404)
    if is_author(member, post):
        raise HelpedRefused("You cannot mark your own experience as helpful.")
