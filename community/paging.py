"""What a listing's address asks for: its page, and how a question's experiences are read."""

from flask import abort, request

from community.models import Relation
from community.posts.threads import DEFAULT_ORDER, ExperienceOrder, Reading

# Far beyond any real listing, and small enough for every database's OFFSET.
MAX_PAGE = 100_000


def requested_page() -> int:
    """Return ``?page=`` as a number from 1 to MAX_PAGE; anything that is not a number is 1."""
    page = request.args.get("page", 1, type=int)
    return min(max(page, 1), MAX_PAGE)


def requested_reading() -> Reading:
    """Read ``?order=`` and ``?relation=``; a value not offered is a 400 naming those offered."""
    order_value = request.args.get("order", "", type=str)
    relation_value = request.args.get("relation", "", type=str)
    try:
        order = ExperienceOrder(order_value) if order_value else DEFAULT_ORDER
    except ValueError:
        offered = ", ".join(order.value for order in ExperienceOrder)
        abort(400, description=f"Experiences can be ordered by one of: {offered}.")
    try:
        relation = Relation(relation_value) if relation_value else None
    except ValueError:
        offered = ", ".join(relation.value for relation in Relation)
        abort(400, description=f"Experiences can be filtered by one of: {offered}.")
    return Reading(order, relation)


def reading_arguments(reading: Reading, **more) -> dict:
    """The query arguments that keep ``reading`` in an address (none for the defaults)."""
    arguments = dict(more)
    if reading.order is not DEFAULT_ORDER:
        arguments["order"] = reading.order.value
    if reading.relation is not None:
        arguments["relation"] = reading.relation.value
    return arguments
