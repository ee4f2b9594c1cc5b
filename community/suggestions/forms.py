"""The member's form to suggest a question; its labels are part of the product's surface."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from community.forms import button
from community.suggestions.services import MAX_LENGTH, MIN_LENGTH


class SuggestForm(FlaskForm):
    title = StringField(
        "Your question",
        validators=[
            DataRequired("Write the question you would like answered."),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=f"Write between {MIN_LENGTH} and {MAX_LENGTH} characters.",
            ),
        ],
        description="As you would ask it, e.g. “Does cold weather make it worse?”",
    )
    submit = button("Send suggestion")
