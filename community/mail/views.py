"""One-click unsubscribe from a kind of mail, without logging in (RFC 8058)."""

from flask import Blueprint, abort, render_template
from flask_wtf import FlaskForm

from community.extensions import csrf, db
from community.forms import button
from community.mail import services
from community.models import MailChoice

blueprint = Blueprint("mail", __name__)


class UnsubscribeForm(FlaskForm):
    # The signed token in the address is what authorises the change: mail programs post
    # here with no page, no cookie and no CSRF token (List-Unsubscribe-Post).
    class Meta:
        csrf = False

    submit = button("Unsubscribe")


@blueprint.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    # GET only asks: link checkers in mail systems open links without a person behind them.
    named = services.read_unsubscribe_token(token) or abort(
        404, description="This unsubscribe link is not valid any more."
    )
    member, kind = named
    form = UnsubscribeForm()
    done = form.is_submitted()
    if done:
        services.set_mail_choice(member, kind, MailChoice.NEVER)
        db.session.commit()
    return render_template(
        "mail/unsubscribe.html",
        form=form,
        done=done,
        kind_label=services.KINDS[kind].label,
    )
