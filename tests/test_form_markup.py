"""Form fields render only meaningful attributes, so screen readers get what they need."""

from tests.factories import make_community, make_post
from tests.web import log_in, post_form


def test_no_form_attribute_is_rendered_as_none(app, client):
    community = make_community(app)
    post_id = make_post(app, community.wren, question_id=community.question_id)
    pages = ["/auth/register", "/auth/login"]
    for page in pages:
        assert '="None"' not in client.get(page).text, page

    log_in(client, "wren")
    pages = ["/conditions/asthma", "/conditions/asthma/questions/what-causes-it"]
    for page in [*pages, f"/posts/{post_id}/edit"]:
        assert '="None"' not in client.get(page).text, page


def test_a_field_with_errors_points_to_them(client):
    response = post_form(client, "/auth/register", {"username": "x"}, "/auth/register")
    assert 'aria-describedby="username-hint username-errors" aria-invalid="true"' in response.text
    assert '<ul class="errors" id="username-errors">' in response.text
