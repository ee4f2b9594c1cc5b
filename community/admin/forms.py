"""Admins' forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from community.admin.conditions import ABOUT_LENGTH, NAME_LENGTH, SLUG_LENGTH
from community.forms import button
from community.models import CannedReason, ReviewerProfile, Role, User

USERNAME_LENGTH = User.__table__.c.username.type.length
PROFILE_LENGTHS = {
    column.name: getattr(column.type, "length", None) for column in ReviewerProfile.__table__.c
}

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


REASON_LENGTH = 500


def _at_most(length: int) -> Length:
    return Length(max=length, message=f"At most {length:,} characters.")


def reason_field() -> StringField:
    """The optional *Reason* an admin gives for a change; the audit log keeps it."""
    return StringField(
        "Reason",
        validators=[Optional(), _at_most(REASON_LENGTH)],
        description="Optional: why, for the audit log.",
    )


class MemberFilterForm(FlaskForm):
    """The members list's filter, read from the address (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    username = StringField("Username", validators=[Optional(), _at_most(USERNAME_LENGTH)])
    submit = button("Filter")


class RolesForm(FlaskForm):
    """One checkbox per role, named after it."""

    moderator = BooleanField("Moderator")
    editor = BooleanField("Editor")
    reviewer = BooleanField("Reviewer")
    admin = BooleanField("Admin")
    reason = reason_field()
    submit = button("Save roles")

    def role_fields(self) -> list[tuple[Role, BooleanField]]:
        return [(role, self[role.value]) for role in Role]

    def wanted(self) -> set[Role]:
        return {role for role, checkbox in self.role_fields() if checkbox.data}


class ReviewerProfileForm(FlaskForm):
    full_name = StringField(
        "Full name",
        validators=[
            DataRequired("Give the reviewer's full name, as sign-offs show it."),
            _at_most(PROFILE_LENGTHS["full_name"]),
        ],
        description="As the question pages show it: “Medically reviewed by …”.",
    )
    credentials = StringField(
        "Credentials",
        validators=[
            DataRequired("Give the reviewer's credentials, such as MD."),
            _at_most(PROFILE_LENGTHS["credentials"]),
        ],
    )
    specialty = StringField(
        "Specialty",
        validators=[
            DataRequired("Give the reviewer's specialty."),
            _at_most(PROFILE_LENGTHS["specialty"]),
        ],
    )
    registration_number = StringField(
        "Registration number",
        validators=[Optional(), _at_most(PROFILE_LENGTHS["registration_number"])],
        description="Optional: the reviewer's professional registration.",
    )
    reason = reason_field()
    submit = button("Save profile")


class ConditionForm(FlaskForm):
    """A condition's fields; what makes them valid is checked by community.admin.conditions."""

    name = StringField("Name", validators=[_at_most(NAME_LENGTH)])
    slug = StringField(
        "Slug",
        validators=[_at_most(SLUG_LENGTH)],
        description=(
            "The condition's address: /conditions/<slug>. Lower-case letters, digits and "
            "hyphens. Changing it changes the address; the old address keeps leading here "
            "(a permanent redirect), so no other condition can take the old slug."
        ),
    )
    about = TextAreaField(
        "About",
        validators=[_at_most(ABOUT_LENGTH)],
        description="Markdown, shown at the top of the condition's page.",
    )
    synonyms = TextAreaField(
        "Synonyms",
        description="Other names people search by: one per line, or separated by commas.",
    )
    reason = reason_field()
    submit = button("Save condition")
