"""The ``id`` URL converter: a record's id in an address, within what the databases store.

Werkzeug's ``int`` converter accepts any length of digits; PostgreSQL refuses a number
past its ``integer`` column and SQLite cannot bind one past 2**63 - 1, so such an address
reached the view and failed there. ``<id:post_id>`` matches only 1 to ``MAX_ID`` written
plainly (no sign, no leading zero, ASCII digits): any other address is a 404 before a
view runs.
"""

from flask import Flask
from werkzeug.routing import BaseConverter, ValidationError

# Ids are ``Integer`` columns: PostgreSQL's ``integer`` holds up to 2**31 - 1 (SQLite's
# more). Should ids become ``BigInteger``, this becomes 2**63 - 1.
MAX_ID = 2**31 - 1


def _numbers_up_to(limit: int) -> str:
    """A regular expression for 1 to ``limit``, written without sign or leading zero.

    Numbers shorter than ``limit`` are any digits; numbers as long as it are, for each
    digit of it, the same digits before and a smaller one there, then any digits.
    """
    digits = str(limit)
    choices = [f"[1-9][0-9]{{0,{len(digits) - 2}}}", digits]
    for position, digit in enumerate(digits):
        lowest = 1 if position == 0 else 0
        if int(digit) > lowest:
            rest = len(digits) - position - 1
            choices.append(f"{digits[:position]}[{lowest}-{int(digit) - 1}][0-9]{{{rest}}}")
    return "(?:" + "|".join(choices) + ")"


class IdConverter(BaseConverter):
    """Match 1 to ``MAX_ID`` only.

    The bound is in the pattern itself, not only in ``to_python``: Werkzeug answers a
    method the matching rule lacks (a POST to a page) before converting, so a number
    past the bound would be a 405 there rather than a 404.
    """

    regex = _numbers_up_to(MAX_ID)
    # Ahead of the catch-all string converter, like Werkzeug's own numbers.
    weight = 50

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValidationError()
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


def register(app: Flask) -> None:
    """Make ``<id:...>`` available to the blueprints' rules, which are added after this."""
    app.url_map.converters["id"] = IdConverter
