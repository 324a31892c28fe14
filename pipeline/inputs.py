"""Which files of an input folder a run reads, and what it says about the others.

In:  an input folder, whether to read its subfolders (`--recursive`), folders to leave out
     (the run's own output folder when it lies inside the input).
Out: `InputListing`: the texts to read as `(path, doc_id)` in path order, an error row for
     every input that looks like a text but cannot be one, the number of other files
     (ignored) and of subfolders not read.

A text is a regular file (or a link to one) whose name ends in `.txt`, any case. Names that
start with a dot (`.git`, `.DS_Store`, editors' swap files) are passed over without a word.
Listed in `errors.csv` (stage `input`) instead of being skipped silently:

- a symbolic link named `*.txt` whose target does not exist, or a loop of links;
- a folder named `*.txt` (without `--recursive`; with it, it is read as any subfolder);
- a `*.txt` that is a pipe, socket or device (reading it could block the run forever);
- a second file with the same document id (`a.txt` and `a.TXT`);
- with `--recursive`, a subfolder that cannot be listed (permissions), or a link back to a
  folder being read (a loop).

A file that exists but cannot be read (permissions) is found here and reported when it is
read (stage `read`). Document ids: see `documents.doc_id_of` (`sub/note` for
`INPUT/sub/note.txt`).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .documents import doc_id_of, error_row

TEXT_SUFFIX = ".txt"


@dataclass
class InputListing:
    texts: list[tuple[Path, str]] = field(default_factory=list)  # (path, doc_id)
    errors: list[dict] = field(default_factory=list)
    ignored: int = 0  # other files
    subfolders: int = 0  # subfolders not read (without --recursive)


def list_inputs(
    input_dir: Path, recursive: bool = False, leave_out: tuple[Path, ...] = ()
) -> InputListing:
    if not input_dir.is_dir():
        raise NotADirectoryError(f"input folder not found: {input_dir}")
    listing = InputListing()
    skipped = {os.path.realpath(path) for path in leave_out}
    owners: dict[str, Path] = {}
    _visit(input_dir, input_dir, recursive, skipped, {os.path.realpath(input_dir)}, listing,
           owners)
    return listing


def _visit(
    folder: Path,
    root: Path,
    recursive: bool,
    skipped: set[str],
    ancestors: set[str],
    listing: InputListing,
    owners: dict[str, Path],
) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        listing.errors.append(error_row(folder, "input", f"cannot list folder: {_why(error)}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        named_text = path.suffix.lower() == TEXT_SUFFIX
        try:
            mode = os.stat(path).st_mode  # follows links
        except OSError as error:
            if not named_text:
                listing.ignored += 1
            elif entry.is_symlink() and isinstance(error, FileNotFoundError):
                target = os.readlink(path)
                reason = f"broken symbolic link: its target {target} does not exist"
                listing.errors.append(error_row(path, "input", reason))
            else:
                listing.errors.append(error_row(path, "input", f"cannot open: {_why(error)}"))
            continue
        if stat.S_ISDIR(mode):
            real = os.path.realpath(path)
            if real in skipped:
                continue
            if not recursive:
                if named_text:
                    reason = "a folder, not a file (--recursive reads the texts inside it)"
                    listing.errors.append(error_row(path, "input", reason))
                else:
                    listing.subfolders += 1
            elif real in ancestors:
                reason = "symbolic link back to a folder being read (a loop): not followed"
                listing.errors.append(error_row(path, "input", reason))
            else:
                _visit(path, root, recursive, skipped, ancestors | {real}, listing, owners)
        elif not named_text:
            listing.ignored += 1
        elif not stat.S_ISREG(mode):
            reason = "not a regular file (a pipe, socket or device): not read"
            listing.errors.append(error_row(path, "input", reason))
        else:
            doc_id = doc_id_of(path, root)
            if doc_id in owners:
                reason = f"same document id {doc_id!r} as {owners[doc_id]}: not read"
                listing.errors.append(error_row(path, "input", reason))
                continue
            owners[doc_id] = path
            listing.texts.append((path, doc_id))


def _why(error: OSError) -> str:
    return error.strerror or str(error)
