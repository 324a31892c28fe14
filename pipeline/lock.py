"""One run at a time per output folder: a lock file in the folder while a run writes it.

In:  an output folder.
Out: `hold(folder)`, a context manager that creates `FOLDER/.communique.lock` (the holder's
     process id, host, process start time and start date, as JSON) and removes it on exit,
     even after an error or Ctrl-C; `OutputLocked` when another live run holds it.

The file is written whole under a temporary name and then linked to the lock's name, which
fails if a lock exists: two runs cannot both take it. A lock left by a run that was killed
(its process is gone, or its process id now belongs to a process started later) is stale:
it is replaced and the run goes on. A lock taken on another host cannot be checked and
counts as held; its message names the file to remove by hand.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

LOCK_NAME = ".communique.lock"


class OutputLocked(RuntimeError):
    """Another run is writing this output folder."""


def lock_path(output_dir: Path) -> Path:
    return output_dir / LOCK_NAME


def _start_time(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), None if there is no such process."""
    import psutil

    try:
        return psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:
        return None
    except psutil.Error:  # exists, but not ours to inspect
        return 0.0


def _own_record() -> dict:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "process_started": _start_time(os.getpid()),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def _read(path: Path) -> dict | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def is_stale(record: dict) -> bool:
    """True when the run that wrote `record` is certainly gone."""
    if record.get("host") != socket.gethostname():
        return not record  # unreadable garbage is stale; another host's lock is not
    pid = record.get("pid")
    if not isinstance(pid, int):
        return True
    started = _start_time(pid)
    if started is None:
        return True
    recorded = record.get("process_started")
    # 0.0: a process we may not inspect; the pid is taken, count it as the holder.
    return bool(started and recorded and abs(started - recorded) > 1.0)


def _message(output_dir: Path, record: dict) -> str:
    holder = f"process {record.get('pid')} on {record.get('host')}, started {record.get('started')}"
    return (
        f"another run is writing {output_dir} ({holder}); wait for it to end or choose another "
        f"--output (if no run is writing it, remove {lock_path(output_dir)})"
    )


def acquire(output_dir: Path) -> dict:
    """Take the lock of `output_dir` (which must exist); OutputLocked if a live run holds it."""
    path = lock_path(output_dir)
    record = _own_record()
    temporary = output_dir / f"{LOCK_NAME}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")
    try:
        for _attempt in range(5):
            try:
                _create(temporary, path)
                return record
            except FileExistsError:
                pass
            holder = _read(path)
            if holder is None:  # released meanwhile: try again
                continue
            if not is_stale(holder):
                raise OutputLocked(_message(output_dir, holder))
            _break(path, holder)
        raise OutputLocked(_message(output_dir, _read(path) or {}))
    finally:
        temporary.unlink(missing_ok=True)


def _create(temporary: Path, path: Path) -> None:
    """`path` with the content of `temporary`; FileExistsError if `path` exists. A hard link
    appears whole; where links are not supported, an exclusive create and a write."""
    try:
        os.link(temporary, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(handle, "wb") as stream:
        stream.write(temporary.read_bytes())


def _break(path: Path, stale: dict) -> None:
    """Remove a stale lock, unless another run replaced it since it was read."""
    aside = path.with_name(f"{LOCK_NAME}.{os.getpid()}.stale")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return
    if _read(aside) != stale:  # a fresh lock was moved aside: put it back
        with suppress(FileExistsError):
            os.link(aside, path)
    aside.unlink(missing_ok=True)


def release(output_dir: Path, record: dict) -> None:
    """Remove the lock if it is still the one `record` describes."""
    path = lock_path(output_dir)
    if _read(path) == json.loads(json.dumps(record)):
        path.unlink(missing_ok=True)


@contextmanager
def hold(output_dir: Path) -> Iterator[None]:
    record = acquire(output_dir)
    try:
        yield
    finally:
        release(output_dir, record)
