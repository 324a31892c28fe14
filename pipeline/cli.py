"""Command line: parses arguments and calls the stages; nothing else.

In:  the arguments of `python -m pipeline` or of the `communique` command (the same).
Out: an exit code: 0 done; 2 bad arguments, missing folder or invalid gold; 3 another run is
     writing the output folder.

    run          --input DIR --output DIR [--recursive] [--jobs N] [--batch-size N]
                 [--engine {local,dask}] [--scheduler ADDRESS] [--no-report] [--quiet]
    eval         --gold DIR --pred DIR [--output DIR] [--no-baseline] [--name N] [--select GLOB]
                 [--readme README.md]
    export-brat  --pred DIR --output DIR
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import engines

LOCKED = 3


def build_parser(prog: str = "python -m pipeline") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Who received whom, from French communiqués."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="extract tables from every *.txt of a folder")
    run.add_argument("--input", required=True, type=Path, help="folder of .txt communiqués")
    run.add_argument("--output", required=True, type=Path, help="folder for tables and report")
    run.add_argument(
        "--recursive",
        action="store_true",
        help="read the subfolders too (doc_id: the path inside the input folder, with /)",
    )
    run.add_argument(
        "--jobs", type=int, default=1, help="worker processes, each running whole documents"
    )
    run.add_argument(
        "--batch-size", type=int, default=16, help="documents per batch (a worker's unit of work)"
    )
    run.add_argument(
        "--engine",
        choices=engines.names(),
        default="local",
        help="local: this machine's processes; dask: dask.distributed workers (default local)",
    )
    run.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="dask scheduler of an existing cluster (default: a local cluster of --jobs workers)",
    )
    run.add_argument("--no-report", action="store_true", help="skip report.html and graph")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    evaluate = commands.add_parser("eval", help="score extracted tables against gold files")
    evaluate.add_argument("--gold", required=True, type=Path, help="folder of .txt + .ann")
    evaluate.add_argument("--pred", required=True, type=Path, help="output folder of a run")
    evaluate.add_argument(
        "--output",
        type=Path,
        default=None,
        help="folder for scores and error lists (default PRED/eval)",
    )
    evaluate.add_argument(
        "--no-baseline", action="store_true", help="do not score plain fr_core_news_md"
    )
    evaluate.add_argument("--name", default=None, help="name of this evaluation in summaries")
    evaluate.add_argument(
        "--readme", type=Path, default=None, help="refresh this README's summary block for --name"
    )
    evaluate.add_argument(
        "--select", default=None, help="score only gold documents whose id matches (e.g. 'r_*')"
    )
    export = commands.add_parser(
        "export-brat",
        help="write a run's predictions as BRAT .ann beside copies of the .txt (pre-annotation)",
    )
    export.add_argument("--pred", required=True, type=Path, help="output folder of a run")
    export.add_argument("--output", required=True, type=Path, help="folder for .txt + .ann")
    return parser


def main(argv: list[str] | None = None, prog: str = "python -m pipeline") -> int:
    args = build_parser(prog).parse_args(argv)
    if args.command == "run":
        return run_command(args)
    if args.command == "export-brat":
        from .brat_export import export_command

        return export_command(args.pred, args.output)
    from .evaluate import evaluate_command

    output = args.output or (args.pred / "eval")
    return evaluate_command(
        args.gold,
        args.pred,
        output,
        baseline=not args.no_baseline,
        name=args.name,
        readme=args.readme,
        select=args.select,
    )


def run_command(args: argparse.Namespace) -> int:
    from .lock import OutputLocked
    from .runner import run

    if args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        summary = run(
            args.input,
            args.output,
            jobs=args.jobs,
            batch_size=args.batch_size,
            progress=not args.quiet,
            report=not args.no_report,
            engine=args.engine,
            scheduler=args.scheduler,
            recursive=args.recursive,
        )
    except NotADirectoryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OutputLocked as error:
        print(f"error: {error}", file=sys.stderr)
        return LOCKED
    for error in summary.errors:
        print(
            f"skipped {error['path']} at stage {error['stage']}: {error['reason']}",
            file=sys.stderr,
        )
    print(summary.line())
    return 0


def console() -> None:
    """The `communique` command: `main`, then the same quick exit as `python -m pipeline`
    (see `__main__.py`)."""
    code = main(prog="communique")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
