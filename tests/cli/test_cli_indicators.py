"""tthc indicators, tthc dossier and tthc reconcile as a user runs them, on the March 2025 example
of tests/data (the values are computed by hand in tests/test_indicator.c)."""
import csv
import io
import json
import os
import re
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


# ---- --threads and the progress line ---------------------------------------------------------

BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("TTHC_PROGRESS")}


def run_env(args, env=None, stdin=None):
    """Run with env added to the environment (TTHC_PROGRESS* removed); stdout and stderr as
    text with every byte kept (text mode would turn the progress line's \\r into \\n)."""
    p = subprocess.run([CLI, *args], input=(stdin or "").encode(),
                       capture_output=True, env={**BASE_ENV, **(env or {})})
    return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode(),
                                       p.stderr.decode())


def march_rows():
    with open(MARCH, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def csv_line(row, fields):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row.get(k, "") for k in fields])
    return out.getvalue()


def write_big_csv(path, n, bad=False):
    """n dossiers cycled from the March example, codes made unique, many cells quoted over
    several lines (a pause reason with commas, quotes, ';' and a blank line; some units), a cell
    with a literal quote after ';' (not a quoted field in a ',' file); with bad=True some bad
    records. Returns the first and last line of each bad record."""
    rows = march_rows()
    fields = list(rows[0].keys())
    bad_lines, line = [], 2
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(fields) + "\n")
        for i in range(n):
            r = dict(rows[i % len(rows)])
            r["code"] = "%s-%05d" % (r["code"], i)
            if r["pause_reason"]:
                r["pause_reason"] = 'Chờ xác minh,\n"nơi cư trú"; lần %d\n\nhết' % i
            if i % 5 == 0 and r["unit"] == "UBND xã An Bình":
                r["unit"] = "UBND xã An Bình\n(cũ, trước sáp nhập)"
            if i == 7:
                r["field"] = 'Hộ tịch;"cũ'
            if bad and i % 97 == 13:
                r["received_at"] = "BAD"
            if bad and i % 211 == 50:
                r["result_at"] = "2025-02-01T08:00"  # before receipt
            text = csv_line(r, fields)
            if i == 7:
                text = text.replace('"Hộ tịch;""cũ"', 'Hộ tịch;"cũ')
            if bad and (i % 97 == 13 or i % 211 == 50):
                bad_lines.append((line, line + text.count("\n") - 1))
            f.write(text)
            line += text.count("\n")
    return bad_lines


