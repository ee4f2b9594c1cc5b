"""Editors' and reviewers' forms; their labels are part of the product's public surface."""

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from community.editorial.lifecycle import LIFECYCLE, RevisionAction
from community.editorial.sources import LINE_FORMAT, SourceError, parse_source_lines
from community.forms import button
from community.suggestions.lifecycle import LIFECYCLE as SUGGESTION_LIFECYCLE
from community.suggestions.lifecycle import SuggestionAction
from community.text import normalize_newlines

MAX_SHORT_ANSWER = 1_000
MAX_SUMMARY = 50_000
MAX_NOTE = 1_000
DATE_MESSAGE = "Enter the date as YYYY-MM-DD, for example 2027-11-28."


def _length(maximum: int) -> Length:
    return Length(max=maximum, message=f"At most {maximum:,} characters.")


class QuestionForm(FlaskForm):
    condition = SelectField(
        "Condition", choices=[SelectChoice("", "Choose a condition")], validate_choice=False
    )
    title = StringField(
        "Question",
        validators=[DataRequired("Write the question."), _length(300)],
        description="As a reader would ask it, e.g. “What causes asthma attacks?”",
    )
    submit = button("Create question")

    def validate_condition(self, field) -> None:
        # Checked against the list here, and again by the service: the list may be stale.
        if field.data not in {choice.value for choice in self.condition.choices if choice.value}:
            raise ValidationError("Choose a condition from the list.")


class SummaryForm(FlaskForm):
    short_answer = TextAreaField(
        "Short answer",
        filters=(normalize_newlines,),
        validators=[DataRequired("Write the short answer."), _length(MAX_SHORT_ANSWER)],
        description="One or two sentences, shown first.",
    )
    body = TextAreaField(
        "Summary",
        filters=(normalize_newlines,),
        validators=[DataRequired("Write the summary."), _length(MAX_SUMMARY)],
        description="Markdown: headings, lists, emphasis and links.",
    )
    sources = TextAreaField(
        "Sources",
        filters=(normalize_newlines,),
        validators=[_length(10_000)],
        description=f"One per line: {LINE_FORMAT}. Publisher, year and date are optional.",
    )
    change_note = TextAreaField(
        "Change note",
        filters=(normalize_newlines,),
        validators=[_length(MAX_NOTE)],
        description="What changed and why; shown in the public review history.",
    )
    # The fingerprint of the draft as the editor opened it.
    version = HiddenField()
    preview = button("Preview")
    save = button(LIFECYCLE[RevisionAction.SAVE_DRAFT].label)
    submit = button(LIFECYCLE[RevisionAction.SUBMIT].label)

    parsed_sources: tuple = ()

    def validate_sources(self, field) -> None:
        try:
            self.parsed_sources = parse_source_lines(field.data or "")
        except SourceError as error:
            raise ValidationError(str(error)) from None

    def validate_change_note(self, field) -> None:
        if self.submit.data and not (field.data or "").strip():
            raise ValidationError("Say what changed and why before submitting for review.")


class _ReviewForm(FlaskForm):
    # The revision as the reviewer read it; a decision on changed text is refused.
    fingerprint = HiddenField(validators=[DataRequired()])


class SignOffForm(_ReviewForm):
    next_review_due = DateField(
        "Next review due",
        id="next-review-due",
        validators=[DataRequired(DATE_MESSAGE)],
        description="Twelve months from today unless you choose otherwise.",
    )
    submit = button(LIFECYCLE[RevisionAction.SIGN_OFF].label)


class RequestChangesForm(_ReviewForm):
    reason = TextAreaField(
        "Reason",
        id="return-reason",
        validators=[
            DataRequired("Say what needs to change; the editor reads this."),
            _length(MAX_NOTE),
        ],
        description="The editor reads this.",
    )
    submit = button(LIFECYCLE[RevisionAction.REQUEST_CHANGES].label)


def suggestion_prefix(suggestion_id: int) -> str:
    """Each suggestion's forms on the dashboard have fields of their own ids."""
    return f"suggestion-{suggestion_id}"


class AcceptSuggestionForm(FlaskForm):
    title = StringField(
        "Question",
        validators=[DataRequired("Write the question."), _length(300)],
        description="Adjust the wording if needed: the question is created as written here.",
    )
    submit = button(SUGGESTION_LIFECYCLE[SuggestionAction.ACCEPT].label)


class DeclineSuggestionForm(FlaskForm):
    reason = TextAreaField(
        "Reason",
        validators=[DataRequired("Say why; the member reads your reason."), _length(MAX_NOTE)],
        description="The member who suggested it reads this.",
    )
    submit = button(SUGGESTION_LIFECYCLE[SuggestionAction.DECLINE].label)
