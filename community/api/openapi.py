"""The OpenAPI 3.1 description of the API, served at /api/v1/openapi.json.

Objects list every field they carry (``additionalProperties: false``): a field added to an
answer without being described here fails the tests that check answers against it.
"""

from functools import cache
from typing import Any

from flask import current_app

from community.models import Relation
from community.paging import MAX_PAGE
from community.posts.threads import DEFAULT_ORDER, ExperienceOrder


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(**properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
COUNT = {"type": "integer", "minimum": 0}
PAGE_NUMBER = {"type": "integer", "minimum": 1}
DATE = {"type": "string", "format": "date"}
TIME = {"type": "string", "format": "date-time"}
ORDERS = {"enum": [order.value for order in ExperienceOrder]}
RELATIONS = {"enum": [relation.value for relation in Relation]}

SCHEMAS: dict[str, Any] = {
    "Links": _object(self=URL, next=_nullable(URL), prev=_nullable(URL)),
    "ConditionItem": _object(
        slug=STRING,
        name=STRING,
        member_count=COUNT,
        contribution_count=COUNT,
        url=URL,
        page_url=URL,
    ),
    "ConditionList": _object(
        conditions={"type": "array", "items": _ref("ConditionItem")},
        page=PAGE_NUMBER,
        pages=PAGE_NUMBER,
        total=COUNT,
        links=_ref("Links"),
    ),
    "QuestionItem": _object(slug=STRING, title=STRING, sharer_count=COUNT, url=URL, page_url=URL),
    "Condition": _object(
        slug=STRING,
        name=STRING,
        member_count=COUNT,
        contribution_count=COUNT,
        url=URL,
        page_url=URL,
        about_html={**STRING, "description": "Sanitized HTML."},
        feed_url=URL,
        questions={"type": "array", "items": _ref("QuestionItem")},
    ),
    "ConditionAnswer": _object(condition=_ref("Condition"), links=_ref("Links")),
    "Reviewer": _object(name=STRING, credentials=_nullable(STRING)),
    "Source": _object(title=STRING, url=_nullable(STRING)),
    "Summary": _object(
        short_answer=STRING,
        body_html={**STRING, "description": "Sanitized HTML."},
        reviewer=_nullable(_ref("Reviewer")),
        reviewed_on=_nullable(DATE),
        updated_on=DATE,
        next_review_due=_nullable(DATE),
        sources={"type": "array", "items": _ref("Source")},
    ),
    "Post": {
        **_object(
            id={"type": "integer", "minimum": 1},
            kind={"enum": ["experience", "reply"]},
            available={
                "type": "boolean",
                "description": "False for a post out of view (deleted, removed): a placeholder "
                "that keeps the thread's shape, without text or author.",
            },
            author={
                **_nullable(STRING),
                "description": "The member's username; null for a former member.",
            },
            relation=_nullable(RELATIONS),
            created_at=TIME,
            body_html=_nullable({**STRING, "description": "Sanitized HTML."}),
            in_reply_to=_nullable(STRING),
            replies={"type": "array", "items": _ref("Post")},
        ),
    },
    "QuestionCondition": _object(slug=STRING, name=STRING, url=URL),
    "Question": _object(
        slug=STRING,
        title=STRING,
        sharer_count=COUNT,
        page_url=URL,
        feed_url=URL,
        condition=_ref("QuestionCondition"),
        summary={
            **_nullable(_ref("Summary")),
            "description": "The published, medically reviewed summary; null until there is one.",
        },
        order={**ORDERS, "description": "The order the experiences are listed in."},
        relation={
            **_nullable(RELATIONS),
            "description": "Only experiences whose authors relate so to the condition; null: all.",
        },
        experiences={"type": "array", "items": _ref("Post")},
        page=PAGE_NUMBER,
        pages=PAGE_NUMBER,
        total_experiences=COUNT,
    ),
    "QuestionAnswer": _object(question=_ref("Question"), links=_ref("Links")),
    "SearchResult": _object(
        kind={"enum": ["summary", "experience", "reply"]},
        condition=_object(slug=STRING, name=STRING),
        question=_object(slug=STRING, title=STRING, url=URL),
        post_id={
            **_nullable({"type": "integer", "minimum": 1}),
            "description": "Null for a summary.",
        },
        published_at=TIME,
        snippet_html={
            **STRING,
            "description": "Escaped text with <mark> around the words searched for.",
        },
        page_url=URL,
    ),
    "SearchAnswer": _object(
        query=STRING,
        page=PAGE_NUMBER,
        matching_conditions={
            "type": "array",
            "items": _object(slug=STRING, name=STRING, url=URL),
        },
        results={"type": "array", "items": _ref("SearchResult")},
        links=_ref("Links"),
    ),
    "Error": _object(error=_object(status={"type": "integer"}, message=STRING)),
}

PAGE_PARAMETER = {
    "name": "page",
    "in": "query",
    "required": False,
    "description": "The page of a paged listing, from 1; past the last, the last page.",
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
}

ORDER_PARAMETER = {
    "name": "order",
    "in": "query",
    "required": False,
    "description": "How the experiences are ordered: oldest or newest first, or the most "
    "replied to first.",
    "schema": {**ORDERS, "default": DEFAULT_ORDER.value},
}
RELATION_PARAMETER = {
    "name": "relation",
    "in": "query",
    "required": False,
    "description": "Only the experiences of authors who relate so to the condition (a patient, "
    "a caregiver…); without it, everyone's.",
    "schema": RELATIONS,
}

SEARCH_PARAMETER = {
    "name": "q",
    "in": "query",
    "required": False,
    "description": (
        'What to look for: words, "exact phrases" and prefix*; any text is taken but a NUL '
        "character (400)."
    ),
    "schema": {"type": "string", "pattern": "^[^\\u0000]*$"},
}
CONDITION_FILTER = {
    "name": "condition",
    "in": "query",
    "required": False,
    "description": "A condition's slug: search within that condition only (empty: all).",
    "schema": {"type": "string", "pattern": "^[a-z0-9-]*$", "maxLength": 160},
}


def _slug(name: str, what: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": f"The {what}'s slug, as in its page's address.",
        "schema": {"type": "string", "pattern": "^[a-z0-9-]+$", "maxLength": 160},
    }


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


def _operation(
    summary: str, operation_id: str, schema: str, parameters: list, paged: bool = False
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {
            "description": summary,
            "headers": {
                "ETag": {"schema": STRING, "description": "Send it back as If-None-Match."}
            },
            "content": {"application/json": {"schema": _ref(schema)}},
        },
        "304": {"description": "Not modified since the ETag sent in If-None-Match."},
        "429": _error("Too many requests from this address; see Retry-After."),
    }
    if paged:
        refused = ["A page that is not a whole number from 1"]
        if ORDER_PARAMETER in parameters:
            refused.append("an order or relation not offered")
        responses["400"] = _error(", ".join(refused) + ", or text holding a NUL character.")
    if any(parameter["in"] == "path" or parameter is CONDITION_FILTER for parameter in parameters):
        responses["404"] = _error("No such condition or question.")
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": parameters,
            "responses": responses,
        }
    }


