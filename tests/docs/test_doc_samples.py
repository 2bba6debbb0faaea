"""Every code sample of the getting-started guide and the cookbook runs and prints what the
page says it prints.

In those pages a fenced block is
* ```c       a whole C program: compiled against the library installed (cmake --install) into a
             scratch prefix, with `pkg-config --cflags --libs tthc` as the page says, and run;
* ```python  a Python program, run with the package;
* ```console `$ command` lines, each followed by the output it must print, run by the shell with
             the built `tthc` on PATH;
* ```output  the exact standard output of the c or python block just before it;
* ```sh      build and install commands (the consumer and CI runs do those);
any other kind of block fails the test. Programs run in the source tree, so tests/data/… paths
in the samples work as they do for a reader of a checkout.
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGES = ["getting-started.md", "cookbook.md"]
BUILD = os.environ.get("TTHC_BUILD_DIR", str(ROOT / "build" / "dev"))
CFLAGS = shlex.split(os.environ.get("TTHC_SAMPLE_CFLAGS", ""))
CLI_DIR = os.path.dirname(os.environ.get("TTHC_CLI", os.path.join(BUILD, "examples", "tthc")))
FENCE = re.compile(r"^```([a-z]*)\n(.*?)^```\n", re.S | re.M)


def blocks(page):
    """[(kind, text, line)] of the fenced blocks of a page."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1)
            for m in FENCE.finditer(text)]


def samples(page):
    """[(kind, code, expected output or None, line)]."""
    bs, out = blocks(page), []
    for i, (kind, code, line) in enumerate(bs):
        if kind in ("c", "python"):
            nxt = bs[i + 1] if i + 1 < len(bs) else None
            out.append((kind, code, nxt[1] if nxt and nxt[0] == "output" else None, line))
        elif kind == "console":
            out.append((kind, code, None, line))
    return out


def console_commands(text):
    """[(command, expected output)] of a console block."""
    cmds = []
    for line in text.splitlines(keepends=True):
        if line.startswith("$ "):
            cmds.append([line[2:].rstrip("\n"), ""])
        elif cmds:
            cmds[-1][1] += line
    return cmds


class DocSamplesTest(unittest.TestCase):
    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        prefix = os.path.join(cls.tmp.name, "prefix")
        subprocess.run(["cmake", "--install", BUILD, "--prefix", prefix], check=True,
                       capture_output=True,
                       env={k: v for k, v in os.environ.items() if k != "LD_PRELOAD"})
        pcdirs = [str(p) for p in pathlib.Path(prefix).glob("lib*/**/pkgconfig")]
        # The tools and the C samples run without the sanitizer preload the Python tests get
        # (a sanitized sample carries its own runtime).
        base = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        cls.env = dict(base, PKG_CONFIG_PATH=":".join(pcdirs))
        cls.pkg = shlex.split(subprocess.run(["pkg-config", "--cflags", "--libs", "tthc"],
                                             check=True, capture_output=True, text=True,
                                             env=cls.env).stdout)
        libdir = subprocess.run(["pkg-config", "--variable=libdir", "tthc"], check=True,
                                capture_output=True, text=True, env=cls.env).stdout.strip()
        cls.run_env = dict(os.environ, LD_LIBRARY_PATH=libdir,
                           PATH=CLI_DIR + os.pathsep + os.environ.get("PATH", ""))
        cls.c_env = dict(cls.env, LD_LIBRARY_PATH=libdir)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_c(self, code, where):
        src = os.path.join(self.tmp.name, "sample.c")
        exe = os.path.join(self.tmp.name, "sample")
        with open(src, "w", encoding="utf-8") as f:
            f.write(code)
        r = subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", *CFLAGS, src,
                            *self.pkg, "-o", exe], capture_output=True, text=True, env=self.env)
        self.assertEqual(r.returncode, 0, f"{where} does not compile:\n{r.stderr}")
        return subprocess.run([exe], capture_output=True, cwd=ROOT, env=self.c_env)

    def run_python(self, code):
        return subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                              env=self.run_env)

    def test_pages_have_samples_of_each_language(self):
        for page in PAGES:
            kinds = {k for k, *_ in samples(page)}
            self.assertEqual(kinds, {"c", "python", "console"}, page)
            for kind, _, line in blocks(page):
                self.assertIn(kind, ("c", "python", "console", "output", "sh"),
                              f"{page}:{line}: a ```{kind} block the test does not know")

    def test_samples(self):
        for page in PAGES:
            for kind, code, expected, line in samples(page):
                where = f"{page}:{line}"
                with self.subTest(sample=where):
                    if kind == "console":
                        for cmd, want in console_commands(code):
                            r = subprocess.run(["bash", "-c", cmd], capture_output=True,
                                               cwd=ROOT, env=self.run_env)
                            self.assertEqual(r.stdout.decode(), want, f"{where}: $ {cmd}\n"
                                             f"{r.stderr.decode()}")
                        continue
                    r = self.run_c(code, where) if kind == "c" else self.run_python(code)
                    self.assertEqual(r.returncode, 0, f"{where} failed:\n{r.stderr.decode()}")
                    if expected is not None:
                        self.assertEqual(r.stdout.decode(), expected, where)

    def test_readme_quick_start(self):
        """The README's commands: the quick start's due date and the Python one-liner."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        cmds = [line for m in FENCE.finditer(readme) if m.group(1) == "sh"
                for line in m.group(2).splitlines()]
        quick = [c for c in cmds if "examples/tthc deadline" in c]
        self.assertEqual(len(quick), 1, cmds)
        args = shlex.split(quick[0].split("examples/tthc", 1)[1])
        r = subprocess.run([os.path.join(CLI_DIR, "tthc"), *args], capture_output=True,
                           text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines()[0], "2025-02-10T17:00")
        self.assertIn("Monday 10 February 2025 at 17:00", " ".join(readme.split()))
        py = [c for c in cmds if c.startswith("PYTHONPATH=")]
        self.assertEqual(len(py), 1, cmds)
        r = subprocess.run(["bash", "-c", py[0]], capture_output=True, text=True, cwd=ROOT,
                           env=self.run_env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^\d+\.\d+\.\d+\n$")


if __name__ == "__main__":
    unittest.main()
