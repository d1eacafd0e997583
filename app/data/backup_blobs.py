"""Photos and scans travel with a backup (issue 12): a companion archive, checked at restore.

The database copy alone restored on a new PC had no `blobs/`: the 采集表 then printed with an
empty photo box and nothing warned. `make_backup` now writes `<backup>.blobs.zip` beside the
copy: the blob files as they are on disk (already AES-GCM encrypted under the key derived
from the database key, so the archive is as unreadable as the backup) plus a manifest. A
restore copies what is missing into `blobs/`, checks every blob the restored database
names, and reports the ones still missing instead of staying silent.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from sqlalchemy import text

from app.data.blobs import blob_path
from app.desk.context import Desk
from db.engine import read_session

SUFFIX = ".blobs.zip"
MANIFEST = "manifest.json"
MAX_BLOB_BYTES = 64 * 1024 * 1024


def companion(backup: Path) -> Path:
    return backup.with_name(backup.name + SUFFIX)


def _referenced(desk: Desk) -> list[str]:
    with read_session(desk.engine) as s:
        return [r[0] for r in s.connection().execute(text("SELECT sha256 FROM blob"))]


def write_companion(desk: Desk, backup: Path) -> dict:
    """Every blob the database names, stored (not compressed: ciphertext does not shrink)."""
    shas = _referenced(desk)
    missing = []
    target = companion(backup)
    part = target.with_name(target.name + ".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as z:
        for sha in shas:
            path = blob_path(desk, sha)
            if path.is_file():
                z.write(path, f"blobs/{sha[:2]}/{sha}")
            else:
                missing.append(sha)
        z.writestr(MANIFEST, json.dumps({"blobs": shas, "missing_at_backup": missing}))
    part.replace(target)
    return {"blobs": len(shas) - len(missing), "missing_at_backup": len(missing),
            "archive": str(target)}


def _is_sha(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


# --- daily backups: one shared content-addressed store, a manifest per backup ----------
# A zip per day would copy every photo every day (GBs at 600,000 tenants). Blobs are named
# by their SHA-256 and never change, so the daily folder keeps one `blobs/` store that only
# grows by what is new since yesterday, and each daily copy lists what it needs in
# `<backup>.blobs.json`. Rotation prunes the store to what the kept backups list, so a photo
# deleted by retention leaves the backups when the last backup naming it is rotated away.

def daily_store(backup: Path) -> Path:
    return backup.parent / "blobs"


def daily_manifest(backup: Path) -> Path:
    return backup.with_name(backup.name + ".blobs.json")


def write_daily_companion(desk: Desk, backup: Path) -> dict:
    """Copy into the daily store only the blobs it lacks; list this backup's blobs."""
    store = daily_store(backup)
    shas = _referenced(desk)
    missing, added = [], 0
    for sha in shas:
        src, dest = blob_path(desk, sha), store / sha[:2] / sha
        if dest.is_file():
            continue
        if not src.is_file():
            missing.append(sha)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        shutil.copyfile(src, tmp)
        tmp.replace(dest)
        added += 1
    manifest = daily_manifest(backup)
    part = manifest.with_name(manifest.name + ".part")
    part.write_text(json.dumps({"blobs": shas, "missing_at_backup": missing}), encoding="utf-8")
    part.replace(manifest)
    return {"blobs": len(shas) - len(missing), "blobs_added": added,
            "missing_at_backup": len(missing)}


def _manifest_shas(manifest: Path) -> list[str]:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return [sha for sha in data.get("blobs", []) if isinstance(sha, str) and _is_sha(sha)]
    except (OSError, ValueError, AttributeError):
        return []


def prune_daily_store(folder: Path) -> int:
    """Drop manifests of deleted backups and store blobs no kept backup lists."""
    keep: set[str] = set()
    for manifest in folder.glob("*.sqlite.blobs.json"):
        if not manifest.with_name(manifest.name[: -len(".blobs.json")]).exists():
            manifest.unlink(missing_ok=True)
            continue
        keep.update(_manifest_shas(manifest))
    removed = 0
    store = folder / "blobs"
    for path in store.glob("*/*") if store.is_dir() else ():
        if path.name not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _copy_from_store(desk: Desk, backup: Path) -> int:
    store, copied = daily_store(backup), 0
    for sha in _manifest_shas(daily_manifest(backup)):
        src, dest = store / sha[:2] / sha, blob_path(desk, sha)
        # a link planted in the backup folder must not pull an outside file into blobs/
        if dest.exists() or src.is_symlink() or not src.is_file() \
                or src.stat().st_size > MAX_BLOB_BYTES:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        shutil.copyfile(src, tmp)
        tmp.replace(dest)
        copied += 1
    return copied


def restore_companion(desk: Desk, backup: Path) -> dict:
    """Copy the archive's blobs that this folder lacks; then count what is still missing."""
    archive = companion(backup)
    copied = 0
    present = archive.is_file()
    if not present and daily_manifest(backup).is_file():  # a daily backup (shared store)
        present = True
        copied = _copy_from_store(desk, backup)
    elif present:
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                name = info.filename
                parts = name.split("/")
                # only blobs/xx/<64 hex>: a crafted name cannot write outside blobs/
                if len(parts) != 3 or parts[0] != "blobs" \
                        or not _is_sha(parts[2]) \
                        or parts[1] != parts[2][:2]:
                    continue
                dest = blob_path(desk, parts[2])
                if dest.exists() or info.file_size > MAX_BLOB_BYTES:
                    continue  # present already, or larger than any photo or scan could be
                dest.parent.mkdir(parents=True, exist_ok=True)
                tmp = dest.with_name(dest.name + ".part")
                with z.open(info) as src, open(tmp, "wb") as out:
                    while chunk := src.read(1024 * 1024):
                        out.write(chunk)
                tmp.replace(dest)
                copied += 1
    missing = [sha for sha in _referenced(desk) if not blob_path(desk, sha).is_file()]
    report: dict = {"blob_archive": present, "blobs_restored": copied,
                    "blobs_missing": len(missing)}
    if missing:
        report["warning"] = (
            f"照片/扫描件缺失 {len(missing)} 个（备份旁没有 {archive.name} 或其中不全）：相关采集表将缺照片。"
            f" / {len(missing)} photos or scans are missing (no complete {archive.name} beside "
            "the backup): their forms will print without a photo.")
    return report
