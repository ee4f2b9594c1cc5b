"""How the API answers: JSON with an ETag, CORS headers, and errors as JSON too."""

from typing import Any

from flask import Flask, current_app, jsonify, request
from werkzeug.wrappers import Response

from community.json_errors import is_api_request, json_error
from community.paging import MAX_PAGE

# Headers a script on another site may read from our answers.
EXPOSED_HEADERS = "ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"


class BadRequest(Exception):
    """A query parameter the API cannot read; answered with a 400 saying which."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def json_response(body: dict[str, Any]) -> Response:
    """Answer with ``body``, cacheable by anyone: the API shows everyone the same thing."""
    response = jsonify(body)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["COMMUNITY_VISITOR_MAX_AGE"]
    response.add_etag()
    return response.make_conditional(request)


def requested_page() -> int:
    """Read ``?page=``: a whole number from 1 to MAX_PAGE, or a 400 that says so."""
    raw = request.args.get("page")
    if raw is None:
        return 1
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise BadRequest(f"page must be a whole number from 1 to {MAX_PAGE}.")
    return int(raw)


def _allow_any_origin(response: Response) -> Response:
    if not is_api_request():
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":
        # The preflight of a GET that sends If-None-Match or Accept.
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def register(app: Flask) -> None:
    app.after_request(_allow_any_origin)
    app.register_error_handler(BadRequest, lambda error: json_error(400, error.message))
