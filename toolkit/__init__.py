"""An accessible multilingual content toolkit for Jinja2 sites."""

__version__ = "0.1.0"
