"""`pip install ./bindings/python` works offline and the installed package loads the library."""
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def have_pip():
    return subprocess.run([sys.executable, "-m", "pip", "--version"],
                          capture_output=True).returncode == 0


@unittest.skipUnless(have_pip(), "pip is not installed for this python")
class PackagingTest(unittest.TestCase):
    def test_offline_pip_install(self):
        with tempfile.TemporaryDirectory() as d:
            site = os.path.join(d, "site")
            r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--quiet",
                                "--disable-pip-version-check", "--target", site,
                                str(ROOT / "bindings" / "python")],
                               capture_output=True, text=True, cwd=d)
            self.assertEqual(r.returncode, 0, r.stderr)
            env = dict(os.environ, PYTHONPATH=site)
            r = subprocess.run([sys.executable, "-c",
                                "import tthc, sys; print(tthc.version()); print(tthc.__file__)"],
                               capture_output=True, text=True, env=env, cwd=d)
            self.assertEqual(r.returncode, 0, r.stderr)
            version, path = r.stdout.split()
            self.assertTrue(path.startswith(site), path)
            cm = (ROOT / "CMakeLists.txt").read_text()
            self.assertIn(f"VERSION {version}", cm)
            installed = pathlib.Path(site, "tthc")
            self.assertTrue((installed / "py.typed").is_file(), "no py.typed marker")
            self.assertEqual(sorted(p.stem for p in installed.glob("*.pyi")),
                             sorted(p.stem for p in installed.glob("*.py")
                                    if p.stem != "__main__"), "a module without its stub")
            r = subprocess.run([sys.executable, "-m", "tthc", "--help"], capture_output=True,
                               text=True, env=env, cwd=d)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("usage: tthc COMMAND", r.stdout)


if __name__ == "__main__":
    unittest.main()
