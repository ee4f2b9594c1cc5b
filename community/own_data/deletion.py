"""Delete a member's account, removing their posts or keeping them as "former member".

Every count moves through the same functions as joining, leaving and deleting a post
do, so the counts stay exact either way. Rows in other tables that refer to the
account lose the reference (or go with it) through their foreign keys' ``ON DELETE``.
"""

import enum

from sqlalchemy import select, update

from community.admin.roles import ONLY_ADMIN_DELETING, keeping_an_admin
from community.counts import forget_helped_marks_of, lock_counted_rows
from community.database import lock_row
from community.extensions import db
from community.mail.services import forget_mail_of
from community.memberships import leave
from community.models import HelpedMark, Membership, Post, User
from community.notifications.services import forget_notifications_of
from community.page_cache import erase_cached_pages
from community.posts.services import delete_own_post
from community.suggestions.services import forget_suggestions_of


class PostsChoice(enum.Enum):
    REMOVE = "remove"
    KEEP = "keep"


def delete_account(member: User, posts: PostsChoice) -> None:
    """Delete ``member``'s account and memberships, and remove or keep their posts.

    Raise RolesRefused, changing nothing once the caller rolls back, when the member is
    the site's only admin.
    """
    with keeping_an_admin(member, ONLY_ADMIN_DELETING):
        # What the member does in another request at the same moment (joins, shares, marks)
        # commits before this reads it, or waits and then finds no account.
        lock_row(User, member.id)
        memberships = db.session.scalars(
            select(Membership).where(Membership.user_id == member.id)
        ).all()
        lock_counted_rows(
            db.session.scalars(
                select(Post.id)
                .where(Post.author_id == member.id)
                .union(select(HelpedMark.post_id).where(HelpedMark.user_id == member.id))
            ),
            (membership.condition_id for membership in memberships),
        )
        for membership in memberships:
            leave(member, membership.condition)
        if posts is PostsChoice.REMOVE:
            _remove_posts(member)
        # Kept posts stay where they are and are shown as written by a former member.
        db.session.execute(update(Post).where(Post.author_id == member.id).values(author_id=None))
        # Cancels mail not yet sent: nothing goes out to an account that no longer exists.
        forget_mail_of(member)
        forget_notifications_of(member)
        forget_suggestions_of(member)
        # Each experience they marked helpful counts one fewer.
        forget_helped_marks_of(member.id)
        db.session.delete(member)
    # Cached pages name the member beside their posts: no copy of the username is kept.
    erase_cached_pages()


def _remove_posts(member: User) -> None:
    """Delete every post of the member, leaving placeholders so that threads keep their shape."""
    # Each goes the way an author's delete goes, with every copy of its text.
    for post in db.session.scalars(select(Post).where(Post.author_id == member.id)).all():
        delete_own_post(post, member)
