"""A member's own data: everything the site holds about them, and deleting their account."""
