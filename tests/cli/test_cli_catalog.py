"""tthc catalog FILE search|show|plan|list, run as a user would."""
import json
import os
import subprocess
import unittest

CLI = os.environ.get("TTHC_CLI", "tthc")
DATA = os.environ.get("TTHC_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
CAT = os.path.join(DATA, "catalog_commune.json")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


def catalog(*args):
    return run("catalog", CAT, *args)


class CliCatalogTest(unittest.TestCase):
    def test_search(self):
        for q in (["khai sinh"], ["KHAI SINH"], ["khai", "sinh"], ["khai sinh cho nguoi"]):
            r = catalog("search", *q)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("1.001193  Đăng ký khai sinh  [Hộ tịch]", r.stdout)
        r = catalog("search", "khai sinh")
        self.assertTrue(r.stdout.startswith("1.001193  Đăng ký khai sinh  [Hộ tịch]  all_words\n"))
        j = json.loads(catalog("search", "dang ky ket hon", "--json").stdout)
        self.assertEqual(j["results"][0], {"code": "1.000894", "name": "Đăng ký kết hôn",
                                           "field": "Hộ tịch", "level": "commune",
                                           "online": "unknown", "match": "exact"})
        self.assertEqual(j["count"], len(j["results"]))
        r = catalog("search", "xyzzy")
        self.assertEqual((r.returncode, r.stdout), (0, ""))
        self.assertEqual(json.loads(catalog("search", "xyzzy", "--json").stdout)["count"], 0)

    def test_show(self):
        r = catalog("show", "1.010803")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1.010803  Giải quyết chế độ trợ cấp thờ cúng liệt sĩ\n", r.stdout)
        self.assertIn("  Field:        Người có công\n", r.stdout)
        self.assertIn("  Inter-agency: yes (liên thông)\n", r.stdout)
        self.assertIn("3. approve   Sở Lao động - Thương binh và Xã hội", r.stdout)
        self.assertIn("[04/2012/UBTVQH13]", r.stdout)
        j = json.loads(catalog("show", "2.000815", "--json").stdout)
        self.assertEqual(j["procedure"]["code"], "2.000815")
        self.assertEqual(j["limits"]["direct"]["unit"], "within_day")
        self.assertEqual(j["limits"]["direct"]["cutoff"], "15:00")
        self.assertEqual(j["limits"]["direct"]["working_minutes"], 480)
        j = json.loads(catalog("show", "1.000593", "--json").stdout)
        self.assertIsNone(j["limits"]["postal"])
        self.assertEqual(j["procedure"]["decision"], {"number": "2661/QĐ-UBND",
                                                      "date": "2020-12-20"})

    def test_plan_across_tet(self):
        r = catalog("plan", "1.010803", "--received", "2025-01-24T16:10")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Start:     2025-02-03T08:00\nDue:       2025-03-12T17:00\n", r.stdout)
        self.assertIn("2025-02-21T17:00 -> 2025-03-11T17:00", r.stdout)
        self.assertIn("Same day (4 tại chỗ): no\n", r.stdout)
        self.assertIn("[x] received after the cut-off\n", r.stdout)
        self.assertIn("  [x] the limit is too long for the same day\n", r.stdout)
        self.assertIn("  -30 %: 18.5 working days (8880 working minutes)", r.stdout)
        j = json.loads(catalog("plan", "1.010803", "--received", "2025-01-24T16:10",
                               "--json").stdout)
        self.assertEqual(j["due"], "2025-03-12T17:00")
        self.assertEqual([s["due"] for s in j["steps"]],
                         ["2025-02-07T17:00", "2025-02-21T17:00", "2025-03-11T17:00",
                          "2025-03-11T17:00"])
        self.assertEqual(j["process_fits"], True)
        self.assertEqual([(x["percent"], x["minutes"]) for x in j["reductions"]],
                         [(30, 8880), (50, 6480)])
        self.assertEqual(sum(s["minutes"] for s in j["reductions"][0]["steps"]), 8880)

    def test_plan_same_day(self):
        j = json.loads(catalog("plan", "1.001193", "--received", "2025-03-04T09:00",
                               "--json").stdout)
        self.assertTrue(j["same_day"]["eligible"])
        self.assertEqual(j["same_day"]["dues"]["appraise"], "2025-03-04T14:22")
        self.assertEqual([x["code"] for x in j["same_day"]["reasons"]],
                         ["field_listed", "limit_short", "complete", "before_cutoff",
                          "fits_today"])
        self.assertEqual(j["steps"], [])
        self.assertEqual(j["reductions"], [])
        r = catalog("plan", "1.001193", "--received", "2025-03-04T09:00")
        self.assertIn("Same day (4 tại chỗ): yes\n", r.stdout)
        self.assertIn("  appraise  by 14:22\n", r.stdout)
        self.assertIn("Reduction targets: not applicable", r.stdout)
        # After the cut-off, and with a later cut-off given on the command line.
        j = json.loads(catalog("plan", "1.001193", "--received", "2025-03-04T15:20",
                               "--json").stdout)
        self.assertFalse(j["same_day"]["eligible"])
        self.assertEqual(j["due"], "2025-03-05T17:00")
        j = json.loads(catalog("plan", "1.001193", "--received", "2025-03-04T15:20",
                               "--cutoff", "15:30", "--json").stdout)
        self.assertEqual(j["due"], "2025-03-04T17:00")
        codes = [x["code"] for x in j["same_day"]["reasons"]]
        self.assertIn("before_cutoff", codes)  # but 100 minutes left < 120 nominal
        self.assertIn("no_time_left", codes)
        self.assertFalse(j["same_day"]["eligible"])
        # A medium limit needs a complete dossier.
        j = json.loads(catalog("plan", "1.001731", "--received", "2025-03-04T09:00",
                               "--incomplete", "--json").stdout)
        self.assertFalse(j["same_day"]["eligible"])
        self.assertIn("incomplete", [x["code"] for x in j["same_day"]["reasons"]])

    def test_plan_calendar_options(self):
        def due(*extra):
            return json.loads(catalog("plan", "1.001193", "--received", "2025-03-11T16:00",
                                      "--json", *extra).stdout)["due"]
        self.assertEqual(due(), "2025-03-12T17:00")  # after 15:00: the next working day
        # A provincial holiday on 12/3 from an iCalendar file moves it one more day.
        self.assertEqual(due("--calendar", os.path.join(DATA, "local_2025.ics")),
                         "2025-03-13T17:00")
        self.assertEqual(due("--cutoff", "none"), "2025-03-11T17:00")
        r = catalog("plan", "1.001193", "--received", "2025-03-11T16:00", "--calendar",
                    os.path.join(DATA, "nope.ics"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nope.ics", r.stderr)
        self.assertEqual(catalog("show", "1.001193", "--culture-day").returncode, 2)

    def test_plan_channel(self):
        j = json.loads(catalog("plan", "1.000593", "--received", "2025-03-04T09:00",
                               "--channel", "postal", "--json").stdout)
        self.assertIsNone(j["limit"])
        self.assertIsNone(j["due"])
        self.assertIn("no_limit", [x["code"] for x in j["same_day"]["reasons"]])

    def test_list(self):
        r = catalog("list", "--field", "nguoi co cong")
        self.assertEqual(r.stdout.count("\n"), 3)
        j = json.loads(catalog("list", "--json").stdout)
        self.assertEqual(j["count"], len(j["procedures"]))
        self.assertGreaterEqual(j["count"], 25)
        self.assertEqual(catalog("list", "--level", "province").stdout, "")

    def test_bad_input_exit_1(self):
        r = catalog("show", "1.00119")
        self.assertEqual((r.returncode, r.stdout), (1, ""))
        self.assertIn('invalid procedure code "1.00119" at column 8', r.stderr)
        r = catalog("show", "9.999999")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no procedure with code 9.999999", r.stderr)
        bad = os.path.join(DATA, "bad_catalogs", "08-unparseable-limit.json")
        r = run("catalog", bad, "search", "x")
        self.assertEqual(r.returncode, 1)
        self.assertIn('$.procedures[12].limit: "05 ngay" is not a statutory limit', r.stderr)
        r = run("catalog", os.path.join(DATA, "nope.json"), "list")
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot open", r.stderr)
        r = catalog("plan", "1.001193", "--received", "2025-02-30T09:00")
        self.assertEqual(r.returncode, 1)
        self.assertIn("day 30 does not exist", r.stderr)

    def test_usage_exit_2(self):
        for args in ([], ["search"], ["frobnicate"], ["show"], ["show", "1.001193", "x"],
                     ["plan", "1.001193"], ["search", "x", "--received", "2025-01-01"],
                     ["plan", "1.001193", "--received", "2025-03-04T09:00", "--channel", "fax"],
                     ["plan", "1.001193", "--received", "2025-03-04T09:00", "--cutoff", "3pm"],
                     ["list", "--level", "huyen"], ["list", "extra"], ["show", "--bogus"]):
            r = catalog(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, "")
        self.assertEqual(run("catalog").returncode, 2)

    def test_help(self):
        r = run("catalog", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage: tthc catalog FILE search TEXT", r.stdout)


if __name__ == "__main__":
    unittest.main()
