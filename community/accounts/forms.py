"""Account forms; their labels are part of the product's public surface."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from community.accounts.services import (
    EMAIL_PATTERN,
    EMAIL_RULE,
    MIN_PASSWORD_LENGTH,
    PASSWORD_RULE,
    USERNAME_PATTERN,
    USERNAME_RULE,
)
from community.forms import button


def _matches(pattern, message: str):
    """A validator: the whole value, trimmed, matches ``pattern``."""

    def check(form, field) -> None:
        if field.data and not pattern.fullmatch(field.data.strip()):
            raise ValidationError(message)

    return check


class RegisterForm(FlaskForm):
    # Every rule is checked here as well as in the service, so that all are said at once.
    username = StringField(
        "Username",
        validators=[
            DataRequired("Choose a username."),
            _matches(USERNAME_PATTERN, USERNAME_RULE),
        ],
        description="3 to 30 letters, digits, _ or -. Shown publicly; choose a pseudonym.",
    )
    email = EmailField(
        "Email",
        validators=[
            DataRequired("Enter your email address."),
            Length(max=254, message=EMAIL_RULE),
            _matches(EMAIL_PATTERN, EMAIL_RULE),
        ],
        description="We send a link to confirm it. Never shown to anyone.",
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Choose a password."),
            Length(min=MIN_PASSWORD_LENGTH, max=1024, message=PASSWORD_RULE),
        ],
        description=f"At least {MIN_PASSWORD_LENGTH} characters.",
    )
    confirm = PasswordField(
        "Confirm password",
        validators=[
            DataRequired("Type the password again."),
            EqualTo("password", message="The passwords do not match."),
        ],
        description="The same password again.",
    )
    next = HiddenField()
    submit = button("Create account")


class LoginForm(FlaskForm):
    identifier = StringField("Email or username", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField("Remember me")
    next = HiddenField()
    submit = button("Log in")


class LogoutForm(FlaskForm):
    submit = button("Log out")


class MarkAllReadForm(FlaskForm):
    submit = button("Mark all as read")


class ForgotPasswordForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    submit = button("Send reset link")


def _new_password(label: str = "New password") -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=1024)],
        description=f"At least {MIN_PASSWORD_LENGTH} characters.",
    )


def _confirmation() -> PasswordField:
    return PasswordField(
        "Confirm password",
        validators=[
            DataRequired(),
            EqualTo("new_password", message="The passwords do not match."),
        ],
    )


class ResetPasswordForm(FlaskForm):
    new_password = _new_password()
    confirm = _confirmation()
    submit = button("Set password")


class ResendVerificationForm(FlaskForm):
    next = HiddenField()
    submit = button("Send the link again")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=1024)]
    )
    new_password = _new_password()
    confirm = _confirmation()
    change_password = button("Change password")


class ChangeEmailForm(FlaskForm):
    new_email = EmailField(
        "New email",
        validators=[DataRequired(), Length(max=254)],
        description="We send a link to the new address; it takes effect once you follow it.",
    )
    change_email = button("Change email")


class LogOutEverywhereForm(FlaskForm):
    log_out_everywhere = button("Log out everywhere")


def mail_choices_form(kinds, labels, chosen, formdata=None) -> FlaskForm:
    """A form with one Immediately / Daily digest / Never choice per kind of mail."""

    class MailChoicesForm(FlaskForm):
        save_choices = button("Save choices")

    for kind, each in kinds.items():
        field = RadioField(
            each.label,
            choices=[SelectChoice(choice.value, label) for choice, label in labels.items()],
            default=chosen[kind].value,
            validators=[DataRequired()],
        )
        setattr(MailChoicesForm, f"mail_{kind}", field)
    return MailChoicesForm(formdata=formdata) if formdata is not None else MailChoicesForm()
