"""Admins' forms for watched words, crisis phrases and the guidelines."""

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from community.forms import button
from community.models import WatchedWord
from community.safety.services import WATCHED_ACTIONS, WORD_ACTION_LABELS
from community.text import normalize_newlines

MAX_WORD_LENGTH = WatchedWord.__table__.c.word.type.length
MAX_GUIDELINES_LENGTH = 50_000


def _word_field(label: str) -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired("Write the word or phrase to watch for."),
            Length(max=MAX_WORD_LENGTH, message=f"At most {MAX_WORD_LENGTH} characters."),
        ],
        description="Matched as whole words, whatever the case.",
    )


class WatchedWordForm(FlaskForm):
    word = _word_field("Word or phrase")
    action = SelectField(
        "Action",
        choices=[
            SelectChoice("", "Choose an action"),
            *(SelectChoice(action.value, WORD_ACTION_LABELS[action]) for action in WATCHED_ACTIONS),
        ],
        validators=[DataRequired("Choose what happens to a post with this word.")],
    )
    submit = button("Add word")


class CrisisPhraseForm(FlaskForm):
    word = _word_field("Phrase")
    submit = button("Add phrase")


class DeleteWordForm(FlaskForm):
    submit = button("Delete")


class GuidelinesForm(FlaskForm):
    body = TextAreaField(
        "Guidelines",
        filters=(normalize_newlines,),
        validators=[
            DataRequired("The guidelines cannot be empty."),
            Length(
                max=MAX_GUIDELINES_LENGTH, message=f"At most {MAX_GUIDELINES_LENGTH:,} characters."
            ),
        ],
        description="Markdown: ## for headings, *emphasis*, lists and links.",
    )
    submit = button("Save guidelines")
