"""Speed and memory of the pipeline against plain `nlp.pipe` (issue #5): `make bench`.

python -m pipeline.bench --corpus corpus/dev --corpus corpus/test --output outputs/bench.md
                         [--quick] [--docs N] [--memory-docs N N] [--work DIR] [--seed N]

In:  every `*.txt` of the `--corpus` folders (`seeds/` when they hold none).
Out: `--output` (Markdown): documents and tokens per second of plain `fr_core_news_md`
     `nlp.pipe` and of `python -m pipeline run` with `--jobs 1`, `--jobs 2` and `--engine
     dask`, their ratios, peak memory at two corpus sizes, the time of an incremental re-run,
     and the machine. Work files (synthetic corpora, outputs) go under `--work`.

The synthetic corpus recombines the sources: each document takes a headline, a dateline and
3 to 6 body paragraphs, drawn from different source documents by `random.Random(seed)`, so
the same seed gives the same corpus; the smaller corpus is the start of the larger one.

Timing: plain `nlp.pipe` runs in this process once the model is loaded (its load time is
reported apart), then again as a whole subprocess (start-up, `spacy.load`, `nlp.pipe`), and
as two such subprocesses at once on halves of the corpus: the machine's own two-core ceiling,
which a virtual machine's shared cores keep below 2. Each pipeline run is a fresh
subprocess (`--quiet --no-report`, a fresh output folder) timed wall-clock from start to
exit, so it includes Python start-up, imports, building the pipeline, aggregation and
writing the tables. The re-run after one changed document is the median of three. Tokens
per second use the token count of plain `nlp.pipe` on the same texts for every row.

Memory: the peak over time of the sum of the proportional set size (PSS) of the subprocess
and all its descendants (the `--jobs` worker processes, dask's nanny and worker processes),
sampled every 0.1 s with psutil. PSS shares pages that forked workers hold in common among
them, so the sum is the physical memory the run takes; a sum of RSS would count the model's
pages once per process, and `getrusage(RUSAGE_CHILDREN).ru_maxrss` gives only the largest
single descendant, not their sum. Falls back to RSS where PSS is not available.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .clean import DocumentError, clean
from .segment import segment

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("mentions", "entities", "relations", "events", "errors")
CODE = [ROOT]  # where the timed runs import `pipeline` from (see `snapshot`)
RERUN_TRIALS = 3


# --------------------------------------------------------------------------- corpus


@dataclass
class Source:
    name: str
    headline: str | None
    dateline: str | None
    paragraphs: list[str]


def read_sources(folders: list[Path]) -> tuple[list[Source], list[Path]]:
    """Headline, dateline and body paragraphs of every readable `*.txt` of the folders."""
    paths = sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.txt"))
    used = [folder for folder in folders if folder.is_dir() and any(folder.glob("*.txt"))]
    if not paths:
        used = [ROOT / "seeds"]
        paths = sorted(used[0].glob("*.txt"))
    sources = []
    for path in paths:
        try:
            text = clean(path.stem, path.read_bytes()).text
        except (OSError, DocumentError):
            continue
        parts = segment(text)
        headline = text[slice(*parts.headline)] if parts.headline else None
        dateline = text[parts.dateline.start : parts.dateline.end] if parts.dateline else None
        body = []
        for start, end in parts.paragraphs:
            if parts.headline and start == parts.headline[0]:
                continue
            if parts.dateline and start <= parts.dateline.start < end:
                start = parts.dateline.end
            paragraph = text[start:end].strip(" \n,–—:-")
            if len(paragraph) > 40:
                body.append(paragraph)
        if body:
            sources.append(Source(path.stem, headline, dateline, body))
    return sources, used


def synthetic_documents(sources: list[Source], count: int, seed: int) -> list[str]:
    """`count` documents recombined from the sources; the first N are the same for any count
    >= N."""
    rng = random.Random(seed)
    headlines = [s.headline for s in sources if s.headline]
    datelines = [s.dateline for s in sources if s.dateline]
    documents = []
    for _ in range(count):
        parts = []
        if headlines:
            parts.append(rng.choice(headlines))
        if datelines:
            parts.append(rng.choice(datelines))
        wanted = rng.randint(3, 6)
        donors = rng.sample(sources, min(wanted, len(sources)))
        while len(donors) < wanted:  # fewer sources than paragraphs: some give two
            donors.append(rng.choice(sources))
        seen: set[str] = set()
        for donor in donors:
            choices = [p for p in donor.paragraphs if p not in seen] or donor.paragraphs
            paragraph = rng.choice(choices)
            seen.add(paragraph)
            parts.append(paragraph)
        documents.append("\n\n".join(parts) + "\n")
    return documents


def write_corpus(folder: Path, documents: list[str]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, text in enumerate(documents):
        (folder / f"bench_{number:05d}.txt").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    label: str
    documents: int
    seconds: float
    peak_mb: float | None = None
    summary: str = ""
    cpu_seconds: float | None = None  # user + system time of the run's process tree
    others: float | None = None  # cores kept busy by other processes meanwhile


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot."""
    import psutil

    times = psutil.cpu_times()
    idle = times.idle + getattr(times, "iowait", 0.0)
    return sum(times) - idle - getattr(times, "guest", 0.0) - getattr(times, "guest_nice", 0.0)


