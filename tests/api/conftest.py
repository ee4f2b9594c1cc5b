"""The API's tests read what the page checkers' world holds: every state of post is there."""

import pytest
from flask import Flask
from jsonschema import Draft202012Validator

from community.api.openapi import openapi_document
from tests.page_types import World, make_world

QUESTION = "/api/v1/conditions/asthma/questions/what-causes-it"


@pytest.fixture
def world(app: Flask) -> World:
    return make_world(app)


def validator_for(app: Flask, schema_name: str) -> Draft202012Validator:
    """Check a body against one of the document's schemas, its references resolved within."""
    with app.test_request_context():
        document = openapi_document()
    return Draft202012Validator(
        {**document, "$ref": f"#/components/schemas/{schema_name}"},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_conforms(app: Flask, body: dict, schema_name: str) -> None:
    errors = sorted(validator_for(app, schema_name).iter_errors(body), key=str)
    assert errors == [], "\n".join(f"{list(error.path)}: {error.message}" for error in errors)
