"""tthc indicators, tthc dossier and tthc reconcile as a user runs them, on the March 2025 example
of tests/data (the values are computed by hand in tests/test_indicator.c)."""
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("TTHC_CLI", "tthc")
DATA = os.environ.get("TTHC_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
MARCH = os.path.join(DATA, "dossiers_2025_03.csv")
TARGETS = os.path.join(DATA, "targets_2025.json")
AS_OF = "2025-03-31T23:59:59"


def run(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True)


class CliIndicatorsTest(unittest.TestCase):
    def test_month_report_text(self):
        r = run("indicators", MARCH, "--as-of", AS_OF, "--targets", TARGETS)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        out = r.stdout
        self.assertIn("4 groups (left out: 1 test", out)
        # the four communes, their 766 share, grade and rank
        self.assertIn("766 index: 51,00 / 55,00 points = 92,73% (Xuất sắc), rank 01/04", out)
        self.assertIn("766 index: 35,25 / 55,00 points = 64,09% (Trung bình), rank 02/04", out)
        self.assertIn("766 index: 33,11 / 55,00 points = 60,20% (Trung bình), rank 03/04", out)
        self.assertIn("766 index: 24,65 / 55,00 points = 44,82% (Yếu), rank 04/04", out)
        self.assertIn("on_time_766 66,67%; online 66,67%; paid_online 50,00%; digitised 50,00%; "
                      "e_result 50,00%; same_day N/A; satisfaction_766 66,67%", out)
        self.assertIn("processing time (working): 4 resolved, mean 14 h 38 min, median 15 h 15 min, "
                      "76,47% of the time allowed", out)
        self.assertIn("target online ≥ 85,00%: 66,67%, MISSED (short by 18,33 points)", out)
        self.assertIn("target e_result ≥ 80,00%: 85,71%, met (margin 5,71 points)", out)
        self.assertIn("TT 01/2018 evaluation: 4,7 over 5 indices (Yếu)", out)

    def test_catalog_derives(self):
        # the commune catalog: 25 commune records, 13 show a component, a limit and an agency
        # (1.3 = 13/25), 7 have an online service (3.1 = 7/25); An Bình's online dossiers are of
        # 1.001193 (partial) and 2.000908 (no online service): 3.2 = 1/7. 10 records have a fee
        # or charge above 0 (3.5's denominator); An Bình's dossiers of 1.001193 synced fee 0 and
        # 2.000908 is free in the catalog: 3.5 = 0/10. Its 766 points:
        # 33,11 (dossiers) + 4·13/25 + 4·(7/25)/0,8 + 4·1/7 + 0 = 33,11 + 2,08 + 1,40 + 0,57
        # = 37,16 of 55 + 16 = 71.
        cat = os.path.join(DATA, "catalog_commune.json")
        r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        by_unit = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}
        a = by_unit["UBND xã An Bình"]
        self.assertAlmostEqual(a["index766"]["points"], 100 / 3 * 0.4 + 6 + 2 + 3 + 2.5 + 5 / 6
                               + 1 + 40 / 9 + 2.08 + 1.4 + 4 / 7)
        self.assertEqual(a["index766"]["max"], 71)
        self.assertEqual(a["index766"]["times_missing"], ["3.3"])  # no 1.4: not multiplied
        # index 9, full rule: an online dossier is late or overdue → 0; Tân An: 7/25 = 28 %
        # of the procedures online ≥ 20 %, 5/7 online dossiers ≥ 30 %, none late → 2
        self.assertEqual(a["tt01_2018"]["indices"][8], 0.0)
        self.assertEqual(a["tt01_2018"]["sources"][8], "catalog")
        t = by_unit["UBND phường Tân An"]["tt01_2018"]
        self.assertEqual((t["indices"][8], t["sources"][8]), (2.0, "catalog"))
        # index 5: 25 commune procedures, not all fully at the counter (commune: 100 %), and
        # the One-stop fact is not given → no data
        self.assertIsNone(t["indices"][4])
        # 3.5 for Hòa Lạc: its direct dossier of 1.001193 records no fee status, so the catalog
        # gives it (8 000 đồng at the counter): 1/10, the same as an external "10%"; An Bình's
        # 0/10 is the same as "0%", and a caller's "80%" wins (4 points more)
        hoa = by_unit["UBND xã Hòa Lạc"]["index766"]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write('{"3.5": "10%"}')
        try:
            r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--json",
                    "--external", f.name)
            self.assertEqual(r.returncode, 0, r.stderr)
            ext = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}
            self.assertEqual(ext["UBND xã Hòa Lạc"]["index766"], hoa)
            self.assertNotEqual(ext["UBND xã An Bình"]["index766"]["points"],
                                a["index766"]["points"])
            with open(f.name, "w") as g:
                g.write('{"3.5": "0%"}')
            r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--json",
                    "--external", f.name)
            ext = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}
            self.assertEqual(ext["UBND xã An Bình"]["index766"], a["index766"])
            with open(f.name, "w") as g:
                g.write('{"3.5": "80%"}')
            r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--json",
                    "--external", f.name)
            ext = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}
            self.assertAlmostEqual(ext["UBND xã An Bình"]["index766"]["points"],
                                   a["index766"]["points"] + 4)
        finally:
            os.unlink(f.name)

    def test_level_and_one_stop(self):
        # the commune catalog: 20 of its 25 commune records are 4-at-place at the counter with a
        # complete dossier (not 1.000689, 1.001699, 1.010445, 1.010803, 2.001019) = 80 % < the
        # commune's 100 %, so index 5 is 1 when the One-stop received and returned every dossier
        # and 0 when not. Tân An without it: 1,7 + 2 + 1,7 + 2 + 2 = 9,4 over 5 indices;
        # with it 10,4 over 6 (khá, ≥ 9); An Bình 6,0 → 7,0 (trung bình); Hòa Lạc 4,7 → 5,7
        # (yếu, < 6).
        cat = os.path.join(DATA, "catalog_commune.json")
        r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--level", "commune",
                "--one-stop-all", "yes")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("UBND phường Tân An\n  766 index", r.stdout)
        self.assertIn("TT 01/2018 evaluation: 10,4 over 6 indices (Khá)", r.stdout)
        self.assertIn("TT 01/2018 evaluation: 7,0 over 6 indices (Trung bình)", r.stdout)
        self.assertIn("TT 01/2018 evaluation: 5,7 over 6 indices (Yếu)", r.stdout)
        r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--level", "commune",
                "--one-stop-all", "yes", "--json")
        t = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}["UBND phường Tân An"]
        e = t["tt01_2018"]
        self.assertEqual((e["indices"][4], e["sources"][4]), (1.0, "catalog"))
        self.assertEqual((e["total"], e["with_data"], e["grade"]), (10.4, 6, "fair"))
        # "no": 0, counted among the indices with data
        r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--one-stop-all=no",
                "--json")
        e = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}["UBND phường Tân An"]
        self.assertEqual((e["tt01_2018"]["indices"][4], e["tt01_2018"]["total"],
                          e["tt01_2018"]["with_data"]), (0.0, 9.4, 6))
        # the same catalog as a province's: none of its records is the unit's, so nothing is
        # derived from it — index 5 has no data, index 9 is the simplified form, and the 766
        # index is the dossiers' alone (Tân An 51 of 55 points)
        r = run("indicators", MARCH, "--as-of", AS_OF, "--catalog", cat, "--level", "province",
                "--one-stop-all", "yes", "--json")
        t = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}["UBND phường Tân An"]
        self.assertIsNone(t["tt01_2018"]["indices"][4])
        self.assertEqual(t["tt01_2018"]["sources"][8], "counts")
        self.assertEqual(t["index766"]["max"], 55)
        self.assertAlmostEqual(t["index766"]["points"], 51)
        # usage errors name the option
        for args, msg in ((("--catalog", cat, "--level", "planet"),
                           "--level: unknown level 'planet' (central, province, district, "
                           "commune)"),
                          (("--catalog", cat, "--one-stop-all", "maybe"),
                           "--one-stop-all: expected yes or no, not 'maybe'"),
                          (("--level", "commune"), "--level needs --catalog"),
                          (("--one-stop-all", "yes"), "--one-stop-all needs --catalog")):
            r = run("indicators", MARCH, *args)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stderr, f"tthc indicators: {msg}\n")
            self.assertEqual(r.stdout, "")
        help_text = run("indicators", "--help").stdout
        self.assertIn("--level L", help_text)
        self.assertIn("--one-stop-all yes|no", help_text)

    def test_external(self):
        # 1.4 = 50 %: An Bình's 3.3 (3/6 online) becomes 3/6 × 1/2 = 25 % → 6·0,25/0,5 = 3
        # points instead of 6, and 1.4 scores 6·0,5 = 3: 33,11 points of 55 + 6 = 61
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write('{"1.4": "50%"}')
        try:
            r = run("indicators", MARCH, "--as-of", AS_OF, "--external", f.name, "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            a = {g["unit"]: g for g in json.loads(r.stdout)["groups"]}["UBND xã An Bình"]
            self.assertAlmostEqual(a["index766"]["points"], 33.11111111111111)
            self.assertEqual(a["index766"]["max"], 61)
            self.assertEqual(a["index766"]["times_applied"], ["3.3"])
            with open(f.name, "w") as g:
                g.write('{"9.9": 1}')
            r = run("indicators", MARCH, "--as-of", AS_OF, "--external", f.name)
            self.assertEqual(r.returncode, 1)
            self.assertIn('external rate "9.9": no such indicator in the table', r.stderr)
            self.assertEqual(r.stdout, "")
        finally:
            os.unlink(f.name)

    def test_month_report_json(self):
        r = run("indicators", MARCH, "--as-of", AS_OF, "--targets", TARGETS, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        j = json.loads(r.stdout)
        self.assertEqual(j["as_of"], AS_OF)
        self.assertEqual(j["skipped"]["test"], 1)
        by_unit = {g["unit"]: g for g in j["groups"]}
        b = by_unit["UBND xã Bình Minh"]
        self.assertEqual(b["counts"]["received"], 6)
        self.assertEqual(b["counts"]["pending"], 1)
        self.assertEqual(b["rates"]["on_time_766"]["num"], 5)
        self.assertEqual(b["rates"]["on_time_766"]["den"], 5)
        self.assertIsNone(b["rates"]["same_day"]["value"])       # not applicable
        self.assertEqual(b["rates"]["same_day"]["percent"], "N/A")
        c = by_unit["UBND xã Hòa Lạc"]
        self.assertEqual(c["rates"]["paid_online"]["value"], 0.0)  # 0 %, applicable
        self.assertEqual(c["index766"]["rank_text"], "04/04")
        self.assertEqual(c["index766"]["grade"], "weak")
        self.assertEqual([t["pass"] for t in by_unit["UBND phường Tân An"]["targets"]],
                         [False, True, True, True, True])
        self.assertEqual(by_unit["UBND xã An Bình"]["time"]["median"], 54900)
        self.assertEqual(by_unit["UBND xã An Bình"]["tt01_2018"]["total"], 6.0)

    def test_csv_and_by(self):
        r = run("indicators", MARCH, "--as-of", AS_OF, "--by", "field,month", "--csv")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertTrue(lines[0].startswith("unit,field,procedure,period,received,accepted"))
        self.assertEqual(len(lines), 3)  # header + Chứng thực + Hộ tịch
        row = dict(zip(lines[0].split(","), lines[1].split(",")))
        self.assertEqual(row["field"], "Chứng thực")
        self.assertEqual(row["period"], "2025-03")
        self.assertEqual(row["received"], "6")   # A3, A5, B3, B5, C5, D3
        r = run("indicators", MARCH, "--as-of", AS_OF, "--by", "none", "--json")
        j = json.loads(r.stdout)
        self.assertEqual(len(j["groups"]), 1)
        self.assertEqual(j["groups"][0]["counts"]["received"], 23)

    def test_jsonl_stdin_and_bad_records(self):
        good = '{"code":"x","unit":"U","received_at":"2025-03-03T09:00","due":"2025-03-05T17:00"}\n'
        bad = '{"code":"y","unit":"U","received_at":"2025-03-03T09:00","result_at":"2025-03-01"}\n'
        r = run("indicators", "-", "--as-of", AS_OF, stdin=good + bad + good)
        self.assertEqual(r.returncode, 1)
        self.assertIn("-: line 2, field 'result_at'", r.stderr)
        r = run("indicators", "-", "--as-of", AS_OF, "--skip-bad", "--json", stdin=good + bad + good)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("line 2", r.stderr)
        j = json.loads(r.stdout)
        self.assertEqual(j["groups"][0]["counts"]["received"], 2)
        self.assertEqual(j["skipped"]["unreadable"], 1)

    def test_custom_table_and_targets_errors(self):
        with tempfile.TemporaryDirectory() as tmp:
            table = os.path.join(tmp, "t.json")
            with open(table, "w") as f:
                json.dump({"indicators": [{"id": "2.1", "group": "progress", "points": 20,
                                           "rate": "on_time_766"}]}, f)
            r = run("indicators", MARCH, "--as-of", AS_OF, "--index766", table, "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            shares = {g["unit"]: g["index766"]["percent"] for g in json.loads(r.stdout)["groups"]}
            self.assertEqual(shares["UBND xã Hòa Lạc"], "66,67%")
            bad = os.path.join(tmp, "bad.json")
            with open(bad, "w") as f:
                f.write('{"targets":[{"rate":"speed","min":0.5}]}')
            r = run("indicators", MARCH, "--as-of", AS_OF, "--targets", bad)
            self.assertEqual(r.returncode, 1)
            self.assertIn("unknown rate \"speed\"", r.stderr)

    def test_catalog_fills_field_and_limit(self):
        # no field, no appointment: the catalog gives "Hộ tịch" and "Ngay trong ngày", so a result
        # the next morning is late; without the catalog the dossier has no due instant
        line = ('{"code":"k","procedure":"1.001193","unit":"U","received_at":"2025-03-03T09:00",'
                '"result_at":"2025-03-04T10:00"}\n')
        catalog = os.path.join(DATA, "catalog_commune.json")
        r = run("indicators", "-", "--as-of", AS_OF, "--by", "field", "--catalog", catalog,
                "--json", stdin=line)
        self.assertEqual(r.returncode, 0, r.stderr)
        g = json.loads(r.stdout)["groups"][0]
        self.assertEqual(g["field"], "Hộ tịch")
        self.assertEqual(g["counts"]["late"], 1)
        r = run("indicators", "-", "--as-of", AS_OF, "--by", "field", "--json", stdin=line)
        g = json.loads(r.stdout)["groups"][0]
        self.assertEqual((g["field"], g["counts"]["on_time"], g["counts"]["no_due"]), ("", 1, 1))
        r = run("indicators", "-", "--catalog", "/nonexistent.json", stdin=line)
        self.assertEqual(r.returncode, 1)

    def test_usage(self):
        self.assertEqual(run("indicators").returncode, 2)
        self.assertEqual(run("indicators", MARCH, "--by", "colour").returncode, 2)
        self.assertEqual(run("indicators", MARCH, "--by", "month,year").returncode, 2)
        self.assertEqual(run("indicators", MARCH, "--json", "--csv").returncode, 2)
        self.assertEqual(run("indicators", MARCH, "--policy", "lenient").returncode, 2)
        r = run("indicators", "/nonexistent.csv", "--as-of", AS_OF)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot open '/nonexistent.csv'", r.stderr)
        self.assertEqual(run("indicators", MARCH, "--as-of", "31/03/2025").returncode, 1)
        self.assertIn("usage", run("indicators", "--help").stdout)


class CliDossierTest(unittest.TestCase):
    def test_timeline(self):
        r = run("dossier", MARCH, "000.00.02.H26-250318-0001", "--as-of", AS_OF)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Tạm dừng (paused): Chờ xác minh nơi cư trú", r.stdout)
        self.assertIn("Xin lỗi, hẹn lại (apology), hẹn trả 2025-03-25T17:00", r.stdout)
        self.assertIn("Status at 2025-03-31T23:59:59: result_issued — Trước hạn (early)", r.stdout)
        self.assertIn("apology: issued in time; owed: no", r.stdout)

    def test_json_and_policies(self):
        r = run("dossier", MARCH, "000.00.03.H26-250305-0001", "--as-of", AS_OF, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        j = json.loads(r.stdout)
        self.assertEqual(j["status"]["category"], "late")  # two supplementation rounds
        self.assertEqual(j["status"]["supplement_rounds"], 2)
        self.assertEqual(j["status"]["working_seconds"], 6 * 3600)
        self.assertEqual(len(j["dossier"]["events"]), 6)
        r = run("dossier", MARCH, "000.00.03.H26-250305-0001", "--as-of", AS_OF, "--multi-ok",
                "--json")
        self.assertEqual(json.loads(r.stdout)["status"]["category"], "early")
        r = run("dossier", MARCH, "000.00.01.H26-250325-0001", "--as-of", AS_OF, "--json")
        self.assertEqual(json.loads(r.stdout)["status"]["category"], "overdue")
        self.assertTrue(json.loads(r.stdout)["status"]["apology_owed"])

    def test_errors(self):
        r = run("dossier", MARCH, "000.00.09.H26-250101-0001")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no dossier '000.00.09.H26-250101-0001'", r.stderr)
        r = run("dossier", MARCH, "000.00.01.H26-250325-0001", "--as-of", "2025-01-01")
        self.assertEqual(r.returncode, 1)
        self.assertIn("before the dossier's receipt", r.stderr)
        self.assertEqual(run("dossier", MARCH).returncode, 2)


class CliReconcileTest(unittest.TestCase):
    SYSTEM = os.path.join(DATA, "anbinh_system.csv")
    REGISTER = os.path.join(DATA, "anbinh_register.csv")

    def test_text(self):
        r = run("reconcile", self.SYSTEM, self.REGISTER)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), [
            "000.00.01.H26-250304-0001: result differs: A 2025-03-06, B 2025-03-07",
            "000.00.01.H26-250310-0001: written more than once in B",
            "000.00.01.H26-250317-0001: only in A (%s)" % self.SYSTEM,
            "000.00.01.H26-250331-0001: only in B (%s)" % self.REGISTER,
            "A: 6 dossiers, B: 7 dossiers; 1 only in A, 1 only in B, 1 duplicated, "
            "1 field differences",
        ])

    def test_json_fields_and_self(self):
        r = run("reconcile", self.SYSTEM, self.SYSTEM)
        self.assertIn("the records agree", r.stdout)
        r = run("reconcile", self.SYSTEM, self.REGISTER, "--fields", "due", "--json")
        j = json.loads(r.stdout)
        self.assertEqual(j["mismatches"], 0)
        self.assertEqual(j["only_a"], 1)
        r = run("reconcile", self.SYSTEM, self.REGISTER, "--instants", "--json")
        self.assertGreater(json.loads(r.stdout)["mismatches"], 1)
        self.assertEqual(run("reconcile", self.SYSTEM, self.REGISTER, "--fields", "x").returncode, 2)
        self.assertEqual(run("reconcile", self.SYSTEM).returncode, 2)
        self.assertEqual(run("reconcile", self.SYSTEM, "/nonexistent").returncode, 1)


if __name__ == "__main__":
    unittest.main()
