"""What a body does: its tasks, logging actions with evidence, periodic reports, target values."""
