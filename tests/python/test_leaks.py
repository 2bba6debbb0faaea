"""No memory leak across many calls of the Python package: the short run of
tests/bench/py_leak.py (50,000 calls; the full run makes 1,000,000, see
docs/performance.md), and a check that the measurement does see a leak."""
import ctypes
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir, "bench"))
import py_leak  # noqa: E402

# Under AddressSanitizer (LD_PRELOAD) freed memory sits in quarantine and the heap figures
# mean nothing: the calls still run (ASan checks them), the bounds are not asserted.
SANITIZED = "asan" in os.environ.get("LD_PRELOAD", "")


class LeakTest(unittest.TestCase):
    def test_50k_calls_stay_bounded(self):
        r = py_leak.run(5000 if SANITIZED else 50000)
        if SANITIZED:
            self.skipTest("memory figures are meaningless under AddressSanitizer")
        self.assertIsNotNone(r["rss_before"], "no /proc/self/statm")
        self.assertTrue(py_leak.within_bounds(r),
                        f"rss {py_leak.growth(r, 'rss')} B, heap {py_leak.growth(r, 'heap')} B")

    @unittest.skipIf(SANITIZED or py_leak.heap() is None, "needs glibc's mallinfo2")
    def test_a_leak_is_seen(self):
        libc = ctypes.CDLL(None)
        libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
        real = py_leak.workload
        py_leak.workload = lambda: real() + [("leak", lambda: libc.malloc(48))]
        try:
            r = py_leak.run(60000)
        finally:
            py_leak.workload = real
        self.assertFalse(py_leak.within_bounds(r), "a 48-byte leak per call went unnoticed")


if __name__ == "__main__":
    unittest.main()
