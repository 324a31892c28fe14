"""spaCy's French tokenizer without its 3-second regular-expression compile.

In:  a French spaCy package name (`load_model`).
Out: the loaded pipeline, with the same tokenizer as the model's, token for token.

`spacy/lang/fr/tokenizer_exceptions.py` builds `TOKEN_MATCH` from about 370 alternatives
(`^anti[-‐…][a-zà-ÿ…][-a-zà-ÿ…']*$`, ...), each spelling out spaCy's whole lowercase
alphabet, and compiles the 1.45 MB pattern case-insensitively at import: about 3 s of every
run, longer than loading the model's weights. The model's tokenizer file stores the same
pattern and compiles it again on load. `install()` runs spaCy's own module source, unchanged,
except that its final `re.compile` receives the same alternatives grouped by their common
tail (`^(?:anti|contre|...)[-‐…][a-z…][…]*$`): the same language (every alternative is
anchored with `^` and `$`, and the tokenizer only asks whether a string matches), 370 times
fewer character classes. `load_tokenizer` then reads every other tokenizer setting
(prefixes, suffixes, infixes, URL pattern, exceptions) from the model's own file.

If spaCy's module does not have the expected shape (another spaCy version), nothing is
replaced and spaCy's own slow path runs: slower, never different. `tests/test_ner.py`
checks the two expressions agree, and that the tokens are the model's own.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from pathlib import Path

MODULE = "spacy.lang.fr.tokenizer_exceptions"
PACKAGE = "spacy.lang.fr"
BIG_CLASS = 100  # characters: spaCy's alphabets are thousands long, HYPHENS and ELISION short


def split_tail(alternative: str) -> tuple[str, str]:
    """(head, tail): the tail starts at the first character class longer than BIG_CLASS."""
    for match in re.finditer(r"\[(?:\\.|[^\]\\])*\]", alternative):
        if match.end() - match.start() > BIG_CLASS:
            return alternative[: match.start()], alternative[match.start() :]
    return alternative, ""


def grouped_pattern(alternatives: list[str]) -> str:
    """One alternation per common tail, in order of first appearance."""
    heads: dict[str, list[str]] = {}
    for alternative in alternatives:
        head, tail = split_tail(alternative)
        heads.setdefault(tail, []).append(head)
    groups = [
        "(?:(?:{}){})".format("|".join(f"(?:{h})" for h in group), tail)
        for tail, group in heads.items()
    ]
    return "(?iu)" + "|".join(groups)


def original_pattern(alternatives: list[str]) -> str:
    """The expression spaCy compiles (copied from the end of its module)."""
    return "(?iu)" + "|".join(f"(?:{m})" for m in alternatives)


class _GroupingRe(types.ModuleType):
    """`re` as seen by spaCy's module: `compile` of the expected pattern gets the grouped one."""

    def __init__(self, namespace: dict):
        super().__init__("re")
        self._namespace = namespace

    def __getattr__(self, name: str):
        return getattr(re, name)

    def compile(self, pattern, flags=0):  # noqa: A003 - the name spaCy's code calls
        alternatives = self._namespace.get("_regular_exp")
        if flags == 0 and alternatives and pattern == original_pattern(alternatives):
            return re.compile(grouped_pattern(alternatives))
        return re.compile(pattern, flags)


def install() -> bool:
    """Load spaCy's French tokenizer exceptions with the grouped `TOKEN_MATCH`; True if done
    (False: `spacy.lang.fr` already imported, or the module's file not found)."""
    if PACKAGE in sys.modules or MODULE in sys.modules:
        return MODULE in sys.modules and getattr(sys.modules[MODULE], "GROUPED", False)
    import spacy.lang

    path = Path(spacy.lang.__file__).parent / "fr" / "tokenizer_exceptions.py"
    punctuation_path = path.with_name("punctuation.py")
    if not path.is_file() or not punctuation_path.is_file():
        return False
    # The module imports `.punctuation`; loading that one from its file first keeps Python
    # from importing the package `spacy.lang.fr`, whose __init__ imports this very module.
    punctuation = _load_from_file(f"{PACKAGE}.punctuation", punctuation_path)
    sys.modules[punctuation.__name__] = punctuation
    spec = importlib.util.spec_from_file_location(MODULE, path)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = PACKAGE
    source = path.read_text(encoding="utf-8")
    code = compile(source, str(path), "exec")
    namespace = module.__dict__
    grouping_re = _GroupingRe(namespace)
    namespace["__builtins__"] = dict(
        __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__),
        __import__=_importer(grouping_re),
    )
    try:
        exec(code, namespace)  # noqa: S102 - spaCy's own module source, read from its file
    except Exception:  # noqa: BLE001 - anything unexpected: let spaCy import it normally
        sys.modules.pop(punctuation.__name__, None)
        return False
    namespace["__builtins__"] = __builtins__
    namespace["re"] = re
    module.GROUPED = True
    sys.modules[MODULE] = module
    return True


def _load_from_file(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = PACKAGE
    spec.loader.exec_module(module)
    return module


def _importer(grouping_re: types.ModuleType):
    builtin_import = __import__

    def import_(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002
        if name == "re" and level == 0:
            return grouping_re
        return builtin_import(name, globals, locals, fromlist, level)

    return import_


def load_tokenizer(nlp) -> None:
    """Read the model's tokenizer settings into `nlp.tokenizer`, except `token_match`, which
    stays the one of the language defaults (the grouped expression after `install()`)."""
    nlp.tokenizer.from_disk(Path(nlp.path) / "tokenizer", exclude=["vocab", "token_match"])
    nlp.tokenizer.token_match = nlp.Defaults.token_match


def load_model(name: str, exclude: tuple[str, ...] = ()):
    """`spacy.load(name, exclude=exclude)`, 3 s sooner, with the same tokens."""
    import spacy

    install()
    nlp = spacy.load(name, exclude=["tokenizer", *exclude])
    load_tokenizer(nlp)
    return nlp
