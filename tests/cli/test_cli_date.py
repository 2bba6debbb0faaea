"""The tthc command as a user runs it: output, exit codes, errors on stderr."""
import json
import os
import subprocess
import unittest

CLI = os.environ.get("TTHC_CLI", "tthc")


def run(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True)


class CliDateTest(unittest.TestCase):
    def test_date(self):
        r = run("date", "2025-01-29")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout,
                         "2025-01-29 Thứ Tư (Wednesday), ISO week 2025-W05, day 29 of the year\n")

    def test_date_json(self):
        r = run("date", "2025-01-29", "--json")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(json.loads(r.stdout)["iso_week"], {"year": 2025, "week": 5})

    def test_diff(self):
        self.assertEqual(run("date", "2025-01-01", "2025-12-31").stdout, "364\n")
        self.assertEqual(run("date", "2025-12-31", "2025-01-01").stdout, "-364\n")
        j = json.loads(run("date", "2025-01-01", "2025-12-31", "--json").stdout)
        self.assertEqual(j["days"], 364)

    def test_bad_input_exit_1(self):
        r = run("date", "2025-02-30")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertIn("day 30 does not exist in February 2025", r.stderr)

    def test_usage_exit_2(self):
        self.assertEqual(run("date").returncode, 2)
        self.assertEqual(run("date", "--bogus", "2025-01-01").returncode, 2)
        self.assertEqual(run("date", "a", "b", "c").returncode, 2)
        self.assertEqual(run("nosuchcommand").returncode, 2)
        self.assertEqual(run().returncode, 2)

    def test_help(self):
        for args in (("--help",), ("help",), ("date", "--help"), ("version", "--help")):
            r = run(*args)
            self.assertEqual(r.returncode, 0, args)
            self.assertIn("usage", r.stdout)

    def test_version(self):
        r = run("version", "--json")
        self.assertEqual(json.loads(r.stdout)["version"], run("version").stdout.strip())


if __name__ == "__main__":
    unittest.main()
