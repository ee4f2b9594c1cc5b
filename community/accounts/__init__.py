"""Accounts: who people are on the site and which roles they hold."""
