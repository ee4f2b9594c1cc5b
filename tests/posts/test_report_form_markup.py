"""Each post's report form carries the reason list WTForms renders, with the post's own id."""

import re

from community.posts.forms import ReportForm
from tests.factories import make_post
from tests.posts.conftest import QUESTION_URL
from tests.querycount import count_queries
from tests.web import log_in

SELECT = re.compile(r'<select id="report-reason-(\d+)".*?</select>', re.DOTALL)


def test_every_report_form_has_the_reason_list_for_its_own_post(app, client, community):
    experience = make_post(app, community.kestrel, question_id=community.question_id)
    reply = make_post(app, community.kestrel, parent_id=experience, text="Reported <b>here</b>.")
    log_in(client, "wren")

    page = client.get(QUESTION_URL).text

    found = {int(match.group(1)): match.group(0) for match in SELECT.finditer(page)}
    assert set(found) == {experience, reply}
    with app.test_request_context():
        form = ReportForm(formdata=None)
        for post_id, markup in found.items():
            assert markup == str(form.reason(id=f"report-reason-{post_id}", required=True))
    assert page.count('<option value="spam">Spam</option>') == 2


def test_the_thread_statement_names_the_states_it_lists_in_its_text(app, client, community):
    """Only the question, the viewer and the page are values: PostgreSQL can then plan the
    prepared statement once for every question (a generic plan) as well as for one."""
    make_post(app, community.kestrel, question_id=community.question_id)
    log_in(client, "wren")
    with count_queries(app) as statements:
        client.get(QUESTION_URL)
    (threads,) = [statement for statement in statements if "AS reported_by_viewer" in statement]
    for fixed in ("'experience'", "'approved'", "'deleted'", "'pending'"):
        assert f"state = {fixed}" in threads or f"kind = {fixed}" in threads
