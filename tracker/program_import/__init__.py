"""Read a program document and propose a draft of the program for a person to review.

``read_lines`` (readers) → ``parse`` (parser) → ``match_bodies`` (bodies) → ``to_export`` (export):
the draft in the shape of the program export, ready for ``program import``.
"""

from tracker.program_import.bodies import match_bodies
from tracker.program_import.draft import Draft
from tracker.program_import.export import to_export
from tracker.program_import.parser import parse
from tracker.program_import.readers import read_lines

__all__ = ["Draft", "match_bodies", "parse", "read_lines", "to_export"]
