"""Security headers on every response, secure cookies, and input no database can store.

People write about their health here, so pages say as little as possible to other
origins: no inline script or style (the Content-Security-Policy forbids both), no
framing, no referrer beyond the origin, no powerful browser features.
"""

from flask import Flask, abort, current_app, request
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}
FORM_MIMETYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NUL_REFUSED = "The text contains a NUL character (U+0000), which cannot be stored. Remove it."


def add_security_headers(response: Response) -> Response:
    """Set the security headers (what caches may keep is ``community.http_caching``'s call)."""
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    config = current_app.config
    if config["COMMUNITY_HTTPS"]:
        response.headers.setdefault(
            "Strict-Transport-Security",
            f"max-age={config['COMMUNITY_HSTS_MAX_AGE']}; includeSubDomains",
        )
    return response


def refuse_nul_characters() -> None:
    """Answer 400 to input holding U+0000: PostgreSQL cannot store it in text."""
    values = [*(request.view_args or {}).values()]
    values.extend(value for _, listed in request.args.lists() for value in listed)
    if request.method == "POST" and request.mimetype in FORM_MIMETYPES:
        values.extend(value for _, listed in request.form.lists() for value in listed)
    if any(isinstance(value, str) and "\x00" in value for value in values):
        abort(400, description=NUL_REFUSED)


def init_app(app: Flask) -> None:
    """Secure cookies when served over HTTPS, and check every request and response."""
    if app.config["COMMUNITY_HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = True
    # The remember-me cookie carries a login too: it is as secure as the session cookie.
    app.config["REMEMBER_COOKIE_SECURE"] = (
        app.config["REMEMBER_COOKIE_SECURE"] or app.config["SESSION_COOKIE_SECURE"]
    )
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)
