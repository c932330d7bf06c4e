"""Who acts: the identity every service operation is checked and audited against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """A signed-in user, or an operator at the server (user_id None) for the CLI, the demo and tests."""

    user_id: int | None
    username: str
    role: str
    organisation_id: int | None

    @classmethod
    def operator(cls, name: str, role: str = "admin") -> Actor:
        """Someone with access to the server acting without an account (whoever runs the CLI owns the
        database): no user id and no body, so audit events record them with an empty actor."""
        return cls(user_id=None, username=name, role=role, organisation_id=None)
