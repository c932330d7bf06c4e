"""The rules a new password must meet: long enough, not trivial, not one of the most common.

Checked wherever a password is set (account creation, reset, CLI), through ``auth.hash_password``.
The common list, ``common_passwords.txt`` beside this module, is compared case-insensitively.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tracker.errors import TrackerError

MIN_PASSWORD_LENGTH = 10
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def check_password_strength(password: str) -> None:
    """Raise TrackerError (in Vietnamese) if ``password`` may not be used."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise TrackerError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if password.strip() != password or len(set(password)) < 4:
        raise TrackerError("Mật khẩu quá đơn giản: không bắt đầu/kết thúc bằng khoảng trắng, dùng nhiều ký tự khác nhau.")
    if password.lower() in common_passwords():
        raise TrackerError("Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.")
