"""Steps the browser tests share: logging in, and sending a form from the page it is on."""

from tests.factories import PASSWORD


def log_in_with_browser(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/auth/login")
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + "/")


def submit_from_page(page, action: str, values: dict[str, str]):
    """Fill the form posting to ``action`` by field name, submit it, return the response."""
    form = page.locator(f'form[action="{action}"]').first
    for name, value in values.items():
        form.locator(f'[name="{name}"]').fill(value)
    with page.expect_navigation() as navigation:
        form.locator('[type="submit"]').click()
    return navigation.value
