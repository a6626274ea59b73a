#!/usr/bin/env python3
"""make check's thread-safety stage: clang's -Wthread-safety over Welkom's own
C++ files, as compiled by the build (compile_commands.json), so every
ABSL_GUARDED_BY / ABSL_EXCLUSIVE_LOCKS_REQUIRED annotation is checked.

Only analysis (-fsyntax-only), and only of the files that take part in
locking: a .cc that names absl::Mutex or a lock annotation, itself or in
the header of the same name (guarded members are private, so the code
that touches them is there), or that includes a header-only class that
locks (server/base/clock.h's FakeClock). The others have nothing to check
and are most of the parse time.
Usage: thread_safety.py BUILD_DIR   (the build must have generated its
headers: run after `make test`).
"""
import json
import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CLANG = os.environ.get("CLANGXX", "clang++-14")
# Directories of the project's own code; generated code lives in the build.
OWN = ("server/", "client-sdk/", "mobile-bridge/", "tests/")
LOCKING = re.compile(r"absl::Mutex|ABSL_(GUARDED_BY|PT_GUARDED_BY|"
                     r"EXCLUSIVE_LOCKS_REQUIRED|SHARED_LOCKS_REQUIRED|"
                     r"LOCKS_EXCLUDED|LOCK_RETURNED|ACQUIRED_)")
FLAGS = ["-fsyntax-only", "-Wno-everything", "-Wthread-safety",
         "-Wthread-safety-beta", "-Werror"]


def clang_command(entry, root):
    args = entry.get("arguments") or shlex.split(entry["command"])
    # Drop the compiler launcher (ccache) and the compiler, the output and
    # the -c: clang only analyses. gcc's warning flags are replaced by FLAGS.
    while args and not args[0].endswith(("c++", "g++", "cc", "gcc",
                                         "clang++", "clang")):
        args = args[1:]
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a == "-c" or a.startswith("-W"):
            continue
        out.append(a)
    return [CLANG] + out + FLAGS


INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)


def locks(path):
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as f:
        return bool(LOCKING.search(f.read()))


def takes_part_in_locking(path):
    if locks(path) or locks(os.path.splitext(path)[0] + ".h"):
        return True
    with open(path, encoding="utf-8") as f:
        includes = INCLUDE.findall(f.read())
    return any(h.endswith(".h") and not os.path.exists(h[:-2] + ".cc")
               and locks(h) for h in includes)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    root = os.getcwd()
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    jobs = []
    for e in entries:
        path = os.path.relpath(os.path.join(e["directory"], e["file"]), root)
        if (path.startswith(OWN) and path.endswith(".cc")
                and takes_part_in_locking(path)):
            jobs.append((path, e["directory"], clang_command(e, root)))

    def run(job):
        path, directory, cmd = job
        r = subprocess.run(cmd, cwd=directory, capture_output=True, text=True)
        return path, r.returncode, r.stderr

    failed = 0
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for path, code, err in pool.map(run, jobs):
            if code != 0:
                failed += 1
                sys.stderr.write(err)
    print(f"thread-safety: {len(jobs)} files analysed, {failed} with findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
