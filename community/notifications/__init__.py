"""Notifications: what members are told in the site and by mail, and questions they follow."""
