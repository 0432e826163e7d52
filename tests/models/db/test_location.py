from __future__ import annotations

from pathlib import Path

import pytest

from models.database import open_database
from models.db.engine import ensure_local_file, mount_fstype, network_location, sync_folder
from models.errors import DomainError

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
fileserver:/export/land /mnt/land nfs4 rw,vers=4.2 0 0
//nas/share /media/nas\\040share cifs rw,vers=3.0 0 0
sshuser@host:/data /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /mnt/landlocal ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/me/landspace.sqlite3", None),
        ("/mnt/land/landspace.sqlite3", "nfs4"),
        ("/mnt/land/sub/dir/x.db", "nfs4"),
        ("/mnt/landlocal/x.db", None),  # a prefix of the name is not the mount
        ("/media/nas share/x.db", "cifs"),
        ("/home/me/remote/x.db", "fuse.sshfs"),
    ],
)
def test_linux_network_mounts_are_recognised(path: str, expected: str | None) -> None:
    found = network_location(path, platform="linux", mounts_text=MOUNTS)
    if expected is None:
        assert found is None
    else:
        assert found == {"reason": "network_mount", "detail": expected}


def test_mount_lookup_takes_the_longest_mount_point() -> None:
    assert mount_fstype(Path("/mnt/land/a"), MOUNTS) == "nfs4"
    assert mount_fstype(Path("/etc/passwd"), MOUNTS) == "ext4"


@pytest.mark.parametrize(
    ("path", "drive_type", "reason"),
    [
        (r"\\server\share\landspace.sqlite3", 3, "unc"),
        ("//server/share/landspace.sqlite3", 3, "unc"),
        (r"\\?\UNC\server\share\x.db", 3, "unc"),
        (r"Z:\土地\landspace.sqlite3", 4, "network_drive"),  # DRIVE_REMOTE
        (r"C:\Users\me\AppData\Local\LandSpace\landspace.sqlite3", 3, None),  # DRIVE_FIXED
        (r"\\?\C:\data\x.db", 3, None),
    ],
)
def test_windows_unc_and_mapped_drives(path: str, drive_type: int, reason: str | None) -> None:
    found = network_location(path, platform="win32", drive_type=drive_type)
    assert (found or {}).get("reason") == reason


def test_refusal_names_the_path_and_the_reason() -> None:
    with pytest.raises(DomainError) as info:
        ensure_local_file("/mnt/land/x.db", platform="linux", mounts_text=MOUNTS)
    assert info.value.code == "database.network_share"
    assert info.value.fields == {"path": "/mnt/land/x.db", "reason": "network_mount", "detail": "nfs4"}


def test_open_database_refuses_a_network_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.db import engine

    monkeypatch.setattr(
        engine, "network_location", lambda path, **_: {"reason": "network_mount", "detail": "nfs4"}
    )
    with pytest.raises(DomainError) as info:
        open_database(tmp_path / "x.sqlite3")
    assert info.value.code == "database.network_share"
    assert not (tmp_path / "x.sqlite3").exists()


def test_this_machines_temp_folder_is_local(tmp_path: Path) -> None:
    ensure_local_file(tmp_path / "x.sqlite3")  # the real /proc/mounts


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"C:\Users\me\OneDrive - 临安区\land.sqlite3", "onedrive - 临安区"),
        ("/home/me/Dropbox/land.sqlite3", "dropbox"),
        (r"D:\坚果云\land.sqlite3", "坚果云"),
        ("/home/me/Documents/land.sqlite3", None),
    ],
)
def test_sync_folders_are_named_for_a_warning(path: str, expected: str | None) -> None:
    assert sync_folder(path) == expected


def test_sync_folder_is_a_warning_not_a_refusal() -> None:
    from models.db.engine import location_warnings

    [warning] = location_warnings("/home/me/Dropbox/land.sqlite3")
    assert warning.code == "database.sync_folder" and warning.severity == "warning"
    assert location_warnings("/home/me/land.sqlite3") == []
