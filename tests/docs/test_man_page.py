"""The manual page examples/tthc.1 documents the tthc command: every subcommand of
examples/tthc/commands.def has its section, every option `tthc COMMAND --help` lists is in it,
the examples run, and groff / man render the page without a warning (when installed)."""
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "examples" / "tthc.1"
CLI = os.environ.get("TTHC_CLI", "tthc")
CAL_OPTIONS = {"--calendar", "--schedule", "--culture-day"}
# groff and man are not built with the sanitizers: run them without the preload sanitized
# test runs give the Python tests.
TOOL_ENV = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}


def commands():
    text = (ROOT / "examples" / "tthc" / "commands.def").read_text(encoding="utf-8")
    return re.findall(r"^X\((\w+),", text, re.M)


def sections():
    """{subcommand: text of its .SS section, with \\- read as -}."""
    text = PAGE.read_text(encoding="utf-8").replace("\\-", "-")
    parts = re.split(r"^\.SS (\S+)", text, flags=re.M)
    out = dict(zip(parts[1::2], parts[2::2]))
    for name, body in out.items():
        out[name] = re.split(r"^\.SH ", body, flags=re.M)[0]
    return out


class ManPageTest(unittest.TestCase):
    def test_sections(self):
        text = PAGE.read_text(encoding="utf-8")
        for sh in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS", "EXAMPLES",
                   "SEE ALSO"):
            self.assertRegex(text, rf"(?m)^\.SH {sh}$")

    def test_every_subcommand_and_option(self):
        secs = sections()
        self.assertEqual(sorted(secs), sorted(commands()))
        for cmd in commands():
            usage = subprocess.run([CLI, cmd, "--help"], capture_output=True, text=True)
            self.assertEqual(usage.returncode, 0, cmd)
            for opt in sorted(set(re.findall(r"--[a-z][a-z-]*", usage.stdout))):
                with self.subTest(command=cmd, option=opt):
                    if opt in CAL_OPTIONS and "calendar options" in secs[cmd]:
                        self.assertIn(opt, secs["holidays"])
                    else:
                        self.assertIn(opt, secs[cmd])

    def test_examples_run(self):
        text = PAGE.read_text(encoding="utf-8")
        examples = re.findall(r"^\.EX\n(.*?)^\.EE", text, re.S | re.M)
        lines = [line.replace("\\-", "-") for ex in examples for line in ex.splitlines()]
        ran = 0
        for line in lines:
            if any(c in line for c in "<>") or ".json" in line or ".csv" in line:
                continue  # reads or writes the reader's files
            argv = shlex.split(line)
            self.assertEqual(argv[0], "tthc", line)
            r = subprocess.run([CLI, *argv[1:]], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, f"{line}: {r.stderr}")
            ran += 1
        self.assertGreaterEqual(ran, 8)

    @unittest.skipUnless(shutil.which("groff"), "groff is not installed")
    def test_groff_renders_without_warnings(self):
        r = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z", str(PAGE)],
                           capture_output=True, text=True, env=TOOL_ENV)
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    @unittest.skipUnless(shutil.which("man"), "man is not installed")
    def test_man_renders(self):
        r = subprocess.run(["man", "-l", str(PAGE)], capture_output=True, text=True,
                           env=dict(TOOL_ENV, MANWIDTH="80", MANPAGER="cat", PAGER="cat"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("reference calculators for Vietnamese administrative procedures", r.stdout)
        self.assertIn("EXIT STATUS", r.stdout)


if __name__ == "__main__":
    unittest.main()
