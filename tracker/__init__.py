"""tracker: follow-up of a provincial Party Committee's Action Program."""

__version__ = "0.1.0"
