#!/usr/bin/env python3
"""Memory of the Python package across many calls: does anything leak?

Calls five representative functions in turn — ``parse_datetime``, a lunar round trip,
``explain`` (a due date with its trace), ``normalize`` and ``Catalog.search`` — CALLS times in
all, after a warm-up of a tenth of them, and reports how the process's memory grew:
resident set size (/proc/self/statm) and the C heap in use (glibc ``mallinfo2``: every byte
libtthc or Python allocated and did not free). A leak of one small block per call shows as
tens of megabytes over a million calls; a bounded footprint stays within a few pages.

    PYTHONPATH=bindings/python python3 tests/bench/py_leak.py            # 1,000,000 calls
    PYTHONPATH=bindings/python python3 tests/bench/py_leak.py 50000      # what ctest runs

Exit status 1 when the growth exceeds the bounds (LIMIT_RSS, LIMIT_HEAP below). The figures
are in docs/performance.md.
"""
import ctypes
import datetime as dt
import gc
import os
import sys
import time

import tthc

LIMIT_RSS = 4 << 20   #: bytes of resident memory the run may gain after the warm-up
LIMIT_HEAP = 256 << 10  #: bytes of C heap in use it may gain after the warm-up
HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, os.pardir, "data", "catalog_commune.json")


def rss():
    """Resident set size in bytes, or None off Linux."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return None


class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                                               "usmblks", "fsmblks", "uordblks", "fordblks",
                                               "keepcost")]


def _mallinfo2():
    try:
        fn = ctypes.CDLL(None).mallinfo2
    except AttributeError:  # not glibc 2.33+
        return None
    fn.restype = _MallInfo2
    return fn


_MI = _mallinfo2()


def heap():
    """C heap bytes in use (allocated blocks + mmapped blocks), or None without mallinfo2."""
    if _MI is None:
        return None
    m = _MI()
    return m.uordblks + m.hblkhd


def workload():
    """The functions called, each a closure over prepared input."""
    cat = tthc.Catalog.load(CATALOG)
    received = dt.datetime(2025, 1, 24, 16, 10)
    day = dt.date(2025, 1, 29)
    return [
        ("parse_datetime", lambda: tthc.parse_datetime("2025-01-24T16:10:05+07:00")),
        ("lunar round trip", lambda: tthc.lunar.to_solar(*tthc.lunar.to_lunar(day))),
        ("explain (due + trace)", lambda: tthc.explain(received, "05 ngày làm việc")),
        ("normalize", lambda: tthc.normalize("Uỷ ban nhân dân xã Hoà Bình, THUỶ")),
        ("catalog search", lambda: cat.search("khai sinh")),
    ]


def _snapshot():
    gc.collect()
    return rss(), heap()


def run(calls, out=None):
    """Make ``calls`` calls in all; returns a dict of figures (bytes, seconds)."""
    fns = workload()
    per_fn = max(1, calls // len(fns))
    warm = max(1, per_fn // 10)
    for _ in range(warm):
        for _, fn in fns:
            fn()
    rss0, heap0 = _snapshot()
    t0 = time.perf_counter()
    timings = []
    for name, fn in fns:
        t = time.perf_counter()
        for _ in range(per_fn - warm):
            fn()
        timings.append((name, (time.perf_counter() - t) / max(1, per_fn - warm)))
    elapsed = time.perf_counter() - t0
    rss1, heap1 = _snapshot()
    r = {"calls": per_fn * len(fns), "measured_calls": (per_fn - warm) * len(fns),
         "rss_before": rss0, "rss_after": rss1, "heap_before": heap0, "heap_after": heap1,
         "seconds": elapsed, "per_call": timings}
    if out is not None:
        _report(r, out)
    return r


def growth(r, key):
    before, after = r[key + "_before"], r[key + "_after"]
    return None if before is None or after is None else after - before


def within_bounds(r):
    g_rss, g_heap = growth(r, "rss"), growth(r, "heap")
    return (g_rss is None or g_rss <= LIMIT_RSS) and (g_heap is None or g_heap <= LIMIT_HEAP)


def _kib(n):
    return "n/a" if n is None else f"{n / 1024:+,.0f} KiB"


def _report(r, out):
    out.write(f"{r['calls']:,} calls ({r['measured_calls']:,} after the warm-up) in "
              f"{r['seconds']:.1f} s\n")
    for name, secs in r["per_call"]:
        out.write(f"  {name:<24}{secs * 1e6:8.1f} µs/call\n")
    out.write(f"resident set: {r['rss_before'] / 2**20:.1f} MiB -> "
              f"{r['rss_after'] / 2**20:.1f} MiB ({_kib(growth(r, 'rss'))}, bound "
              f"{LIMIT_RSS >> 10} KiB)\n")
    if r["heap_before"] is not None:
        out.write(f"C heap in use: {r['heap_before'] / 2**20:.2f} MiB -> "
                  f"{r['heap_after'] / 2**20:.2f} MiB ({_kib(growth(r, 'heap'))}, bound "
                  f"{LIMIT_HEAP >> 10} KiB)\n")
    out.write("bounded\n" if within_bounds(r) else "GROWTH EXCEEDS THE BOUNDS\n")


def main(argv):
    calls = int(argv[1]) if len(argv) > 1 else 1_000_000
    r = run(calls, sys.stdout)
    return 0 if within_bounds(r) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
