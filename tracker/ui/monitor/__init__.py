"""The monitoring department's workspace: review inbox, late bodies, assignments, directives."""
