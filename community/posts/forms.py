"""Sharing, replying and editing; their labels are part of the product's public surface."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from community.forms import button
from community.models import ReportReason
from community.text import normalize_newlines, text_fingerprint

MAX_POST_LENGTH = 20_000
TOO_LONG = f"Posts can be at most {MAX_POST_LENGTH:,} characters."


def body_field(label: str, empty_message: str, **options) -> TextAreaField:
    """The text of a post: line breaks as LF, not empty, at most MAX_POST_LENGTH."""
    return TextAreaField(
        label,
        filters=(normalize_newlines,),
        validators=[DataRequired(empty_message), Length(max=MAX_POST_LENGTH, message=TOO_LONG)],
        **options,
    )


class _PostForm(FlaskForm):
    # Set when the author has seen the personal-information warning for this exact text.
    warned_for = HiddenField()

    def warning_acknowledged(self) -> bool:
        return self.warned_for.data == text_fingerprint(self.body.data or "")

    def acknowledge_warning(self) -> None:
        self.warned_for.data = text_fingerprint(self.body.data or "")


class ShareForm(_PostForm):
    body = body_field("Your experience", "Write your experience first.")
    submit = button("Share experience")


class ReplyForm(_PostForm):
    body = body_field("Your reply", "Write your reply first.")
    submit = button("Reply")


class EditForm(_PostForm):
    body = body_field("Your post", "A post cannot be empty.")
    submit = button("Save changes")


class RewriteForm(_PostForm):
    body = body_field("Your post", "A post cannot be empty.")
    submit = button("Rewrite and send again")


class DeleteForm(FlaskForm):
    submit = button("Delete")


MAX_REPORT_DETAILS_LENGTH = 1000
DETAILS_FOR_OTHER = "Say what is wrong with the post: the reason “Other” needs details."


class ReportForm(FlaskForm):
    reason = SelectField(
        "Reason",
        choices=[
            SelectChoice("", "Choose a reason"),
            *(SelectChoice(reason.value, reason.label) for reason in ReportReason),
        ],
        validators=[DataRequired("Choose why you report this post.")],
    )
    details = TextAreaField(
        "Details",
        filters=(normalize_newlines,),
        validators=[
            Length(
                max=MAX_REPORT_DETAILS_LENGTH,
                message=f"At most {MAX_REPORT_DETAILS_LENGTH:,} characters.",
            )
        ],
    )
    submit = button("Report")

    def validate_details(self, field) -> None:
        if self.reason.data == ReportReason.OTHER.value and not (field.data or "").strip():
            raise ValidationError(DETAILS_FOR_OTHER)

    @property
    def note(self) -> str | None:
        """The reporter's details, or None when they gave none."""
        return (self.details.data or "").strip() or None


class HelpedForm(FlaskForm):
    # "yes" marks, "no" takes the mark back: a repeated click does what it says.
    helped = HiddenField()
    # The page the member pressed it on (its order, filter and page), to go back there.
    next = HiddenField()
    submit = button("This helped me")
