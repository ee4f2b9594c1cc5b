"""Joining and leaving a community."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from community.forms import button
from community.models import Relation


class JoinForm(FlaskForm):
    relation = SelectField(
        "I am joining as",
        choices=[SelectChoice(relation.value, relation.joining_label) for relation in Relation],
        validators=[InputRequired()],
        # Not "required" in HTML: the first choice is selected from the start.
        render_kw={"required": False},
    )
    next = HiddenField()
    submit = button("Join this community")


class LeaveForm(FlaskForm):
    next = HiddenField()
    submit = button("Leave this community")


class FollowForm(FlaskForm):
    # "yes" to follow, "no" to stop: a repeated click does what it says, never the opposite.
    follow = HiddenField()
    submit = button("Follow this question")
