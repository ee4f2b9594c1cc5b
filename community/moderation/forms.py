"""Moderators' forms; the labels Approve, Reject, Save and approve, Remove, Restore and
Reason are part of the product's public surface, worded in community.posts.states."""

import re

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from community.forms import button
from community.models import CannedReason, User
from community.moderation.suspensions import LENGTH_LABELS
from community.posts.forms import body_field
from community.posts.states import ACTIONS, EDIT_VERB, MODERATOR_ACTIONS, VERBS, PostAction
from community.routing import MAX_ID
from community.text import only_redacted

MAX_REASON_LENGTH = 1000
# A suspension's reason is kept on the member's account, in a shorter column.
MAX_SUSPENSION_REASON_LENGTH = User.__table__.c.suspension_reason.type.length


# What the author reads when a moderator's edit only replaced personal information.
REDACTED_REASON = "Personal information was removed"
WRITE_MY_OWN = SelectChoice("", "None: I write the reason")


class ReasonField(TextAreaField):
    """A Reason: the moderator's own words, or else the canned reason picked beside it.

    The canned text fills an empty reason before the field is validated, so a reason the
    decision requires is satisfied by picking one, without script.
    """

    def pre_validate(self, form) -> None:
        if (self.data or "").strip() or "canned" not in form:
            return
        picked = getattr(form, "canned_texts", {}).get(form.canned.data)
        if picked:
            self.data = picked


def _reason(
    field_id: str,
    required_message: str | None,
    hint: str,
    max_length: int = MAX_REASON_LENGTH,
) -> ReasonField:
    """A Reason field; the id tells apart the several reasons a review page asks for."""
    # Without a message the reason is optional here, and the form decides when it is needed.
    validators = [DataRequired(required_message)] if required_message else []
    validators.append(Length(max=max_length, message=f"At most {max_length:,} characters."))
    return ReasonField("Reason", id=field_id, validators=validators, description=hint)


def _canned(field_id: str) -> SelectField:
    """The canned reasons beside a Reason field; their choices are set per page."""
    return SelectField(
        "Canned reason",
        id=f"{field_id}-canned",
        choices=[WRITE_MY_OWN],
        default="",
        description="Its text is used when the Reason above is left empty.",
    )


def offer_canned_reasons(forms, reasons: list[CannedReason]) -> None:
    """Let each form's Reason take one of ``reasons``: the choices, and the texts they give."""
    choices = [WRITE_MY_OWN, *(SelectChoice(str(reason.id), reason.title) for reason in reasons)]
    texts = {str(reason.id): reason.text for reason in reasons}
    for form in forms:
        if "canned" in form:
            form.canned.choices = list(choices)
            form.canned_texts = texts


class DecisionForm(FlaskForm):
    # The post as the moderator read it; a decision on a stale page is refused.
    version = HiddenField(validators=[DataRequired()])
    # Where to go once decided: back to the queue view the decision was taken from.
    next = HiddenField()


def _decision_form(verb: str) -> type[DecisionForm]:
    """The form of a one-button decision, worded by the table of post actions."""
    rule = next(rule for rule in MODERATOR_ACTIONS.values() if rule.verb == verb)
    fields = {}
    if rule.reason is not None:
        fields["reason"] = _reason(f"{verb}-reason", rule.reason.required_message, rule.reason.hint)
        fields["canned"] = _canned(f"{verb}-reason")
    fields["submit"] = button(rule.button)
    name = "".join(word.capitalize() for word in verb.split("-")) + "Form"
    return type(name, (DecisionForm,), fields)


# The edit decision has a form of its own (EditForm, below): the text and its redactions.
DECISION_FORMS = {verb: _decision_form(verb) for verb in VERBS if verb != EDIT_VERB}
ApproveForm = DECISION_FORMS["approve"]
RejectForm = DECISION_FORMS["reject"]
RemoveForm = DECISION_FORMS["remove"]
RestoreForm = DECISION_FORMS["restore"]
DismissReportsForm = DECISION_FORMS["dismiss-reports"]

_EDIT = ACTIONS[PostAction.EDIT_AND_APPROVE]