def write_jsonl(path, rows, bad_every=0):
    with open(path, "w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            o = {k: v for k, v in r.items() if v != ""}
            if "events" in o:
                o["events"] = json.loads(o["events"])
            if bad_every and i % bad_every == 3:
                o["due"] = "not a date"
            f.write(json.dumps(o, ensure_ascii=False) + "\n")


class CliIndicatorsThreadsTest(unittest.TestCase):
    """--threads N gives byte for byte the output, the messages and the exit status of one
    thread."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        t = cls.tmp.name
        cls.big = os.path.join(t, "big.csv")
        write_big_csv(cls.big, 3000)
        cls.bad = os.path.join(t, "bad.csv")
        cls.bad_lines = write_big_csv(cls.bad, 3000, bad=True)
        rows = march_rows()
        many = [dict(r, code="%s-%05d" % (r["code"], i))
                for i, r in enumerate(rows * 60)]
        cls.jsonl = os.path.join(t, "many.jsonl")
        write_jsonl(cls.jsonl, many)
        cls.bad_jsonl = os.path.join(t, "bad.jsonl")
        write_jsonl(cls.bad_jsonl, many, bad_every=101)
        cls.parts = []
        for k in range(3):
            path = os.path.join(t, "part%d.jsonl" % k)
            write_jsonl(path, rows[k::3])
            cls.parts.append(path)
        cls.tiny = os.path.join(t, "tiny.csv")
        with open(cls.tiny, "w", encoding="utf-8") as f:
            f.write(",".join(rows[0].keys()) + "\n" + csv_line(rows[0], list(rows[0].keys())))
        cls.empty = os.path.join(t, "empty.jsonl")
        open(cls.empty, "w").close()
        cls.empty_csv = os.path.join(t, "empty.csv")
        open(cls.empty_csv, "w").close()
        cls.header_only = os.path.join(t, "header.csv")
        with open(cls.header_only, "w", encoding="utf-8") as f:
            f.write(",".join(rows[0].keys()) + "\n")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def same(self, *args, threads=("2", "3", "0"), rc=0, stdin=None):
        """Run with --threads 1 and each of threads; all must agree. Returns the run."""
        args = [*args, "--as-of", AS_OF]
        one = run_env(["indicators", *args, "--threads", "1"], stdin=stdin)
        self.assertEqual(one.returncode, rc, one.stderr)
        for n in threads:
            r = run_env(["indicators", *args, "--threads", n], stdin=stdin)
            self.assertEqual(r.returncode, one.returncode, (n, r.stderr))
            self.assertEqual(r.stdout, one.stdout, n)
            self.assertEqual(r.stderr, one.stderr, n)
        default = run_env(["indicators", *args], stdin=stdin)
        self.assertEqual((default.returncode, default.stdout, default.stderr),
                         (one.returncode, one.stdout, one.stderr))
        return one

    def test_several_files(self):
        files = [*self.parts, self.big, MARCH]
        r = self.same(*files, "--by", "unit,month", "--json", threads=("2", "3", "5", "0"))
        j = json.loads(r.stdout)
        # 23 received of 24 records in March (1 test), twice; the big file cycles them
        self.assertEqual(sum(g["counts"]["received"] for g in j["groups"]),
                         2 * 23 + 3000 - 3000 // 24)
        self.same(*files, "--targets", TARGETS)
        self.same(*files, "--by", "field,procedure", "--csv")
        # the parts of the March file read in any order of threads give the March report
        whole = run_env(["indicators", MARCH, "--as-of", AS_OF, "--json"])
        split = run_env(["indicators", *self.parts, "--as-of", AS_OF, "--json", "--threads", "3"])
        self.assertEqual(split.stdout, whole.stdout)

    def test_multiline_csv(self):
        r = self.same(self.big, "--by", "unit,month", "--json", threads=("2", "3", "4", "8", "0"))
        units = {g["unit"] for g in json.loads(r.stdout)["groups"]}
        self.assertIn("UBND xã An Bình\n(cũ, trước sáp nhập)", units)
        self.same(self.big, "--by", "unit", "--csv")
        self.same(self.big)

    def test_jsonl(self):
        r = self.same(self.jsonl, "--by", "unit,week", "--json", threads=("2", "3", "7", "0"))
        j = json.loads(r.stdout)
        self.assertEqual(sum(g["counts"]["received"] for g in j["groups"]), 23 * 60)  # 1 test
        self.same(self.jsonl, "-", "--by", "none")  # standard input (empty here): streamed
        with open(self.bad_jsonl, encoding="utf-8") as f:
            piped = f.read()
        r = self.same(self.big, "-", self.jsonl, "--skip-bad", stdin=piped)
        self.assertIn("tthc indicators: -: line 4, field 'due'", r.stderr)

    def test_bad_records(self):
        r = self.same(self.bad, "--skip-bad", "--json")
        lines = r.stderr.splitlines()
        self.assertEqual(len(lines), len(self.bad_lines))
        for text, (first, last) in zip(lines, self.bad_lines):
            m = re.match(r"tthc indicators: (.*): line (\d+)", text)
            self.assertEqual(m.group(1), self.bad)
            self.assertTrue(first <= int(m.group(2)) <= last, (text, first, last))
        self.assertEqual(json.loads(r.stdout)["skipped"]["unreadable"], len(self.bad_lines))
        r = self.same(self.bad, rc=1)
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr.splitlines(),
                         lines[:1])  # the first error in file order
        r = self.same(self.bad_jsonl, "--skip-bad", "--by", "unit,month", "--csv")
        self.assertEqual(len(r.stderr.splitlines()), len(range(3, 24 * 60, 101)))
        self.same(self.bad_jsonl, rc=1)
        # across files: the errors of each file in file order, the first one wins
        self.same(self.bad_jsonl, self.big, self.bad, "--skip-bad")
        self.same(self.big, self.bad, self.bad_jsonl, rc=1)
        self.same(self.big, "/nonexistent.csv", self.bad, rc=1)
        self.same(self.bad, self.big, "/nonexistent.csv", "--skip-bad", rc=1)

    def test_small_and_empty(self):
        self.same(self.tiny, threads=("2", "3", "16"))
        self.same(self.tiny, self.empty, self.header_only, "--json", threads=("2", "3", "16"))
        self.same(self.empty, "--by", "none", "--json", threads=("2", "4"))
        r = self.same(self.empty_csv, self.tiny, rc=1)  # a CSV file needs its header row
        self.assertIn("no header row", r.stderr)

    def test_usage(self):
        for bad in ("-1", "x", "", "1.5", "1025", "2x", " 2"):
            r = run_env(["indicators", MARCH, "--threads", bad])
            self.assertEqual(r.returncode, 2, bad)
            self.assertEqual(r.stderr, "tthc indicators: --threads: expected a whole number from 0 "
                                       "to 1024 (0: one per online CPU), got '%s'\n" % bad)
            self.assertEqual(r.stdout, "")
        r = run_env(["indicators", MARCH, "--threads"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("--threads needs a value", r.stderr)
        self.assertIn("--threads N", run_env(["indicators", "--help"]).stdout)


# the progress line: "\rtthc indicators: F/N files, R records, M MB (P%), S records/s"
PROGRESS = re.compile(r"\rtthc indicators: (\d+)/(\d+) files, (\d+) records, (\d+\.\d) MB"
                      r"(?: \((\d+)%\))?, (\d+) records/s *")
NOW = {"TTHC_PROGRESS": "1", "TTHC_PROGRESS_DELAY": "0"}


def without_progress(err):
    """stderr with the progress lines (each after a carriage return) and their erasures (a
    carriage return, spaces, a carriage return) taken out."""
    out = []
    for seg in err.split("\r"):
        m = PROGRESS.match("\r" + seg)
        if m:
            seg = seg[m.end() - 1:]
            seg = seg[1:] if seg.startswith("\n") else seg
        elif not seg.strip(" "):
            seg = ""
        out.append(seg)
    return "".join(out)


class CliIndicatorsProgressTest(CliIndicatorsThreadsTest):
    """The progress line: when it shows, what it says, and that it never spoils stdout or the
    other messages."""

    def test_forced(self):
        files = [*self.parts, self.big]
        size = sum(os.path.getsize(f) for f in files)
        plain = run_env(["indicators", *files, "--as-of", AS_OF])
        self.assertEqual(plain.stderr, "")  # not a terminal, not forced: nothing
        for threads in ("1", "2", "3"):
            r = run_env(["indicators", *files, "--as-of", AS_OF, "--threads", threads], NOW)
            self.assertEqual(r.returncode, 0)
            self.assertEqual(r.stdout, plain.stdout)
            self.assertTrue(r.stderr.endswith("\n"))
            last = list(PROGRESS.finditer(r.stderr))[-1]
            self.assertEqual(last.end(), len(r.stderr) - 1)  # the totals end the output
            self.assertEqual(last.group(1, 2, 3), ("4", "4", str(24 + 3000)))
            self.assertEqual(last.group(4), "%.1f" % (size / 1e6))
            self.assertEqual(last.group(5), "100")
            self.assertEqual(without_progress(r.stderr), "")
        # a delay longer than the read: no line
        r = run_env(["indicators", MARCH, "--as-of", AS_OF],
                    {"TTHC_PROGRESS": "1", "TTHC_PROGRESS_DELAY": "1000"})
        self.assertEqual(r.stderr, "")
        # standard input: no size, no percent
        with open(self.jsonl, encoding="utf-8") as f:
            r = run_env(["indicators", "-", "--as-of", AS_OF], NOW, stdin=f.read())
        last = list(PROGRESS.finditer(r.stderr))[-1]
        self.assertEqual((last.group(3), last.group(5)), (str(24 * 60), None))

    def test_off(self):
        r = run_env(["indicators", self.big, "--as-of", AS_OF],
                    {"TTHC_PROGRESS": "0", "TTHC_PROGRESS_DELAY": "0"})
        self.assertEqual(r.stderr, "")
        r = run_env(["indicators", self.big, "--as-of", AS_OF], {"TTHC_PROGRESS_DELAY": "0"})
        self.assertEqual(r.stderr, "")  # stderr is a pipe here

    def test_messages_stay_whole(self):
        for threads in ("1", "2"):
            args = ["indicators", self.bad, self.bad_jsonl, "--as-of", AS_OF, "--skip-bad",
                    "--threads", threads]
            plain = run_env(args)
            r = run_env(args, NOW)
            self.assertEqual(r.stdout, plain.stdout)
            self.assertEqual(without_progress(r.stderr), plain.stderr)
            # every message line starts at the start of a line (after an erasure)
            for line in r.stderr.split("\n"):
                tail = line.split("\r")[-1]
                self.assertTrue(tail == "" or tail.startswith("tthc indicators: "), repr(line))
            r = run_env(args[:-3] + ["--threads", threads], NOW)  # stops at the first error
            self.assertEqual(r.returncode, 1)
            self.assertEqual(without_progress(r.stderr), plain.stderr.splitlines(True)[0])

    @unittest.skipUnless(hasattr(os, "openpty"), "needs a pseudo-terminal")
    def test_terminal(self):
        master, slave = os.openpty()
        try:
            p = subprocess.run([CLI, "indicators", MARCH, "--as-of", AS_OF],
                               stdout=subprocess.PIPE, stderr=slave,
                               env={**BASE_ENV, "TTHC_PROGRESS_DELAY": "0"})
            os.close(slave)
            slave = None
            err = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                err += chunk
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        self.assertEqual(p.returncode, 0)
        self.assertRegex(err.decode(), r"tthc indicators: 1/1 files, 24 records, 0.0 MB \(100%\), "
                                       r"\d+ records/s *\r?\n$")

    # the inherited tests run once, in CliIndicatorsThreadsTest
    test_several_files = test_multiline_csv = test_jsonl = test_bad_records = None
    test_small_and_empty = test_usage = None


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
