"""Hypothesis-generated text, every Unicode category and control character included."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import submit

# Anything but lone surrogates, which no browser can send in a form (UTF-8 cannot carry them).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)

EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@EXAMPLES
@given(data=st.data())
def test_generated_text_in_every_form_that_takes_text_never_breaks_a_page(crawled, data):
    clients = {role: crawled.client(role) for role in crawled.sites}
    for role, form in crawled.forms():
        if not form.writes_text:
            continue
        values = {
            name: data.draw(ANY_TEXT, label=f"{form.action} {name}")
            for name, field in form.fields.items()
            if field.fuzzable
        }
        response = submit(clients[role], form, values)
        assert response.status_code < 500, f"{role} {form.method} {form.action} {values!r}"
