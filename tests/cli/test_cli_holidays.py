"""tthc holidays and tthc workday as a user runs them: output, exit codes, errors on stderr."""
import json
import os
import subprocess
import unittest

CLI = os.environ.get("TTHC_CLI", "tthc")
DATA = os.environ.get("TTHC_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


def data(name):
    return os.path.join(DATA, name)


class CliHolidaysTest(unittest.TestCase):
    def test_json_exact_shape_2025(self):
        r = run("holidays", "2025", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        j = json.loads(r.stdout)
        self.assertEqual(list(j), ["year", "status", "days"])
        self.assertEqual(j["year"], 2025)
        self.assertEqual(j["status"], "official")
        self.assertEqual(j["days"][0], {"date": "2025-01-01", "kind": "holiday",
                                        "name_vi": "Tết Dương lịch",
                                        "name_en": "New Year's Day"})
        for d in j["days"]:
            self.assertEqual(list(d), ["date", "kind", "name_vi", "name_en"])
        dates = [d["date"] for d in j["days"]]
        self.assertEqual(dates, sorted(dates))
        got = [(d["date"], d["kind"]) for d in j["days"]]
        self.assertEqual(got, [
            ("2025-01-01", "holiday"), ("2025-01-27", "holiday"), ("2025-01-28", "holiday"),
            ("2025-01-29", "holiday"), ("2025-01-30", "holiday"), ("2025-01-31", "holiday"),
            ("2025-04-07", "holiday"), ("2025-04-26", "makeup_workday"),
            ("2025-04-30", "holiday"), ("2025-05-01", "holiday"), ("2025-05-02", "swap_off"),
            ("2025-09-01", "holiday"), ("2025-09-02", "holiday")])

    def test_rules_year_is_marked(self):
        j = json.loads(run("holidays", "2027", "--json").stdout)
        self.assertEqual(j["status"], "rules")
        self.assertIn({"date": "2027-02-06", "kind": "holiday", "name_vi": "Tết Nguyên đán",
                       "name_en": "Lunar New Year (Tết)"}, j["days"])
        self.assertTrue(run("holidays", "2027").stdout.startswith("2027: rules"))
        # never "weekends only": far years have their holidays too
        j = json.loads(run("holidays", "2199", "--json").stdout)
        self.assertEqual(j["status"], "rules")
        self.assertGreaterEqual(len(j["days"]), 11)

    def test_cross_year_swap_listed_under_its_date(self):
        j = json.loads(run("holidays", "2018", "--json").stdout)
        self.assertEqual(j["days"][-1]["date"], "2018-12-31")
        self.assertEqual(j["days"][-1]["kind"], "swap_off")
        j = json.loads(run("holidays", "2019", "--json").stdout)
        self.assertEqual(j["days"][1]["date"], "2019-01-05")
        self.assertEqual(j["days"][1]["kind"], "makeup_workday")

    def test_plain(self):
        r = run("holidays", "2026")
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "2026: official (announced schedule)")
        self.assertEqual(lines[1], "2026-01-01 Thứ Năm  holiday        Tết Dương lịch / "
                                   "New Year's Day")
        self.assertIn("2026-08-22 Thứ Bảy  makeup_workday Làm bù ngày 31/8/2026", r.stdout)
        self.assertEqual(len(lines), 17)

    def test_ics(self):
        r = run("holidays", "2024", "--ics")
        self.assertEqual(r.returncode, 0)
        self.assertTrue(r.stdout.startswith("BEGIN:VCALENDAR"))
        self.assertIn("CATEGORIES:makeup_workday", r.stdout)
        self.assertEqual(r.stdout.count("BEGIN:VEVENT"), 15)

    def test_schedule_and_calendar_files(self):
        j = json.loads(run("holidays", "2027", "--json", "--schedule",
                           data("schedule_2027.json")).stdout)
        self.assertEqual(j["status"], "official")
        self.assertEqual(len(j["days"]), 5)
        j = json.loads(run("holidays", "2025", "--json", "--calendar",
                           data("local_2025.ics")).stdout)
        days = {d["date"]: d for d in j["days"]}
        self.assertEqual(days["2025-03-12"]["kind"], "local")
        self.assertEqual(days["2025-05-02"]["kind"], "makeup_workday")
        self.assertEqual(days["2025-05-02"]["name_vi"], "Đơn vị làm việc")
        j = json.loads(run("holidays", "2026", "--json", "--culture-day").stdout)
        self.assertIn("2026-11-24", [d["date"] for d in j["days"]])

    def test_round_trip_through_ics_file(self):
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".ics", delete=False,
                                         encoding="utf-8", newline="") as f:
            f.write(run("holidays", "2025", "--ics").stdout)
        try:
            a = run("holidays", "2025", "--json").stdout
            b = run("holidays", "2025", "--json", "--calendar", f.name).stdout
            self.assertEqual(a, b)
        finally:
            os.unlink(f.name)

    def test_bad_input_exit_1(self):
        for args, msg in [
                (("2500",), "outside the supported range 1800-2199"),
                (("20x5",), "invalid year '20x5'"),
                (("2025", "--schedule", data("bad_schedule.json")),
                 "$.days[1].date: invalid date \"2027-02-30\""),
                (("2025", "--calendar", data("timed.ics")),
                 "timed.ics: invalid iCalendar at line 4, column 9: DTSTART is a date-time"),
                (("2025", "--calendar", data("no_such_file.ics")), "cannot open")]:
            r = run("holidays", *args)
            self.assertEqual(r.returncode, 1, args)
            self.assertEqual(r.stdout, "")
            self.assertIn(msg, r.stderr)

    def test_usage_exit_2(self):
        self.assertEqual(run("holidays").returncode, 2)
        self.assertEqual(run("holidays", "2025", "--json", "--ics").returncode, 2)
        self.assertEqual(run("holidays", "2025", "--bogus").returncode, 2)
        self.assertEqual(run("holidays", "2025", "2026").returncode, 2)
        self.assertEqual(run("holidays", "2025", "--calendar").returncode, 2)
        r = run("holidays", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage: tthc holidays YEAR", r.stdout)


class CliWorkdayTest(unittest.TestCase):
    def test_workday(self):
        r = run("workday", "2026-01-10")
        self.assertEqual(r.returncode, 0)
        self.assertTrue(r.stdout.startswith(
            "2026-01-10 Thứ Bảy (Saturday): working day — makeup_workday: Làm bù"))
        r = run("workday", "2025-03-08")
        self.assertEqual(r.stdout, "2025-03-08 Thứ Bảy (Saturday): not a working day — "
                                   "weekly rest [2025: official]\n")
        self.assertEqual(run("workday", "2025-03-10").stdout,
                         "2025-03-10 Thứ Hai (Monday): working day [2025: official]\n")

    def test_json(self):
        j = json.loads(run("workday", "2025-01-29", "--json").stdout)
        self.assertEqual(j["workday"], False)
        self.assertEqual(j["kind"], "holiday")
        self.assertEqual(j["name_vi"], "Tết Nguyên đán")
        self.assertIn("Điều 112", j["source"])
        self.assertEqual(j["year_status"], "official")
        j = json.loads(run("workday", "2030-03-12", "--json").stdout)
        self.assertEqual((j["workday"], j["kind"], j["name_vi"], j["year_status"]),
                         (True, "workday", None, "rules"))
        j = json.loads(run("workday", "2025-03-12", "--json", "--calendar",
                           data("local_2025.ics")).stdout)
        self.assertEqual((j["workday"], j["kind"]), (False, "local"))

    def test_errors(self):
        r = run("workday", "2025-02-30")
        self.assertEqual(r.returncode, 1)
        self.assertIn("day 30 does not exist in February 2025", r.stderr)
        r = run("workday", "1799-12-31")
        self.assertEqual(r.returncode, 1)
        self.assertIn("outside the supported years", r.stderr)
        self.assertEqual(run("workday").returncode, 2)


if __name__ == "__main__":
    unittest.main()
