"""The API's routes: parse the page, read through the pages' services, answer JSON."""

from flask import Blueprint, abort, current_app, request

from community.api import representations as represent
from community.api.openapi import openapi_document
from community.api.responses import json_response, requested_page
from community.conditions import services
from community.page_cache import visitor_page
from community.page_versions import (
    DIRECTORY,
    PUBLISHED,
    SITE,
    condition_scope_by_slug,
    question_scope_by_slugs,
)
from community.paging import reading_arguments, requested_reading
from community.posts.threads import load_experience_page
from community.ratelimits import api_limit
from community.search import services as search_services

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

CONDITIONS_PER_PAGE = 50


@blueprint.get("/conditions")
@api_limit
@visitor_page(lambda: (SITE, DIRECTORY), query=("page",))
def conditions():
    page = requested_page()
    every = services.list_conditions()
    pages = represent.pages_of(len(every), CONDITIONS_PER_PAGE)
    page = min(page, pages)
    shown = every[(page - 1) * CONDITIONS_PER_PAGE : page * CONDITIONS_PER_PAGE]
    return json_response(
        {
            "conditions": [represent.condition_item(row) for row in shown],
            "page": page,
            "pages": pages,
            "total": len(every),
            "links": represent.page_links("api.conditions", page, pages),
        }
    )


@blueprint.get("/conditions/<slug>")
@api_limit
@visitor_page(lambda slug: (SITE, condition_scope_by_slug(slug)))
def condition(slug: str):
    found = services.get_condition(slug) or abort(404, description="No such condition.")
    return json_response(
        {
            "condition": represent.condition_detail(found, services.list_questions(found.id)),
            "links": represent.page_links("api.condition", 1, 1, slug=slug),
        }
    )


@blueprint.get("/conditions/<slug>/questions/<qslug>")
@api_limit
@visitor_page(
    lambda slug, qslug: (
        SITE,
        condition_scope_by_slug(slug),
        question_scope_by_slugs(slug, qslug),
    ),
    query=("page", "order", "relation"),
)
def question(slug: str, qslug: str):
    page = requested_page()
    reading = requested_reading()
    found = services.get_question(slug, qslug) or abort(404, description="No such question.")
    revision = services.current_summary(found)
    # Everyone reads the API as a visitor: published posts only, whoever asks.
    experiences = load_experience_page(
        found,
        page=page,
        per_page=current_app.config["COMMUNITY_EXPERIENCES_PER_PAGE"],
        reading=reading,
    )
    return json_response(
        {
            "question": represent.question_detail(found, revision, experiences, reading),
            "links": represent.page_links(
                "api.question",
                experiences.page,
                experiences.pages,
                slug=slug,
                qslug=qslug,
                **reading_arguments(reading),
            ),
        }
    )


@blueprint.get("/search")
@api_limit
@visitor_page(lambda: (SITE, PUBLISHED), query=("q", "condition", "page"))
def search():
    query = request.args.get("q", "", type=str)
    condition = request.args.get("condition", "", type=str) or None
    try:
        found = search_services.search(query, condition, page=requested_page())
    except search_services.UnknownCondition:
        abort(404, description="There is no such condition to search within.")
    values = {"q": query, **({"condition": condition} if condition else {})}
    return json_response(represent.search_answer(found, values))


@blueprint.get("/openapi.json")
@api_limit
def openapi():
    return json_response(openapi_document())
