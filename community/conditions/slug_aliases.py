"""A condition's earlier slugs: its old addresses keep leading to it.

When an admin changes a condition's slug, the old slug is kept as an alias. Every GET
under ``/conditions/<old slug>/...`` or ``/api/v1/conditions/<old slug>/...`` that would
otherwise be a 404 answers 301 to the same address with the current slug, query string
kept: links from search engines, feeds, mails and bookmarks still work. The lookup runs
only on a 404 (community.site.views hands every 404 here first), so pages at current
addresses pay nothing for it, and every condition route, in whatever blueprint, gets it.

A slug is either some condition's current slug or an alias, never both: a condition
taking one of its own old slugs back removes that alias (no redirect loop), and no
condition may take a slug that is another condition's alias (the old links keep going
where they always went). Services flush; the request commits once.
"""

from flask import redirect, request, url_for
from sqlalchemy import delete, select, text
from werkzeug.wrappers import Response

from community.extensions import db
from community.models import Condition, ConditionSlugAlias

# The addresses whose ``slug`` names a condition.
_CONDITION_ADDRESSES = ("/conditions/<slug>", "/api/v1/conditions/<slug>")
# Only reading is redirected. A POST to an old slug stays a 404, as before: a form is
# drawn with the current slug, so one sent to an old address is stale, and re-sending it
# unseen (a 308) could act on something the sender did not see. Nothing is acted on.
_REDIRECTED_METHODS = ("GET", "HEAD")


# The key of the PostgreSQL lock held while a condition takes an address (any constant of
# our own).
_ADDRESSES_LOCK = 7_261_505


def lock_condition_addresses() -> None:
    """Let one transaction at a time give a condition an address, until it ends.

    A slug is checked against current slugs and earlier ones before it is taken. Two
    admins giving two conditions one slug at the same moment would both pass the check,
    and the second would meet the database's unique rule (an error page, not a message);
    no rule spans current and earlier slugs at all. SQLite lets one writer in at a time
    already. Adding or moving a condition is rare: nothing else waits for this lock.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADDRESSES_LOCK})


def current_slug_for(old_slug: str) -> str | None:
    """The current slug of the condition that once had ``old_slug``, or None."""
    return db.session.scalar(
        select(Condition.slug)
        .join(ConditionSlugAlias, ConditionSlugAlias.condition_id == Condition.id)
        .where(ConditionSlugAlias.old_slug == old_slug)
    )


def alias_owner(slug: str) -> Condition | None:
    """The condition whose earlier address ``slug`` is, or None."""
    return db.session.scalar(
        select(Condition)
        .join(ConditionSlugAlias, ConditionSlugAlias.condition_id == Condition.id)
        .where(ConditionSlugAlias.old_slug == slug)
    )


def keep_old_slug(condition: Condition, old_slug: str, new_slug: str) -> None:
    """Record that ``condition`` moved from ``old_slug`` to ``new_slug``.

    The old slug becomes an alias; the new one stops being one if it was (taken back).
    """
    db.session.execute(
        delete(ConditionSlugAlias).where(
            ConditionSlugAlias.old_slug == new_slug,
            ConditionSlugAlias.condition_id == condition.id,
        )
    )
    db.session.add(ConditionSlugAlias(old_slug=old_slug, condition_id=condition.id))
    db.session.flush()


def redirect_from_old_slug() -> Response | None:
    """For a 404 at a condition address with an old slug: the 301 to its current address."""
    rule = request.url_rule
    arguments = request.view_args or {}
    if (
        request.method not in _REDIRECTED_METHODS
        or rule is None
        or request.endpoint is None
        or not rule.rule.startswith(_CONDITION_ADDRESSES)
        or not isinstance(arguments.get("slug"), str)
    ):
        return None
    current = current_slug_for(arguments["slug"])
    if current is None or current == arguments["slug"]:
        return None
    location = url_for(request.endpoint, **{**arguments, "slug": current})
    if request.query_string:
        location = f"{location}?{request.query_string.decode('latin-1')}"
    response = redirect(location, 301)
    # Permanent for search engines, but not kept by browsers: were the slug changed back,
    # a redirect held in a browser would point the wrong way.
    response.headers["Cache-Control"] = "no-cache"
    return response
