"""Property-based: schemathesis sends generated requests, valid and not, to every operation.

No answer may be a server error, and every answer must match the document: its status
listed, its body valid against the schema, its content type and headers as declared.
Requests name random conditions and questions, and the world's real ones too, so that
full answers (summaries, threads, pages) are checked and not only the 404s.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.page_types import make_world

REAL = {"slug": "asthma", "qslug": "what-causes-it"}


def test_every_generated_request_gets_an_answer_the_document_describes(app):
    make_world(app)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        names = {parameter.name for parameter in operation.path_parameters}
        strategies = [
            operation.as_strategy(schemathesis.GenerationMode.POSITIVE),
            operation.as_strategy(schemathesis.GenerationMode.NEGATIVE),
        ]
        if names:
            real = {name: REAL[name] for name in names}
            strategies.append(
                operation.as_strategy(schemathesis.GenerationMode.POSITIVE, path_parameters=real)
            )

        @given(case=st.one_of(strategies))
        @settings(
            max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def answers_as_described(case):
            # The WSGI transport hands over the bytes as sent: ask for them uncompressed.
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        answers_as_described()
        checked.append(operation.label)
    assert set(checked) >= {
        "GET /api/v1/conditions",
        "GET /api/v1/conditions/{slug}",
        "GET /api/v1/conditions/{slug}/questions/{qslug}",
    }
