"""The database file, backups and evidence are private (0600 files, 0700 folders) whatever the umask."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.fixtures.private import mode, private_tree, umask  # noqa: F401  (fixture)
from tracker import private_files


def test_the_helpers_make_private_files_and_folders_and_leave_existing_ones(umask, tmp_path):  # noqa: F811
    tmp_path.chmod(0o755)
    folder = private_files.make_dirs(tmp_path / "a" / "b")
    with private_files.create_file(folder / "f") as f:
        f.write(b"x")
    private_files.touch(folder / "empty")
    private_files.touch(folder / "f")  # already there: left as it is
    assert private_tree(tmp_path / "a") == {} and (folder / "f").read_bytes() == b"x"
    assert mode(tmp_path) == 0o755, "a folder that existed is not changed"
    with pytest.raises(FileExistsError):
        private_files.create_file(folder / "f")


@pytest.mark.backends("sqlite")
def test_the_data_dir_and_the_database_files_are_private(umask, migrated, settings):  # noqa: F811
    with migrated.begin() as conn:  # a write: the WAL and shared-memory files exist now
        conn.execute(text("CREATE TABLE probe (x INTEGER)"))
        conn.execute(text("INSERT INTO probe VALUES (1)"))
        database = Path(make_url(settings.sqlalchemy_url).database)
        files = [database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm")]
        assert [oct(mode(f)) for f in files] == [oct(0o600)] * 3
    assert private_tree(settings.data_dir) == {}
