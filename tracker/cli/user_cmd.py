"""`user add | list | disable | enable | reset-password`: account administration from the shell."""

from __future__ import annotations

import getpass
import os
import sys

from tracker.clock import local_today
from tracker.db import check_connection, get_engine, session_scope
from tracker.errors import TrackerError
from tracker.models.vocab import USER_ROLES
from tracker.services import registry, users
from tracker.services.actor import Actor


def register(commands) -> None:
    user = commands.add_parser("user", help="manage accounts (add, list, disable, enable, reset-password)",
                               description="Manage accounts. Passwords are never shown except a generated one, once.")
    sub = user.add_subparsers(dest="user_command", metavar="ACTION")
    sub.required = True

    add = sub.add_parser("add", help="create an account", description="Create an account in a body (ORG_CODE "
                         "as in the JSON export). The password is asked for, read from stdin with "
                         "--password-stdin, or generated and printed once with --generate-password.")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=USER_ROLES)
    add.add_argument("--org", required=True, metavar="ORG_CODE")
    add.add_argument("--email")
    add.add_argument("--name", default="", help="full name")
    _password_source(add)
    add.set_defaults(handler=run_add)

    lst = sub.add_parser("list", help="list accounts", description="List accounts with role, body and state.")
    lst.set_defaults(handler=run_list)

    for name, active in (("disable", False), ("enable", True)):
        p = sub.add_parser(name, help=f"{name} an account", description=f"{name.title()} an account; "
                           "disabling ends its open sessions at their next interaction.")
        p.add_argument("username")
        p.set_defaults(handler=run_set_active, active=active)

    reset = sub.add_parser("reset-password", help="set a new password",
                           description="Set a new password; ends the account's open sessions.")
    reset.add_argument("username")
    _password_source(reset)
    reset.set_defaults(handler=run_reset)


def _password_source(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    group.add_argument("--generate-password", action="store_true", help="generate one and print it once")


def _cli_actor() -> Actor:
    """The shell user acts as a system administrator (whoever can run this owns the database)."""
    return Actor.operator(f"cli:{os.environ.get('USER', 'unknown')}")


def _read_password(args) -> str | None:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise TrackerError("Không đọc được mật khẩu từ stdin.")
        return password
    if args.generate_password or not sys.stdin.isatty():
        return None
    first = getpass.getpass("Mật khẩu: ")
    if first != getpass.getpass("Nhập lại mật khẩu: "):
        raise TrackerError("Hai lần nhập mật khẩu không khớp.")
    return first


def _session():
    engine = get_engine()
    check_connection(engine)
    return session_scope(engine)


def run_add(args) -> int:
    password = _read_password(args)
    with _session() as session:
        user, generated = users.add_user(session, _cli_actor(), args.username, args.role, args.org, args.email,
                                         args.name, password)
        name = user.username
    print(f"Đã tạo tài khoản {name} ({args.role}, {args.org.upper()}).")
    if generated:
        print(f"Mật khẩu (chỉ hiển thị một lần): {generated}")
    return 0


def run_list(_args) -> int:
    with _session() as session:
        rows = users.list_users(session, _cli_actor())
        org = registry.current_letterhead(session, local_today()).code or "MA_CO_QUAN"
    if not rows:
        print(f"Chưa có tài khoản. Tạo quản trị viên đầu tiên: python -m tracker user add TEN --role admin --org {org}")
    for r in rows:
        state = "hoạt động" if r["active"] else "đã khóa"
        print(f"{r['username']:<24} {r['role']:<8} {r['organisation']:<14} {state:<10} {r['email']}")
    return 0


def run_set_active(args) -> int:
    with _session() as session:
        users.set_active(session, _cli_actor(), args.username, args.active)
    print(f"Đã {'mở khóa' if args.active else 'khóa'} tài khoản {args.username}.")
    return 0


def run_reset(args) -> int:
    password = _read_password(args)
    with _session() as session:
        generated = users.reset_password(session, _cli_actor(), args.username, password)
    print(f"Đã đặt lại mật khẩu cho {args.username}.")
    if generated:
        print(f"Mật khẩu mới (chỉ hiển thị một lần): {generated}")
    return 0
