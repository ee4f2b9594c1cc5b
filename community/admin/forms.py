"""Admins' forms."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from community.forms import button
from community.models import CannedReason

TITLE_LENGTH = CannedReason.__table__.c.title.type.length
TEXT_LENGTH = 1000


class ReasonForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[
            DataRequired("Give the reason a title moderators pick it by."),
            Length(max=TITLE_LENGTH, message=f"At most {TITLE_LENGTH} characters."),
        ],
        description="What moderators pick it by; authors do not see it.",
    )
    text = TextAreaField(
        "Text",
        validators=[
            DataRequired("Write the text the author reads."),
            Length(max=TEXT_LENGTH, message=f"At most {TEXT_LENGTH:,} characters."),
        ],
        description="What the author reads as the moderator's reason.",
    )
    submit = button("Add reason")


class DeleteReasonForm(FlaskForm):
    submit = button("Delete")
