"""Steps the browser tests share: logging in, and sending a form from the page it is on."""

from tests.factories import PASSWORD


def log_in_with_browser(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/auth/login")
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + "/")


def submit_from_page(page, action: str, values: dict[str, str]):
    """Fill the form posting to ``action`` by field name, submit it, return the response.

    A value given for a submit button's name picks the button (by its value) to click; a
    checkbox is ticked by a value and cleared by an empty one.
    """
    form = page.locator(f'form[action="{action}"]').first
    submitter = form.locator('[type="submit"]').first
    for name, value in values.items():
        field = form.locator(f'[name="{name}"]').first
        if field.get_attribute("type") == "submit":
            submitter = form.locator(f'[name="{name}"][value="{value}"]')
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(bool(value))
        elif field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation() as navigation:
        submitter.click()
    return navigation.value
