"""Every function the shared library exports has a declared ctypes signature in the package."""
import importlib
import os
import pkgutil
import subprocess
import unittest

import tthc
from tthc import _lib


def exported_symbols(path):
    out = subprocess.run(["nm", "-D", "--defined-only", path], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TtWi" and parts[2].startswith("tthc_"):
            names.add(parts[2].split("@")[0])
    return names


class BindingCoverageTest(unittest.TestCase):
    def test_every_export_is_declared(self):
        for mod in pkgutil.iter_modules(tthc.__path__):
            if mod.name != "__main__":
                importlib.import_module("tthc." + mod.name)
        path = os.environ.get("TTHC_LIBRARY") or _lib.lib._name
        missing = sorted(exported_symbols(path) - _lib.declared_names())
        self.assertEqual(missing, [], "exported C functions without a ctypes declaration")


if __name__ == "__main__":
    unittest.main()
