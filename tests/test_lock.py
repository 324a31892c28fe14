"""One run per output folder (issue 11): a second run on a folder another run is writing
stops at once with a clear message and leaves the first run's tables whole; a lock left by a
dead process is replaced."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import lock
from pipeline.lock import LOCK_NAME, OutputLocked, hold
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("mentions", "entities", "relations", "events", "errors")


def write_lock(folder: Path, pid: int, started: float | None, host: str | None = None) -> Path:
    path = folder / LOCK_NAME
    record = {"pid": pid, "host": host or socket.gethostname(), "process_started": started,
              "started": "2024-01-01 00:00:00"}
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_live_holder_stops_the_run_before_it_writes(tmp_path):
    inputs, output = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    output.mkdir()
    (output / "mentions.csv").write_text("first run's table\n", encoding="utf-8")
    me = lock._start_time(os.getpid())
    held = write_lock(output, os.getpid(), me)
    message = f"another run is writing {output}.*process {os.getpid()}"
    with pytest.raises(OutputLocked, match=message):
        run(inputs, output, progress=False, report=False)
    assert sorted(p.name for p in output.iterdir()) == [LOCK_NAME, "mentions.csv"]
    assert (output / "mentions.csv").read_text(encoding="utf-8") == "first run's table\n"
    assert held.exists()  # still the holder's


def test_stale_locks_are_replaced_and_the_lock_is_removed_at_the_end(tmp_path):
    write_lock(tmp_path, dead_pid(), 1.0)
    with hold(tmp_path):
        record = json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))
        assert record["pid"] == os.getpid()
    assert not (tmp_path / LOCK_NAME).exists()
    # a pid reused by a process started after the lock was written: stale too
    write_lock(tmp_path, os.getpid(), lock._start_time(os.getpid()) - 1000)
    with hold(tmp_path):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_lock_of_another_host_counts_as_held(tmp_path):
    write_lock(tmp_path, 1, 1.0, host="elsewhere.example")
    with pytest.raises(OutputLocked, match="elsewhere.example.*remove .*" + LOCK_NAME):
        lock.acquire(tmp_path)


def test_the_lock_is_released_when_the_run_fails(tmp_path):
    with pytest.raises(RuntimeError), hold(tmp_path):
        raise RuntimeError("boom")
    assert not (tmp_path / LOCK_NAME).exists()


def tables(output: Path) -> dict[str, bytes]:
    return {name: (output / f"{name}.csv").read_bytes() for name in TABLES}


@pytest.mark.slow
def test_a_second_command_on_a_folder_being_written_stops_at_once(tmp_path, nlp):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(12):
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copyfile(path, inputs / f"{path.stem}_{number}.txt")
    output = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", "--quiet", "--no-report",
               "--input", str(inputs), "--output", str(output)]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    deadline = time.monotonic() + 60
    while not (output / LOCK_NAME).exists():
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.05)
    started = time.monotonic()
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    took = time.monotonic() - started
    still_running = first.poll() is None
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert still_running, "the first run ended before the second one was refused"
    assert second.returncode == 3
    assert f"error: another run is writing {output} (process {first.pid}" in second.stderr
    assert second.stdout == ""
    assert took < 30
    assert not (output / LOCK_NAME).exists()
    assert "36 parsed" in out
    reference = tmp_path / "reference"
    run(inputs, reference, progress=False, report=False, nlp=nlp)
    assert tables(output) == tables(reference)
