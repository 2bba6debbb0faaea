#!/usr/bin/env python3
"""The shared library exports exactly the functions the public headers declare with TTHC_API.

usage: check_exports.py LIBTTHC.so INCLUDE_DIR
"""
import pathlib
import re
import subprocess
import sys


def declared(include_dir):
    names = set()
    for h in sorted(pathlib.Path(include_dir).rglob("*.h")):
        text = re.sub(r"/\*.*?\*/", "", h.read_text(encoding="utf-8"), flags=re.S)
        text = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#"))
        for decl in re.findall(r"\bTTHC_API\b([^;{]*?)\(", text):
            m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*$", decl)
            if m and m.group(1) != "TTHC_API":
                names.add(m.group(1))
    return names


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TtDdBbRrVvWi":
            names.add(parts[2].split("@")[0])
    # Symbols the toolchain adds, not ours.
    return {n for n in names if not n.startswith(("_init", "_fini", "__"))} - {"_edata", "_end"}


def main():
    lib, inc = sys.argv[1], sys.argv[2]
    d, e = declared(inc), exported(lib)
    if not d:
        print("no TTHC_API declarations found under", inc)
        return 1
    bad = False
    for n in sorted(e - d):
        print("exported but not declared in a public header:", n)
        bad = True
    for n in sorted(d - e):
        print("declared TTHC_API but not exported:", n)
        bad = True
    for n in sorted(e):
        if not n.startswith("tthc_"):
            print("exported symbol without the tthc_ prefix:", n)
            bad = True
    print(f"{len(d)} declared, {len(e)} exported")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
