"""Joining and leaving a community."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from community.models import Relation


class JoinForm(FlaskForm):
    relation = SelectField(
        "I am joining as",
        choices=[SelectChoice(relation.value, relation.joining_label) for relation in Relation],
        validators=[InputRequired()],
    )
    next = HiddenField()
    submit = SubmitField("Join this community")


class LeaveForm(FlaskForm):
    next = HiddenField()
    submit = SubmitField("Leave this community")
