"""Where `--out` may write (issue 12): never into the data folder or the key folder, and over
an existing file only when asked (`--force`); one check for every command that writes a file.

`form blank collection --out <home>/rentdesk.sqlite` once replaced the centre's database with
a PDF. The target is resolved (symlinks followed) before the comparison, so a link that
points into the data folder is refused too; without force the final rename is a hard link,
which fails if the name appeared meanwhile, so nothing is overwritten even in a race.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.desk.errors import Refused


def protected_folders(home: Path) -> list[Path]:
    from db.keystore import key_dir

    return [Path(home).resolve(), key_dir().resolve()]


def check_out(out: Path, home: Path, force: bool = False) -> Path:
    """The target, or a Refused saying why not; nothing is written here."""
    out = Path(out).expanduser()
    target = out.resolve()
    for folder in protected_folders(home):
        if target == folder or folder in target.parents:
            raise Refused("out_in_data_folder",
                          f"不能把输出文件写进数据目录或密钥目录（{folder}）：请选择别的文件夹。",
                          f"Refusing to write into the data or key folder ({folder}): choose "
                          "another folder.")
    if out.is_dir():
        raise Refused("bad_out", f"输出路径 {out} 是文件夹，请给出文件名。",
                      f"{out} is a folder: give a file name.")
    if (out.exists() or out.is_symlink()) and not force:
        raise Refused("out_exists", f"文件 {out} 已存在；要覆盖请加 --force。",
                      f"{out} already exists: add --force to overwrite it.")
    if out.exists() and not out.is_file():
        raise Refused("bad_out", f"{out} 不是普通文件，不能覆盖。",
                      f"{out} is not a regular file: not overwritten.")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise Refused("bad_out", f"无法写入文件夹 {folder}（不存在或无写权限）。",
                      f"Cannot write to folder {folder} (missing or not writable).")
    return out


def write_out(out: Path, data: bytes, force: bool = False) -> None:
    """Temporary file beside `out`, fsync, then rename (force) or hard-link (no force)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        publish(Path(tmp), out, force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def publish(tmp: Path, out: Path, force: bool) -> None:
    """Move a finished temporary file to `out`; without force, never over an existing one."""
    if force:
        os.replace(tmp, out)
        return
    try:
        os.link(tmp, out)
    except FileExistsError:
        raise Refused("out_exists", f"文件 {out} 已存在；要覆盖请加 --force。",
                      f"{out} already exists: add --force to overwrite it.") from None
    except OSError:  # a file system without hard links (FAT sticks): check, then rename
        if out.exists():
            raise Refused("out_exists", f"文件 {out} 已存在；要覆盖请加 --force。",
                          f"{out} already exists: add --force to overwrite it.") from None
        os.replace(tmp, out)