def own_and_children_seconds() -> tuple[float, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def tree_memory(process) -> int:
    import psutil

    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return total


def timed_run(command: list[str], label: str, documents: int) -> Measure:
    """Run a command to its end; wall time and peak memory of its process tree."""
    import psutil

    busy_before, (own_before, children_before) = busy_seconds(), own_and_children_seconds()
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=CODE[0], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched = psutil.Process(child.pid)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                peak[0] = max(peak[0], tree_memory(watched))
            except psutil.NoSuchProcess:
                return
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    own_after, children_after = own_and_children_seconds()
    cpu = children_after - children_before
    others = (busy_seconds() - busy_before - cpu - (own_after - own_before)) / seconds
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode(errors='replace')}")
    line = stdout.decode(errors="replace").strip().splitlines()[-1]
    return Measure(label, documents, seconds, peak[0] / 2**20, line, cpu, max(0.0, others))


def snapshot(work: Path) -> str:
    """Copy `pipeline/` and `models/` under `work` and run every timed run from the copy,
    so that edits made to the repository while the benchmark runs (it takes a while) change
    no measurement; return the copy's fingerprint."""
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pipeline", "models"):
        shutil.copytree(ROOT / name, code / name, ignore=ignore)
    CODE[0] = code
    completed = subprocess.run(
        [sys.executable, "-c", "from pipeline import resources; print(resources.fingerprint())"],
        cwd=code, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return completed.stdout.strip()


def pipeline_command(corpus: Path, output: Path, *options: str) -> list[str]:
    return [
        sys.executable, "-m", "pipeline", "run", "--quiet", "--no-report",
        "--input", str(corpus), "--output", str(output), *options,
    ]  # fmt: skip


def fresh_run(corpus: Path, output: Path, label: str, documents: int, *options: str) -> Measure:
    shutil.rmtree(output, ignore_errors=True)
    measure = timed_run(pipeline_command(corpus, output, *options), label, documents)
    print(f"  {label}: {measure.seconds:.1f} s, {measure.peak_mb:.0f} MB", flush=True)
    return measure


def plain_pipe(texts: list[str]) -> tuple[Measure, float, int, str]:
    import spacy

    started = time.perf_counter()
    nlp = spacy.load("fr_core_news_md")
    load_seconds = time.perf_counter() - started
    busy_before, (own_before, _) = busy_seconds(), own_and_children_seconds()
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.perf_counter() - started
    cpu = own_and_children_seconds()[0] - own_before
    others = max(0.0, (busy_seconds() - busy_before - cpu) / seconds)
    version = nlp.meta.get("version", "?")
    components = ", ".join(nlp.pipe_names)
    del nlp
    measure = Measure(
        "plain `nlp.pipe` (fr_core_news_md)", len(texts), seconds, None, "", cpu, others
    )
    print(f"  plain nlp.pipe: {seconds:.1f} s (load {load_seconds:.1f} s)", flush=True)
    return measure, load_seconds, tokens, f"{version} ({components})"


def plain_run(folder: str, part: int = 0, parts: int = 1) -> None:
    """The plain baseline as a whole process, timed like a pipeline run: start-up, import,
    `spacy.load` of the stock model, `nlp.pipe` over every `*.txt` of `folder` (every
    `parts`-th one from `part`)."""
    import spacy

    nlp = spacy.load("fr_core_news_md")
    paths = sorted(Path(folder).glob("*.txt"))[part::parts]
    texts = (path.read_text(encoding="utf-8") for path in paths)
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    print(f"{len(paths)} documents, {tokens} tokens")


def plain_process(corpus: Path, documents: int) -> Measure:
    command = [
        sys.executable, "-c", f"from pipeline.bench import plain_run; plain_run({str(corpus)!r})"
    ]  # fmt: skip
    measure = timed_run(command, "plain process: start-up, `spacy.load`, `nlp.pipe`", documents)
    print(f"  plain process: {measure.seconds:.1f} s", flush=True)
    return measure


def plain_processes_in_parallel(corpus: Path, documents: int, parts: int) -> Measure:
    """`parts` plain processes at once, each on its share of the corpus: how much faster the
    machine runs the model on `parts` cores than on one, the ceiling of `--jobs parts`."""
    code = "from pipeline.bench import plain_run; plain_run({!r}, {}, {})"
    started = time.perf_counter()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code.format(str(corpus), part, parts)],
            cwd=CODE[0], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        for part in range(parts)
    ]
    failures = [child.communicate()[1] for child in children if child.wait() != 0]
    seconds = time.perf_counter() - started
    if failures:
        raise RuntimeError(failures[0].decode(errors="replace"))
    label = f"{parts} plain processes at once, each on 1/{parts} of the corpus"
    print(f"  {label}: {seconds:.1f} s", flush=True)
    return Measure(label, documents, seconds, None, "")


