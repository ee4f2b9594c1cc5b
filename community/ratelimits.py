"""Rate limits: how often one address or account may log in, register, share, reply, edit, report.

Each limit is a setting (``COMMUNITY_LIMIT_*``, in the ``limits`` notation such as
``"10 per minute; 50 per hour"``), read when a request is checked. Counters live where
``RATELIMIT_STORAGE_URI`` says: in the process by default, in Redis to share them
between processes and hosts. A refused request gets the 429 page, which says when to
try again, and a ``Retry-After`` header. Apply a limit with one decorator line::

    @blueprint.post("/posts/<id:post_id>/report")
    @report_limit
    @login_required
    def report(post_id): ...
"""

import math
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, render_template, request
from flask_limiter import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import current_user
from werkzeug.wrappers import Response

from community.extensions import limiter
from community.json_errors import is_api_request, json_error


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


# Finds the account a log-in names (by username or email), or None.
FindAccount = Callable[[str], Any]


def _account_named_in_login_form(find_account: FindAccount) -> Callable[[], str]:
    """Key failed log-ins by the account named, whether by username or by email.

    One account is one counter however it is named; a name no account holds is counted
    by its text. Worked out once per request: the limit is checked, then counted. The
    accounts feature passes its lookup in: rate limits sit below the features they limit.
    """

    def key() -> str:
        if "login_limit_key" not in g:
            g.login_limit_key = _login_limit_key(request.form.get("identifier", ""), find_account)
        return g.login_limit_key

    return key


def _login_limit_key(identifier: str, find_account: FindAccount) -> str:
    """The counter for log-ins naming ``identifier``; empty (no limit) for an empty name."""
    # An empty key skips the limit: a form without a name is refused by validation anyway.
    identifier = identifier.strip().lower()
    if not identifier:
        return ""
    account = find_account(identifier)
    return f"account:{account.id}" if account else f"account-name:{identifier}"


def _member() -> str:
    return f"member:{current_user.id}" if current_user.is_authenticated else ""


def _succeeded(response: Response) -> bool:
    return response.status_code < 400


def _failed_log_ins(setting: str, key_func: Callable[[], str]) -> Callable[[Callable], Callable]:
    """Count every log-in as it arrives, and give it back once it succeeds.

    Members log in freely, and only failed attempts stay counted. Counting a failure only
    after its answer would let attempts sent at the same moment all pass the check before
    any of them is counted: as many guesses as an attacker sends at once.
    """
    counter = {"key_func": key_func, "methods": ["POST"], "scope": setting}
    counted = limiter.limit(_setting(setting), **counter)
    # The same counter, moved back by one after a success.
    given_back = limiter.limit(_setting(setting), **counter, deduct_when=_succeeded, cost=-1)
    return lambda view: counted(given_back(view))


_log_in_per_address = _failed_log_ins("COMMUNITY_LIMIT_LOGIN_PER_ADDRESS", get_remote_address)


def log_in_limits(find_account: FindAccount) -> Callable[[Callable], Callable]:
    """Failed log-ins, per address and per account named, as found by ``find_account``."""
    per_account = _failed_log_ins(
        "COMMUNITY_LIMIT_LOGIN_PER_ACCOUNT", _account_named_in_login_form(find_account)
    )
    return lambda view: _log_in_per_address(per_account(view))


register_limit = limiter.limit(
    _setting("COMMUNITY_LIMIT_REGISTER"), key_func=get_remote_address, methods=["POST"]
)


def _email_in_form() -> str:
    """Key requests for a reset link by the address asked for, whoever asks."""
    email = request.form.get("email", "").strip().lower()
    return f"reset-email:{email}" if email else ""


_reset_per_address = limiter.limit(
    _setting("COMMUNITY_LIMIT_RESET_PER_ADDRESS"),
    key_func=get_remote_address,
    methods=["POST"],
    scope="COMMUNITY_LIMIT_RESET_PER_ADDRESS",
)
_reset_per_account = limiter.limit(
    _setting("COMMUNITY_LIMIT_RESET_PER_ACCOUNT"),
    key_func=_email_in_form,
    methods=["POST"],
    scope="COMMUNITY_LIMIT_RESET_PER_ACCOUNT",
)


def reset_request_limits(view: Callable) -> Callable:
    """Reset links asked for, per address and per email address named: every one counts,
    since the answer is the same whether or not an account has the address."""
    return _reset_per_address(_reset_per_account(view))


# Setting a password from a reset link: per address, like failed log-ins.
reset_limit = _reset_per_address
verify_resend_limit = limiter.limit(
    _setting("COMMUNITY_LIMIT_VERIFY_RESEND"), key_func=_member, methods=["POST"]
)
share_limit = limiter.limit(_setting("COMMUNITY_LIMIT_SHARE"), key_func=_member)
reply_limit = limiter.limit(_setting("COMMUNITY_LIMIT_REPLY"), key_func=_member)
report_limit = limiter.limit(_setting("COMMUNITY_LIMIT_REPORT"), key_func=_member)
helped_limit = limiter.limit(_setting("COMMUNITY_LIMIT_HELPED"), key_func=_member)
# Each edit is rendered and searched for personal information like a new post: only
# sending one counts, not opening the form.
edit_limit = limiter.limit(_setting("COMMUNITY_LIMIT_EDIT"), key_func=_member, methods=["POST"])
suggest_limit = limiter.limit(
    _setting("COMMUNITY_LIMIT_SUGGEST"), key_func=_member, methods=["POST"]
)
# One counter per address for every API route together.
api_limit = limiter.shared_limit(
    _setting("COMMUNITY_LIMIT_API"), scope="api", key_func=get_remote_address
)


def seconds_until_retry() -> int:
    """How long until the limit just reached lets the next request through."""
    breached = limiter.current_limit
    if breached is None:
        return 60
    return max(1, math.ceil(breached.reset_at - time.time()))


def describe_wait(seconds: int) -> str:
    """Say how long to wait the way people do: "30 seconds", "4 minutes", "2 hours"."""
    for unit, length in (("hour", 3600), ("minute", 60)):
        if seconds >= length:
            count = math.ceil(seconds / length)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def too_many_requests(error: RateLimitExceeded):
    """The 429 page: what happened, and when to try again."""
    seconds = seconds_until_retry()
    if is_api_request():
        message = f"Too many requests. Please wait {describe_wait(seconds)} and try again."
        return json_error(429, message, {"Retry-After": str(seconds)})
    error.description = (
        "You have done this too many times in a short while. "
        f"Please wait {describe_wait(seconds)} and try again."
    )
    page = render_template("site/error.html", error=error, code=429)
    return page, 429, {"Retry-After": str(seconds)}


def register(app: Flask) -> None:
    app.register_error_handler(RateLimitExceeded, too_many_requests)
