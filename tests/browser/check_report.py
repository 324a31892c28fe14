#!/usr/bin/env python3
"""Open the analyst's report in headless Chromium, as a person would, and check it.

    check_report.py REPORT_HTML SCREENSHOT_PNG [--expect TEXT]... [--chromium PATH]
    check_report.py --self-test

Fails (exit 1) when the page logs any console error, throws an uncaught exception, has the
browser report an error (a blocked or failed resource load, a Content-Security-Policy
violation, ...), loads any resource at all (the page must be self-contained), lacks one of
the --expect texts once its scripts have run, or when the entity table does not filter and
sort. Saves a screenshot of the top of the page (1280 px wide) to SCREENSHOT_PNG.

How: Chromium is driven through the DevTools protocol over `--remote-debugging-pipe` (two
pipes on file descriptors 3 and 4, JSON messages separated by NUL bytes), so nothing but the
standard library and Debian's `chromium` package is needed: no websocket client, no
Playwright or Selenium, no browser download. Console errors are the protocol's events
`Runtime.consoleAPICalled` (type error or assert), `Runtime.exceptionThrown` and
`Log.entryAdded` (level error), collected from before navigation until after the load.
`--self-test` checks that the detector catches a console.error, an uncaught exception and a
blocked external script on a deliberately broken page, and passes a clean one.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WIDTH = 1280
MAX_SCREENSHOT_HEIGHT = 2400
TIMEOUT = 60.0


class BrowserError(RuntimeError):
    pass


def find_chromium(explicit: str | None) -> str:
    for candidate in (explicit, os.environ.get("CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise BrowserError(
        "chromium not found: install Debian's package (apt-get update && apt-get install -y "
        "chromium) or pass --chromium PATH"
    )


def spawn_with_pipes(arguments: list[str], reader: int, writer: int, log) -> subprocess.Popen:
    """Start `arguments` with `reader` as its fd 3 and `writer` as its fd 4 (where
    `--remote-debugging-pipe` expects them). The parent's own fds 3 and 4 are put aside for
    the time of the fork and restored."""
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 64) for fd in (reader, writer)]
    saved: dict[int, int | None] = {}
    for target in (3, 4):
        try:
            saved[target] = fcntl.fcntl(target, fcntl.F_DUPFD_CLOEXEC, 64)
        except OSError:
            saved[target] = None
    try:
        os.dup2(high[0], 3)
        os.dup2(high[1], 4)
        return subprocess.Popen(
            arguments, stdin=subprocess.DEVNULL, stdout=log, stderr=log, pass_fds=(3, 4)
        )
    finally:
        for target, copy in saved.items():
            if copy is None:
                os.close(target)
            else:
                os.dup2(copy, target, inheritable=False)
                os.close(copy)
        for fd in high:
            os.close(fd)


class Chromium:
    """A headless Chromium and a DevTools-protocol connection to it over pipes."""

    def __init__(self, executable: str):
        self.profile = tempfile.mkdtemp(prefix="report-check-")
        self.log = open(Path(self.profile) / "chromium.log", "w+b")  # noqa: SIM115
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        arguments = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
            # never resolve a host name: a page that reaches out fails here without traffic
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={self.profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        try:
            self.process = spawn_with_pipes(arguments, to_browser_r, from_browser_w, self.log)
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = TIMEOUT) -> dict:
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            event = self._read(deadline - time.monotonic())
            if event.get("method") == method:
                return event
            self.events.append(event)

    def drain(self, seconds: float) -> None:
        """Collect the events that arrive within `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.events.append(self._read(deadline - time.monotonic()))
            except TimeoutError:
                return

    def _read(self, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + max(timeout, 0)
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the connection:\n" + self.log_tail())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def log_tail(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                with contextlib.suppress(BrowserError, OSError, TimeoutError):
                    self.send("Browser.close")
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            for descriptor in (self._to_browser, self._from_browser):
                with contextlib.suppress(OSError):
                    os.close(descriptor)
            self.log.close()
            shutil.rmtree(self.profile, ignore_errors=True)


def console_errors(events: list[dict]) -> list[str]:
    """The errors a person would see in the browser's console."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            text = " ".join(
                str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
            )
            found.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exception = details.get("exception", {})
            found.append(
                "uncaught exception: "
                + (exception.get("description") or details.get("text", "?"))
                + f" (line {details.get('lineNumber', '?')})"
            )
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                found.append(
                    f"browser {entry.get('source', '')} error: {entry.get('text', '')} "
                    f"{entry.get('url', '')}".rstrip()
                )
    return found


# Run in the page once it has loaded: the filter and the sort of the entity table work.
INTERACTION_CHECK = r"""
(() => {
  const table = document.getElementById("entity-table");
  if (!table) { return "no entity table"; }
  const rows = () => Array.from(table.tBodies[0].rows);
  const visible = () => rows().filter(r => !r.hidden);
  const search = document.getElementById("entity-filter");
  const total = rows().length;
  const first = rows()[0].cells[0].textContent.trim();
  search.value = first;
  search.dispatchEvent(new Event("input"));
  const kept = visible().length;
  if (kept < 1 || !visible().some(r => r.cells[0].textContent.trim() === first)) {
    return "filtering on '" + first + "' hid its own row";
  }
  search.value = "zzzz-no-such-entity-zzzz";
  search.dispatchEvent(new Event("input"));
  if (visible().length !== 0) { return "filtering on nonsense kept rows"; }
  search.value = "";
  search.dispatchEvent(new Event("input"));
  if (visible().length !== total) { return "clearing the filter did not show every row"; }
  const header = table.tHead.rows[0].cells[7];  // Mentions, numeric
  header.click();
  const up = rows().map(r => parseFloat(r.cells[7].textContent));
  header.click();
  const down = rows().map(r => parseFloat(r.cells[7].textContent));
  for (let i = 1; i < up.length; i++) {
    if (up[i - 1] > up[i]) { return "ascending sort out of order"; }
    if (down[i - 1] < down[i]) { return "descending sort out of order"; }
  }
  table.tHead.rows[0].cells[0].click();  // back to name order for the screenshot
  return "ok";
})()
"""


def check_page(
    chromium: Chromium, url: str, expects: list[str], screenshot: Path | None,
    interactive: bool = True, max_height: int = MAX_SCREENSHOT_HEIGHT,
) -> list[str]:
    """Load `url` and return the problems found (empty when the page is fine)."""
    problems: list[str] = []
    target = chromium.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = chromium.send(
        "Target.attachToTarget", {"targetId": target, "flatten": True}
    )["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        chromium.send(f"{domain}.enable", session=session)
    chromium.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        session=session,
    )
    chromium.events.clear()
    navigation = chromium.send("Page.navigate", {"url": url}, session=session)
    if navigation.get("errorText"):
        return [f"cannot open {url}: {navigation['errorText']}"]
    chromium.wait_for("Page.loadEventFired")
    chromium.drain(0.5)

    def evaluate(expression: str):
        result = chromium.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True},
            session=session,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluating a check failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    text = evaluate("document.body ? document.body.innerText : ''") or ""
    flat = " ".join(text.split())
    for expected in expects:
        if " ".join(expected.split()) not in flat:
            problems.append(f"the page does not show {expected!r}")
    resources = evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)"
    ) or []
    problems += [f"the page loads a resource: {name}" for name in resources]
    if interactive:
        outcome = evaluate(INTERACTION_CHECK)
        if outcome != "ok":
            problems.append(f"entity table: {outcome}")
    chromium.drain(0.3)
    problems += console_errors(chromium.events)
    if screenshot is not None:
        height = int(evaluate("document.documentElement.scrollHeight") or 900)
        height = max(600, min(height, max_height))
        chromium.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        evaluate("window.scrollTo(0, 0)")
        chromium.drain(0.3)
        image = chromium.send(
            "Page.captureScreenshot",
            {"format": "png", "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height,
                                        "scale": 1}},
            session=session,
        )
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        temporary = screenshot.with_name(f".{screenshot.name}.tmp")
        temporary.write_bytes(base64.b64decode(image["data"]))
        os.replace(temporary, screenshot)
    chromium.send("Target.closeTarget", {"targetId": target})
    return problems


BROKEN_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title>
<script src="http://127.0.0.1:9/library.js"></script></head>
<body><p>Zaid Hoshi Khalaf Wadi</p>
<script>console.error("deliberate console error"); undefinedFunction();</script>
</body></html>
"""
CLEAN_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>clean</title>
<link rel="icon" href="data:,"></head>
<body><p>Zaid Hoshi Khalaf Wadi received by Al-Moghidi</p>
<script>console.log("fine"); document.body.dataset.ran = "yes";</script></body></html>
"""


def self_test(executable: str) -> int:
    folder = Path(tempfile.mkdtemp(prefix="report-self-test-"))
    try:
        (folder / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
        (folder / "clean.html").write_text(CLEAN_PAGE, encoding="utf-8")
        chromium = Chromium(executable)
        try:
            broken = check_page(
                chromium, (folder / "broken.html").as_uri(), ["Al-Moghidi"], None, False
            )
            clean = check_page(
                chromium, (folder / "clean.html").as_uri(),
                ["Zaid Hoshi Khalaf Wadi", "Al-Moghidi"], folder / "clean.png", False,
            )
        finally:
            chromium.close()
        wanted = {
            "missing text": any("does not show 'Al-Moghidi'" in p for p in broken),
            "console.error": any("deliberate console error" in p for p in broken),
            "uncaught exception": any("undefinedFunction" in p for p in broken),
            "external resource": any("127.0.0.1:9/library.js" in p for p in broken),
        }
        failures = [name for name, caught in wanted.items() if not caught]
        if clean:
            failures.append(f"false alarm on a clean page: {clean}")
        if not (folder / "clean.png").read_bytes().startswith(b"\x89PNG"):
            failures.append("no PNG screenshot")
        if failures:
            print("self-test FAILED: " + "; ".join(failures), file=sys.stderr)
            print("problems reported on the broken page:\n  " + "\n  ".join(broken),
                  file=sys.stderr)
            return 1
        print(f"self-test passed: the detector caught {', '.join(wanted)}; clean page passed")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", nargs="?", type=Path, help="report.html to open")
    parser.add_argument("screenshot", nargs="?", type=Path, help="PNG to write")
    parser.add_argument("--expect", action="append", default=[], help="text the page shows")
    parser.add_argument("--chromium", default=None, help="browser executable")
    parser.add_argument(
        "--max-height", type=int, default=MAX_SCREENSHOT_HEIGHT,
        help=f"screenshot at most this many pixels of the page (default {MAX_SCREENSHOT_HEIGHT})",
    )
    parser.add_argument("--self-test", action="store_true", help="check the detector itself")
    args = parser.parse_args(argv)
    try:
        executable = find_chromium(args.chromium)
        if args.self_test:
            return self_test(executable)
        if args.report is None or args.screenshot is None:
            parser.error("REPORT_HTML and SCREENSHOT_PNG are required")
        if not args.report.is_file():
            print(f"error: {args.report} not found (run `make` first)", file=sys.stderr)
            return 1
        chromium = Chromium(executable)
        try:
            problems = check_page(
                chromium, args.report.resolve().as_uri(), args.expect, args.screenshot,
                max_height=args.max_height,
            )
        finally:
            chromium.close()
    except (BrowserError, TimeoutError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if problems:
        print(f"FAILED: {args.report}", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(
        f"ok: {args.report} loads without console errors, shows "
        f"{', '.join(repr(e) for e in args.expect) or 'its content'}, its entity table "
        f"filters and sorts; screenshot in {args.screenshot}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
