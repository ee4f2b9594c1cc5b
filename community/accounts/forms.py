"""Account forms; their labels are part of the product's public surface."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from community.accounts.services import MIN_PASSWORD_LENGTH
from community.forms import button


class RegisterForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[DataRequired(), Length(min=3, max=30)],
        description="3 to 30 letters, digits, _ or -. Shown publicly; choose a pseudonym.",
    )
    email = EmailField(
        "Email",
        validators=[DataRequired(), Length(max=254)],
        description="Never shown to anyone.",
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=1024)],
        description=f"At least {MIN_PASSWORD_LENGTH} characters.",
    )
    confirm = PasswordField(
        "Confirm password",
        validators=[DataRequired(), EqualTo("password", message="The passwords do not match.")],
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
