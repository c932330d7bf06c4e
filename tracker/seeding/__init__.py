"""Reading the Action Program seed (YAML under seed/) and loading it idempotently."""

from tracker.seeding.files import SeedBundle, read_seed
from tracker.seeding.loader import LoadReport, load_seed

__all__ = ["LoadReport", "SeedBundle", "load_seed", "read_seed"]
