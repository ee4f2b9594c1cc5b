"""What every form shares."""

from wtforms import SubmitField


def button(label: str) -> SubmitField:
    """A submit button without an id: several forms share a page, and no label points at one."""
    return SubmitField(label, render_kw={"id": False})
