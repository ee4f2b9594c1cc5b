"""Form fields render only meaningful attributes, so screen readers get what they need."""

from flask_wtf import FlaskForm
from wtforms import RadioField

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


class _ChoiceForm(FlaskForm):
    pick = RadioField(choices=["now"])


def test_an_unfilled_field_is_rendered_as_wtforms_renders_it_and_a_filled_one_as_filled(app):
    from community.conditions.forms import FollowForm, JoinForm
    from community.templating import unfilled

    with app.test_request_context():
        empty = JoinForm(formdata=None)
        assert unfilled(empty.submit, **{"class": "button"}) == empty.submit(class_="button")
        assert unfilled(empty.next, value="/here#share") == empty.next(value="/here#share")
        assert unfilled(empty.next, value="/there") != unfilled(empty.next, value="/here")

        following = FollowForm(formdata=None, data={"follow": "no"})
        assert 'value="no"' in unfilled(following.follow)
        assert 'value="no"' not in unfilled(FollowForm(formdata=None).follow)

        # What a view changes on the form it was given is rendered, not the class's markup.
        relabelled = JoinForm(formdata=None)
        relabelled.submit.label.text = "Join again"
        assert 'value="Join again"' in unfilled(relabelled.submit)
        chosen = _ChoiceForm(formdata=None)
        chosen.pick.choices = ["now", "later"]
        assert 'value="later"' in unfilled(chosen.pick)
        assert 'value="later"' not in unfilled(_ChoiceForm(formdata=None).pick)