def same_tables(first: Path, *others: Path) -> bool:
    return all(
        (first / f"{t}.csv").read_bytes() == (other / f"{t}.csv").read_bytes()
        for other in others
        for t in TABLES
    )


# --------------------------------------------------------------------------- report


def machine() -> list[tuple[str, str]]:
    import dask
    import psutil
    import spacy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        ("CPU", cpu),
        (
            "cores",
            f"{psutil.cpu_count(logical=False)} physical, {psutil.cpu_count()} logical, "
            f"{usable} usable by this process",
        ),
        ("memory", f"{psutil.virtual_memory().total / 2**30:.1f} GiB"),
        ("system", platform.platform()),
        ("Python", platform.python_version()),
        ("spaCy", spacy.__version__),
        ("dask / distributed", dask.__version__),
        ("load average at start (1, 5, 15 min)", load),
    ]


def rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def render(results: dict) -> str:
    plain: Measure = results["plain"]
    tokens = results["tokens"]
    plain_rate = plain.documents / plain.seconds
    lines = [
        "# Benchmark: throughput, memory and incremental runs",
        "",
        f"Measured on {results['date']} by `python -m pipeline.bench` (`make bench`), on a "
        f"copy of `pipeline/` and `models/` taken at its start (fingerprint "
        f"{results['fingerprint']}).",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in results["machine"]],
        f"| fr_core_news_md | {results['model']} |",
        "",
        "## Corpus",
        "",
        f"{results['documents']:,} synthetic documents recombined (seed {results['seed']}) from "
        f"{results['sources']} source documents of {results['folders']}: a headline, a dateline "
        f"and 3 to 6 body paragraphs from different sources each; {tokens:,} tokens "
        f"({tokens / results['documents']:.0f} per document) by plain `nlp.pipe`.",
        "",
        "## Throughput",
        "",
        "| run | documents | seconds | documents/s | tokens/s | ratio to plain `nlp.pipe` "
        "| peak memory (MB) | CPU seconds | other load (cores) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    process = results["plain_process"]
    parallel = results["plain_parallel"]
    for measure in [plain, process, parallel, *results["runs"]]:
        seconds = measure.seconds
        lines.append(
            f"| {measure.label} | {measure.documents:,} | {seconds:.1f} | "
            f"{rate(measure.documents / seconds)} | {rate(tokens / seconds)} | "
            f"{measure.documents / seconds / plain_rate:.2f} | "
            f"{'' if measure.peak_mb is None else f'{measure.peak_mb:,.0f}'} | "
            f"{'' if measure.cpu_seconds is None else f'{measure.cpu_seconds:.0f}'} | "
            f"{'' if measure.others is None else f'{measure.others:.2f}'} |"
        )
    jobs1, jobs2, dask = results["runs"]
    small, large = results["memory"]
    full, unchanged, changed = results["incremental"]
    lines += [
        "",
        f"Plain `nlp.pipe` is timed in the benchmark's process once the model is loaded "
        f"(loading took {results['load_seconds']:.1f} s) with its default batch size. The "
        "plain process row times the same as a whole subprocess (Python start-up, `import "
        "spacy`, `spacy.load`, `nlp.pipe` over the corpus files). Pipeline rows are the "
        "wall time of a whole `python -m pipeline run --no-report` subprocess (start-up, "
        "imports, building the pipeline, model load, aggregation and tables included). "
        "The pipeline uses every component of the model (POS and morphology, dependencies and "
        "sentences, lemmas for the trigger verbs, NER), so none is disabled. Tables of "
        f"`--jobs 1`, `--jobs 2` and `--engine dask`: "
        f"{'byte-identical' if results['identical'] else 'DIFFERENT'}. CPU seconds: user + "
        "system time of the run's processes (`getrusage`); other load: the cores that other "
        "processes of the machine kept busy during the run, on average (above 0 on a shared "
        "machine, the run had less than the whole machine).",
        "",
        "## Memory",
        "",
        "Peak of the summed PSS of the run's process tree (`--jobs 1`), sampled every 0.1 s:",
        "",
        "| documents | seconds | peak memory (MB) |",
        "|---:|---:|---:|",
        f"| {small.documents:,} | {small.seconds:.1f} | {small.peak_mb:,.0f} |",
        f"| {large.documents:,} | {large.seconds:.1f} | {large.peak_mb:,.0f} |",
        "",
        "## Incremental re-runs",
        "",
        f"On the {full.documents:,}-document output of `--jobs 1`:",
        "",
        "| run | seconds | share of the full run | summary line |",
        "|---|---:|---:|---|",
    ]
    for measure in (full, unchanged, changed):
        lines.append(
            f"| {measure.label} | {measure.seconds:.1f} | "
            f"{measure.seconds / full.seconds:.1%} | {measure.summary} |"
        )
    marginal_rate = (large.documents - small.documents) / (large.seconds - small.seconds)
    goals = [
        (
            "`--jobs 1` >= 0.9x plain `nlp.pipe`: whole pipeline run against plain `nlp.pipe` "
            "with its model already loaded (the strictest reading)",
            f"{jobs1.documents / jobs1.seconds / plain_rate:.2f}x",
            jobs1.documents / jobs1.seconds >= 0.9 * plain_rate,
        ),
        (
            "the same, like for like: whole `--jobs 1` process against the whole plain process",
            f"{process.seconds / jobs1.seconds:.2f}x",
            process.seconds / jobs1.seconds >= 0.9,
        ),
        (
            f"the same per additional document (`--jobs 1` runs of {small.documents:,} and "
            f"{large.documents:,} documents: fixed costs cancel out) against plain `nlp.pipe`",
            f"{marginal_rate / plain_rate:.2f}x",
            marginal_rate >= 0.9 * plain_rate,
        ),
        (
            "`--jobs 2` >= 1.7x `--jobs 1` (2 cores)",
            f"{jobs1.seconds / jobs2.seconds:.2f}x",
            jobs1.seconds / jobs2.seconds >= 1.7,
        ),
        (
            "the machine's own ceiling (no goal): 2 plain processes at once on halves of the "
            "corpus against 1 plain process on all of it (below 2 where the 2 cores share a "
            "physical core or the host is busy)",
            f"{process.seconds / parallel.seconds:.2f}x",
            None,
        ),
        (
            "`--engine dask` (2 workers) vs `--jobs 1` (no goal)",
            f"{jobs1.seconds / dask.seconds:.2f}x",
            None,
        ),
        (
            f"peak memory at {large.documents:,} <= 1.2x at {small.documents:,} documents",
            f"{large.peak_mb / small.peak_mb:.2f}x",
            large.peak_mb <= 1.2 * small.peak_mb,
        ),
        (
            f"re-run after one changed document in {full.documents:,} <= 10% of a full run",
            f"{changed.seconds / full.seconds:.1%}",
            changed.seconds <= 0.1 * full.seconds,
        ),
    ]
    lines += [
        "",
        "## Goals of issue #5",
        "",
        "| goal | measured | met |",
        "|---|---:|---|",
        *[
            f"| {goal} | {value} | {'' if met is None else ('yes' if met else 'no')} |"
            for goal, value, met in goals
        ],
        "",
        "The machine may be shared: ratios measured in one run mean more than absolute times.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__)
    parser.add_argument("--corpus", action="append", type=Path, default=[], help="source folder")
    parser.add_argument("--output", type=Path, default=Path("outputs/bench.md"))
    parser.add_argument("--work", type=Path, default=Path("bench-work"), help="scratch folder")
    parser.add_argument("--docs", type=int, default=1000, help="documents for throughput")
    parser.add_argument(
        "--memory-docs", type=int, nargs=2, default=(1000, 4000), help="two corpus sizes"
    )
    parser.add_argument("--quick", action="store_true", help="100 and 200 documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2, help="--jobs of the parallel runs")
    parser.add_argument(
        "--render", type=Path, default=None, metavar="RESULTS_JSON",
        help="only write --output again from the results.json of an earlier run",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.render:
        args.output.write_text(render(load_results(args.render)), encoding="utf-8")
        return 0
    if args.quick:
        args.docs, args.memory_docs = 100, (100, 200)
    small, large = sorted(args.memory_docs)
    work = args.work.resolve()
    folders = args.corpus or [ROOT / "corpus" / "dev", ROOT / "corpus" / "test"]

    sources, used = read_sources(folders)
    if not sources:
        print("error: no source document with body paragraphs", file=sys.stderr)
        return 2
    print(f"{len(sources)} source documents from {', '.join(map(str, used))}", flush=True)
    largest = max(args.docs, large)
    documents = synthetic_documents(sources, largest, args.seed)
    corpora = {}
    for size in sorted({args.docs, small, large}):
        corpora[size] = work / f"corpus-{size}"
        write_corpus(corpora[size], documents[:size])
    fingerprint = snapshot(work)
    texts = documents[: args.docs]
    del documents
    results: dict = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "seed": args.seed,
        "documents": args.docs,
        "sources": len(sources),
        "folders": ", ".join(f"`{relative(f)}`" for f in used),
        "fingerprint": fingerprint,
    }
    print(f"plain nlp.pipe on {args.docs} documents", flush=True)
    results["plain"], results["load_seconds"], results["tokens"], results["model"] = plain_pipe(
        texts
    )
    corpus, out, n, w = corpora[args.docs], work / "out", args.docs, str(args.workers)
    results["plain_process"] = plain_process(corpus, n)
    results["plain_parallel"] = plain_processes_in_parallel(corpus, n, args.workers)
    print("pipeline runs", flush=True)
    jobs1 = fresh_run(corpus, out / "jobs1", "pipeline `--jobs 1`", n)
    jobs2 = fresh_run(corpus, out / "jobs2", f"pipeline `--jobs {w}`", n, "--jobs", w)
    dask = fresh_run(
        corpus, out / "dask", f"pipeline `--engine dask --jobs {w}`", n, "--engine", "dask",
        "--jobs", w,
    )  # fmt: skip
    results["runs"] = [jobs1, jobs2, dask]
    results["identical"] = same_tables(out / "jobs1", out / "jobs2", out / "dask")
    memory = []
    for size in (small, large):
        if size == args.docs:
            memory.append(jobs1)
        else:
            memory.append(fresh_run(corpora[size], out / f"jobs1-{size}", f"{size}", size))
    results["memory"] = memory

    print("incremental re-runs", flush=True)
    command = pipeline_command(corpus, out / "jobs1")
    unchanged = timed_run(command, "nothing changed", n)
    trials = []
    for trial in range(RERUN_TRIALS):  # a shared machine's noise: the median of three
        edited = corpus / f"bench_{n // 2 + trial:05d}.txt"
        edited.write_text(
            edited.read_text(encoding="utf-8") + "\nLe ministre a ensuite reçu la presse.\n",
            encoding="utf-8",
        )
        trials.append(timed_run(command, "one document changed", n))
    changed = sorted(trials, key=lambda m: m.seconds)[len(trials) // 2]
    changed.label = "one document changed (median of {}: {} s)".format(
        len(trials), ", ".join(f"{m.seconds:.1f}" for m in trials)
    )
    print(f"  nothing changed: {unchanged.seconds:.1f} s; one changed: {changed.label}")
    full = Measure("full run", n, jobs1.seconds, jobs1.peak_mb, jobs1.summary)
    results["incremental"] = (full, unchanged, changed)

    save_results(work / "results.json", results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(results), encoding="utf-8")
    print(f"written {args.output}")
    return 0


def save_results(path: Path, results: dict) -> None:
    def plain(value):
        if isinstance(value, Measure):
            return {"measure": asdict(value)}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    path.write_text(json.dumps({k: plain(v) for k, v in results.items()}, indent=1))


def load_results(path: Path) -> dict:
    def revive(value):
        if isinstance(value, dict) and "measure" in value:
            return Measure(**value["measure"])
        if isinstance(value, list):
            return [revive(v) for v in value]
        return value

    return {k: revive(v) for k, v in json.loads(path.read_text()).items()}


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
