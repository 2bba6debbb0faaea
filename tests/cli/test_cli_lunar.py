"""tthc lunar as a user runs it: the exact JSON and CSV other tools read, errors, exit codes."""
import csv
import io
import json
import os
import subprocess
import unittest

CLI = os.environ.get("TTHC_CLI", "tthc")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


class CliLunarTest(unittest.TestCase):
    def test_solar_to_lunar_json_exact(self):
        r = run("lunar", "2025-01-29", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(
            r.stdout,
            '{"solar":"2025-01-29","lunar":{"year":2025,"month":1,"day":1,"leap":false},'
            '"can_chi":{"year":"Ất Tỵ","month":"Mậu Dần","day":"Mậu Tuất"}}\n')

    def test_solar_to_lunar_plain(self):
        r = run("lunar", "2025-01-29")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout,
                         "2025-01-29 Thứ Tư = mùng 1 tháng Giêng năm Ất Tỵ (1/1/2025 âm lịch)\n"
                         "ngày Mậu Tuất, tháng Mậu Dần, năm Ất Tỵ\n")
        self.assertEqual(r.stderr, "")

    def test_conventions(self):
        # Tết 1985: 21 January in Vietnam, 20 February in China.
        def lunar(date, conv):
            return json.loads(run("lunar", date, "--json", "--convention", conv).stdout)["lunar"]
        self.assertEqual(lunar("1985-01-21", "vietnam"),
                         {"year": 1985, "month": 1, "day": 1, "leap": False})
        self.assertEqual(lunar("1985-01-21", "utc8")["year"], 1984)
        # 1965: the historical convention follows UTC+8 before 1968.
        self.assertEqual(lunar("1965-02-01", "utc7")["day"], 1)
        self.assertEqual(lunar("1965-02-01", "vietnam")["day"], 30)
        self.assertEqual(lunar("1968-01-29", "vietnam")["month"], 1)
        self.assertEqual(lunar("1968-01-29", "utc8")["month"], 12)

    def test_to_solar(self):
        r = run("lunar", "--to-solar", "2025-06-15", "--leap", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        j = json.loads(r.stdout)
        self.assertEqual(j["solar"], "2025-08-08")
        self.assertEqual(j["lunar"], {"year": 2025, "month": 6, "day": 15, "leap": True})
        self.assertEqual(j["can_chi"]["month"], "Quý Mùi")
        self.assertEqual(json.loads(run("lunar", "--to-solar", "2025-06-15", "--json").stdout)
                         ["solar"], "2025-07-09")
        r = run("lunar", "--to-solar", "2025-3-10")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("= 2025-04-07 Thứ Hai", r.stdout)
        self.assertTrue(r.stdout.startswith("mùng 10 tháng Ba năm Ất Tỵ (10/3/2025 âm lịch)"))

    def test_range_csv(self):
        r = run("lunar", "--range", "2025-07-23", "2025-07-26", "--csv")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "solar,year,month,day,leap\n"
                                   "2025-07-23,2025,6,29,0\n"
                                   "2025-07-24,2025,6,30,0\n"
                                   "2025-07-25,2025,6,1,1\n"
                                   "2025-07-26,2025,6,2,1\n")
        rows = list(csv.DictReader(io.StringIO(
            run("lunar", "--range", "2024-01-01", "2024-12-31", "--csv").stdout)))
        self.assertEqual(len(rows), 366)
        self.assertEqual(rows[40], {"solar": "2024-02-10", "year": "2024", "month": "1",
                                    "day": "1", "leap": "0"})

    def test_months_and_terms(self):
        j = json.loads(run("lunar", "--months", "2025", "--json").stdout)
        self.assertEqual(j["leap_month"], 6)
        self.assertEqual(len(j["months"]), 13)
        self.assertEqual(j["months"][6]["first_day"], "2025-07-25")
        self.assertTrue(j["months"][6]["leap"])
        self.assertTrue(j["months"][0]["new_moon"].startswith("2025-01-29T12:3"))
        self.assertTrue(j["months"][0]["new_moon_local"].endswith("+07:00"))
        j = json.loads(run("lunar", "--months", "1960", "--json").stdout)
        self.assertTrue(j["months"][0]["new_moon_local"].endswith("+08:00"))
        j = json.loads(run("lunar", "--terms", "2025", "--json").stdout)
        self.assertEqual(len(j["terms"]), 24)
        self.assertEqual(j["terms"][23]["name"], "Đông chí")
        self.assertEqual(j["terms"][23]["date"], "2025-12-21")
        self.assertTrue(j["terms"][23]["major"])
        r = run("lunar", "--terms", "2025")
        self.assertEqual(r.returncode, 0)
        self.assertIn("Lập xuân", r.stdout)

    def test_bad_input_exit_1(self):
        cases = [
            (("lunar", "2025-02-30"), "day 30 does not exist in February 2025"),
            (("lunar", "1799-12-31"), "outside the supported range"),
            (("lunar", "--to-solar", "2025-05-15", "--leap"),
             "lunar year 2025 has no leap month 5 (its leap month is 6)"),
            (("lunar", "--to-solar", "2024-12-30"),
             "month 12 of lunar year 2024 has 29 days"),
            (("lunar", "--to-solar", "2025-13-01"), "month 13 is out of range 1-12"),
            (("lunar", "--to-solar", "2025-01-31"), "day 31 is out of range 1-30"),
            (("lunar", "--to-solar", "2025/01/01"), "expected YEAR-MONTH-DAY"),
            (("lunar", "--to-solar", "2200-06-01"), "outside the supported range"),
            (("lunar", "--range", "2025-01-05", "2025-01-01", "--csv"), "ends (2025-01-01)"),
            (("lunar", "--range", "2199-12-01", "2200-01-05", "--csv"), "supported range"),
            (("lunar", "--months", "2200"), "outside the supported range 1799-2199"),
            (("lunar", "--terms", "abc"), "invalid year"),
            (("lunar", "--terms", "3000"), "1001-2999"),
        ]
        for args, message in cases:
            r = run(*args)
            self.assertEqual(r.returncode, 1, (args, r.stderr))
            self.assertEqual(r.stdout, "", args)
            self.assertIn(message, r.stderr, args)
            self.assertTrue(r.stderr.startswith("tthc lunar: "), args)

    def test_usage_exit_2(self):
        for args in (("lunar",), ("lunar", "2025-01-01", "2025-01-02"),
                     ("lunar", "--convention", "bogus", "2025-01-01"),
                     ("lunar", "--bogus", "2025-01-01"), ("lunar", "2025-01-01", "--leap"),
                     ("lunar", "--range", "2025-01-01", "--csv"),
                     ("lunar", "--range", "2025-01-01", "2025-01-02", "--json"),
                     ("lunar", "2025-01-01", "--csv"),
                     ("lunar", "--to-solar", "2025-01-01", "--terms", "2025"),
                     ("lunar", "--to-solar")):
            r = run(*args)
            self.assertEqual(r.returncode, 2, (args, r.stdout, r.stderr))
            self.assertEqual(r.stdout, "", args)

    def test_help(self):
        r = run("lunar", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--to-solar", r.stdout)
        self.assertIn("lunar", run("--help").stdout)


if __name__ == "__main__":
    unittest.main()
