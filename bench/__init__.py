"""The benchmark behind ``make bench``: generated data, gunicorn, a load generator, a table.

Run ``python -m bench --help`` for the options.
"""
