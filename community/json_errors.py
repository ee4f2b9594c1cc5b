"""Errors answered as JSON to the API's callers, who cannot read the HTML error pages."""

from flask import jsonify, request
from werkzeug.wrappers import Response

API_PREFIX = "/api/"


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """An error as JSON, for scripts that cannot read the HTML error pages."""
    response = jsonify({"error": {"status": status, "message": message}})
    response.status_code = status
    response.headers.update(headers or {})
    return response