@cache
def _document(site_name: str) -> dict[str, Any]:
    condition, question = _slug("slug", "condition"), _slug("qslug", "question")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{site_name} API",
            "version": "1.0.0",
            "description": "Read-only: conditions, their questions, the medically reviewed "
            "summaries and members' published experiences. Open to any origin (CORS, no "
            "credentials); rate limited per address; answers carry an ETag.",
        },
        "paths": {
            "/api/v1/conditions": _operation(
                "Every condition, with member and contribution counts",
                "listConditions",
                "ConditionList",
                [PAGE_PARAMETER],
                paged=True,
            ),
            "/api/v1/conditions/{slug}": _operation(
                "A condition and its questions, with sharer counts",
                "getCondition",
                "ConditionAnswer",
                [condition],
            ),
            "/api/v1/conditions/{slug}/questions/{qslug}": _operation(
                "A question: its reviewed summary and a page of experiences with their replies",
                "getQuestion",
                "QuestionAnswer",
                [condition, question, PAGE_PARAMETER, ORDER_PARAMETER, RELATION_PARAMETER],
                paged=True,
            ),
            "/api/v1/search": _operation(
                'Published summaries and experiences matching words, "phrases" or prefix*',
                "search",
                "SearchAnswer",
                [SEARCH_PARAMETER, CONDITION_FILTER, PAGE_PARAMETER],
                paged=True,
            ),
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This description",
                    "operationId": "getOpenApi",
                    "responses": {
                        "200": {
                            "description": "The OpenAPI document",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "304": {"description": "Not modified."},
                        "429": _error("Too many requests from this address."),
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }


def openapi_document() -> dict[str, Any]:
    """Return the API's OpenAPI 3.1 description."""
    return _document(current_app.config["COMMUNITY_SITE_NAME"])
