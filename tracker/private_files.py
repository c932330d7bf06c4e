"""Files and folders only the service account can read: 0600 files, 0700 folders, whatever the umask.

The database file, backups, evidence and restore staging are created through these helpers, so a
permissive umask (022, or 000) never leaves them readable by other local users. Folders that
already exist are left as they are: only what is created here is made private.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o600
DIR_MODE = 0o700


def make_dirs(path: Path) -> Path:
    """Create ``path`` and any missing parents, each new one 0700; return ``path``."""
    missing, folder = [], Path(path)
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            continue  # another process made it first: not ours to change
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    return Path(path)


def create_file(path: Path, exclusive: bool = True) -> BinaryIO:
    """Open a file for writing as 0600; ``exclusive`` refuses one that exists (a symlink included)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        return os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise


def touch(path: Path) -> None:
    """Create an empty 0600 file at ``path`` unless one is there (e.g. before SQLite opens it)."""
    try:
        create_file(path).close()
    except FileExistsError:
        pass
