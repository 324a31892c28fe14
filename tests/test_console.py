"""The `communique` command (issue 11): declared in pyproject.toml, installed beside the
interpreter, with the sub-commands of `python -m pipeline`."""

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def help_text(*command: str) -> str:
    completed = subprocess.run([*command, "--help"], cwd=ROOT, capture_output=True, text=True,
                               timeout=120, check=True)
    return completed.stdout


def test_the_command_is_declared_and_installed():
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    scripts = project.split("[project.scripts]\n", 1)[1].split("\n\n", 1)[0]
    assert scripts.splitlines() == ['communique = "pipeline.cli:console"']
    [entry] = entry_points(group="console_scripts", name="communique")
    assert entry.value == "pipeline.cli:console"
    assert (BIN / "communique").exists(), "reinstall: .venv/bin/python -m pip install -e ."


def test_it_has_the_sub_commands_of_python_m_pipeline():
    ours = help_text(str(BIN / "communique"))
    module = help_text(sys.executable, "-m", "pipeline")
    assert ours.startswith("usage: communique")
    for command in ("run", "eval", "export-brat"):
        assert command in ours and command in module
    assert ours.replace("communique", "python -m pipeline") == module
    run_help = help_text(str(BIN / "communique"), "run")
    assert "--recursive" in run_help and "--engine" in run_help


def test_exit_codes_reach_the_shell(tmp_path):
    completed = subprocess.run(
        [str(BIN / "communique"), "run", "--input", str(tmp_path / "nope"), "--output",
         str(tmp_path / "out")], capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 2
    assert "input folder not found" in completed.stderr
