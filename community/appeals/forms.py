"""The appeal form; its labels are part of the product's public surface."""

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from community.forms import button
from community.text import normalize_newlines

MAX_APPEAL_LENGTH = 2000


class AppealForm(FlaskForm):
    message = TextAreaField(
        "Your message",
        filters=(normalize_newlines,),
        validators=[
            DataRequired("Say why the decision should be looked at again."),
            Length(max=MAX_APPEAL_LENGTH, message=f"At most {MAX_APPEAL_LENGTH:,} characters."),
        ],
        description="A moderator other than the one who decided reads it. You can appeal once.",
    )
    submit = button("Send appeal")
