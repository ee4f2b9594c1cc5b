"""The account deletion form."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from community.forms import button
from community.own_data.deletion import PostsChoice

POSTS_CHOICES = [
    SelectChoice(PostsChoice.REMOVE.value, "Remove my posts"),
    SelectChoice(PostsChoice.KEEP.value, "Keep my posts, shown as written by a former member"),
]


class DeleteAccountForm(FlaskForm):
    posts = RadioField(
        "What happens to your posts",
        choices=POSTS_CHOICES,
        validators=[InputRequired("Choose what happens to your posts.")],
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password to confirm."), Length(max=1024)],
        description="Enter your password to confirm that this is you.",
    )
    submit = button("Delete my account")
