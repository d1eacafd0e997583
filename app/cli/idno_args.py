"""Document numbers named on the command line (issue 12): `-` or `@FILE`, never in `ps`.

Every option that takes a document number (`--idno`, `lease add --tenant`) accepts `-` (the
next line of stdin, after the password line) or `@FILE` (the first line of that file). A full
number typed literally still works — clerks' scripts depend on it — but a one-line warning
on stderr says that other users of the PC can read it in the process list.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.desk.errors import Refused

WARNING = "证件号码出现在命令行中，其他用户可在进程列表看到：请用 --idno - 或 @文件"
_OPTIONS = ("idno", "tenant")  # the argparse dests that hold document numbers
_MAX_FILE = 4096


def _looks_full(value: str) -> bool:
    """A whole document number, not a fragment: 8+ characters, mostly digits (18-digit
    resident ID, 9-character passport or travel permit, 8-digit Taiwan permit)."""
    compact = "".join(value.split())
    return len(compact) >= 8 and sum(c.isdigit() for c in compact) >= 6


def _from_file(source: str) -> str:
    from app.data.file_limits import read_bounded

    path = Path(source[1:]).expanduser()
    raw = read_bounded(path, _MAX_FILE, "证件号码文件 / number file")
    lines = raw.decode("utf-8-sig", "replace").splitlines()
    value = lines[0].strip() if lines else ""
    if not value:
        raise Refused("empty_idno_file", f"文件 {path.name} 的第一行没有证件号码。",
                      f"The first line of {path.name} holds no document number.", file=path.name)
    return value


def _resolve(value: str) -> str:
    if value == "-":
        line = sys.stdin.readline().strip()
        if not line:
            raise Refused("empty_idno_stdin", "标准输入中没有证件号码（应在密码行之后）。",
                          "No document number on stdin (expected after the password line).")
        return line
    if value.startswith("@"):
        return _from_file(value)
    if _looks_full(value):
        print(WARNING, file=sys.stderr)
    return value


def resolve_numbers(args) -> None:
    """Replace `-` and `@FILE` in the number options of `args` by the numbers they name."""
    for dest in _OPTIONS:
        value = getattr(args, dest, None)
        if isinstance(value, str):
            setattr(args, dest, _resolve(value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, dest, [_resolve(v) for v in value])