class EditForm(DecisionForm):
    body = body_field("Text to publish", "The text cannot be empty.", id="moderated-text")
    reason = _reason("edit-reason", None, _EDIT.reason.hint)
    canned = _canned("edit-reason")
    # Set by the button of the finding to redact: the text of that finding.
    redact = HiddenField()
    redact_all = button("Redact all")
    submit = button(_EDIT.button)

    @property
    def redacting(self) -> bool:
        return bool(self.redact.data) or self.redact_all.data

    # The text the moderator started from (set by the view): an edit that only redacted
    # personal information in it needs no typed reason.
    original_text: str | None = None

    def validate_reason(self, field) -> None:
        if not self.submit.data or (field.data or "").strip():
            return
        if self.original_text is not None and only_redacted(
            self.original_text, self.body.data or ""
        ):
            field.data = REDACTED_REASON
            return
        raise ValidationError(_EDIT.reason.hint)


class SuspendForm(FlaskForm):
    reason = _reason(
        "suspend-reason",
        "Say why the member is suspended; they read this.",
        "Shown to the member.",
        MAX_SUSPENSION_REASON_LENGTH,
    )
    canned = _canned("suspend-reason")
    # The service says which lengths there are and refuses the rest, with its own words.
    length = RadioField(
        "How long",
        choices=[SelectChoice(length.value, label) for length, label in LENGTH_LABELS.items()],
        validators=[Optional()],
        validate_choice=False,
    )
    until = DateField(
        "Until",
        validators=[Optional()],
        description="The suspension ends at the start of this day (UTC). With no length "
        "chosen and no day, it lasts until a moderator lifts it.",
    )
    submit = button("Suspend")


class CleanUpForm(FlaskForm):
    """Remove all of a member's posts and suspend them, with one reason for it all."""

    reason = _reason(
        "clean-up-reason",
        "Say why; the member reads this on each post and on their suspension.",
        "Shown to the member, on each post taken down and on the suspension.",
        MAX_SUSPENSION_REASON_LENGTH,
    )
    canned = _canned("clean-up-reason")
    submit = button("Remove all posts and suspend")


class LiftSuspensionForm(FlaskForm):
    submit = button("Lift suspension")


class LogFilterForm(FlaskForm):
    """The audit log's filters, read from the address (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    moderator = SelectField("Moderator", choices=[SelectChoice("", "Any moderator")], default="")
    action = SelectField("Action", choices=[SelectChoice("", "Any action")], default="")
    condition = SelectField("Condition", choices=[SelectChoice("", "Any condition")], default="")
    submit = button("Filter")


class QueueFilterForm(FlaskForm):
    """The queue's condition filter, read from the address."""

    class Meta:
        csrf = False

    show = HiddenField()
    condition = SelectField("Condition", choices=[SelectChoice("", "All conditions")])
    submit = button("Filter")


# A ticked post on the queue: its id and its version as the page showed it, "123:9f0c…".
_SELECTED = re.compile(r"([1-9][0-9]{0,9}):([0-9a-f]{1,128})")
MAX_SELECTED = 200
_REJECT = ACTIONS[PostAction.REJECT]


class BulkDecisionForm(FlaskForm):
    """The queue's decision on the posts ticked on it, with one reason for them all."""

    # Each checkbox is rendered by the queue itself, one per card, carrying "id:version".
    selected = SelectMultipleField("Selected posts", validate_choice=False)
    reason = _reason("bulk-reason", None, "Needed to reject; each author reads it.")
    canned = _canned("bulk-reason")
    next = HiddenField()
    approve = button("Approve selected")
    reject = button("Reject selected")

    @property
    def verb(self) -> str:
        return "reject" if self.reject.data else "approve"

    def chosen(self) -> list[tuple[int, str]]:
        """The ticked posts as (id, version), once the form has validated."""
        return [_parse_selected(value) for value in self.selected.data]

    def validate_selected(self, field) -> None:
        if not field.data:
            raise ValidationError("Tick the posts to decide first.")
        if len(field.data) > MAX_SELECTED:
            raise ValidationError(f"Decide at most {MAX_SELECTED} posts at once.")
        for value in field.data:
            match = _SELECTED.fullmatch(value)
            if match is None or int(match.group(1)) > MAX_ID:
                raise ValidationError("Tick posts on the queue: one of them was not a post.")

    def validate_reason(self, field) -> None:
        if self.reject.data and not (field.data or "").strip():
            raise ValidationError(_REJECT.reason.required_message)


def _parse_selected(value: str) -> tuple[int, str]:
    post_id, version = value.split(":", 1)
    return int(post_id), version
