import datetime as dt
import importlib
import json
import os
import unittest

import tthc
import tthc.procedure as P

DATA = os.environ.get("TTHC_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
CATALOG = os.path.join(DATA, "catalog_commune.json")


class CatalogTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cat = tthc.Catalog.load(CATALOG)

    def test_load_and_lookup(self):
        self.assertGreaterEqual(len(self.cat), 25)
        p = self.cat["1.001193"]
        self.assertEqual(p.name, "Đăng ký khai sinh")
        self.assertEqual((p.field, p.field_code, p.level), ("Hộ tịch", "G15-TP07", "commune"))
        self.assertIn("1.001193", self.cat)
        self.assertNotIn("9.999999", self.cat)
        self.assertIsNone(self.cat.get("9.999999"))
        with self.assertRaises(tthc.NotFoundError):
            self.cat["9.999999"]
        self.assertTrue(all(p.source for p in self.cat))

    def test_search_accent_and_case_insensitive(self):
        for q in ("khai sinh", "KHAI SINH", "khai sinh cho nguoi", "Khai Sinh"):
            codes = [m.procedure.code for m in self.cat.search(q)]
            self.assertIn("1.001193", codes, q)
        first = self.cat.search("khai sinh")[0]
        self.assertEqual((first.procedure.code, first.match), ("1.001193", "all_words"))
        exact = self.cat.search("đăng ký kết hôn")[0]
        self.assertEqual((exact.procedure.code, exact.match), ("1.000894", "exact"))
        self.assertEqual([m.procedure.code for m in self.cat.search("2.000815")], ["2.000815"])
        self.assertEqual(self.cat.search("xyzzy"), [])
        with self.assertRaises(tthc.ParseError):
            self.cat.search(b"\xff")

    def test_iteration_in_vietnamese_order(self):
        names = [p.name for p in self.cat]
        self.assertEqual(names, sorted(names, key=tthc.collation_key))
        self.assertLess(names.index("Đăng ký khai sinh"), names.index("Giải quyết chế độ trợ cấp "
                                                                      "thờ cúng liệt sĩ"))

    def test_filters(self):
        ht = self.cat.filter(field="ho tich")
        self.assertGreaterEqual(len(ht), 10)
        self.assertTrue(all(p.field == "Hộ tịch" for p in ht))
        self.assertEqual(len(self.cat.filter(field="Người có công")), 3)
        self.assertEqual(len(self.cat.filter(level="commune")), len(self.cat))
        self.assertEqual(self.cat.filter(level=["province", "central"]), [])
        partial = self.cat.filter(online="partial")
        self.assertTrue(partial and all(p.online == "partial" for p in partial))
        with self.assertRaises(ValueError):
            self.cat.filter(level="huyen")

    def test_record_fields(self):
        p = self.cat["2.000756"]
        fees = p.fees
        self.assertEqual(fees[0], P.Fee(("direct", "postal"), "charge", 75000, fees[0].description))
        self.assertEqual(fees[1].channels, ("online",))
        self.assertEqual(fees[1].amount, 0)
        d = self.cat["1.001699"]
        self.assertEqual(d.online, "partial")  # legacy level 4 with presence required
        self.assertEqual(d.decision, P.Decision("3709/QĐ-UBND", dt.date(2020, 10, 5)))
        kh = self.cat["1.000593"]
        self.assertIsNone(kh.limit("postal"))
        self.assertEqual(kh.limit().unit, "working_days")
        lb = [b for b in kh.legal_bases if b.number == "07/2025/NĐ-CP"][0]
        self.assertEqual((lb.type, lb.date), ("Nghị định", dt.date(2025, 1, 9)))
        cert = self.cat["2.000815"]
        self.assertEqual(cert.limit().cutoff, dt.time(15, 0))
        self.assertIn("02 ngày làm việc", cert.limit_note)
        # A published limit is a tthc.Limit that keeps its phrase, usable by tthc.deadline.
        lim = self.cat["1.001193"].limit()
        self.assertIsInstance(lim, tthc.Limit)
        self.assertEqual(lim, tthc.parse_limit(lim.phrase))
        self.assertEqual(tthc.due(dt.datetime(2025, 1, 24, 16, 10), lim),
                         tthc.due(dt.datetime(2025, 1, 24, 16, 10), lim.phrase))
        self.assertEqual(P.limit_minutes(tthc.parse_limit("0,5 ngày làm việc")), 240)
        self.assertEqual(cert.documents[0].originals, 1)
        self.assertEqual(self.cat["1.001193"].results, ["Giấy khai sinh"])

    def test_json_roundtrip(self):
        text = self.cat.to_json(indent=True)
        again = tthc.Catalog.from_json(text)
        self.assertEqual(again.to_json(indent=True), text)
        rec = json.loads(self.cat["1.010803"].to_json())
        self.assertEqual(rec["process"]["steps"][2]["budget"], "12 ngày làm việc")

    def test_bad_json_names_the_path(self):
        doc = {"procedures": [{"code": "1.001193", "name": "A", "limit": "05 ngay"}]}
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.Catalog.from_json(json.dumps(doc))
        self.assertTrue(str(cm.exception).startswith(
            '$.procedures[0].limit: "05 ngay" is not a statutory limit'))
        self.assertEqual(cm.exception.record, 0)
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.Catalog.from_json('{"procedures": [')
        self.assertEqual((cm.exception.line, cm.exception.name), (1, "ESYNTAX"))
        with self.assertRaises(tthc.Error) as cm:
            tthc.Catalog.load(os.path.join(DATA, "bad_catalogs", "09-duplicate-code.json"))
        self.assertEqual(cm.exception.name, "EEXIST")
        with self.assertRaises(tthc.Error):
            tthc.Catalog.load(os.path.join(DATA, "no-such-file.json"))

    def test_build_from_dicts(self):
        cat = tthc.Catalog.build([
            {"code": "1.000001", "name": "Thủ tục thử", "field": "Hộ tịch", "level": "commune",
             "limit": {"direct": "03 ngày làm việc", "online": "02 ngày làm việc"},
             "fees": [{"amount": 15000, "channels": ["direct"]}], "online": "full",
             "documents": ["Tờ khai"], "decision": ("1/QĐ-UBND", dt.date(2025, 7, 1)),
             "process": [{"kind": "appraise", "budget": "2,5 ngày"},
                         {"kind": "return", "budget": "Không tính thời gian"}]},
        ], title="Thử")
        p = cat["1.000001"]
        self.assertEqual(p.limit("online").value, 2)
        self.assertIsNone(p.limit("postal"))
        self.assertEqual(p.process.total, 1200)
        self.assertEqual(p.online, "full")
        self.assertEqual(cat.title, "Thử")
        with self.assertRaises(tthc.ParseError):
            tthc.Catalog.build([{"code": "1.00001", "name": "x"}])
        with self.assertRaises(tthc.Error):
            tthc.Catalog.build([{"code": "1.000001", "name": "x"}, {"code": "1.000001",
                                                                   "name": "y"}])
        with self.assertRaises(ValueError):
            tthc.Catalog.build([{"code": "1.000001", "name": "x", "colour": "blue"}])


class ProcessTest(unittest.TestCase):
    def test_budgets(self):
        self.assertEqual(P.parse_budget("0,5 ngày"), (240, True))
        self.assertEqual(P.parse_budget("04 giờ làm việc"), (240, True))
        self.assertEqual(P.parse_budget("Không tính thời gian"), (0, False))
        self.assertEqual(P.parse_budget("1 ngày", minutes_per_day=420), (420, True))
        with self.assertRaises(tthc.ParseError) as cm:
            P.parse_budget("năm ngày")
        self.assertEqual(cm.exception.column, 1)

    def test_cao_bang_process(self):
        pr = tthc.Process([{"kind": k, "budget": b} for k, b in [
            ("receive", "0,5 ngày"), ("assign", "0,5 ngày"), ("appraise", "07 ngày"),
            ("review", "0,5 ngày"), ("approve", "01 ngày"), ("issue", "0,5 ngày"),
            ("return", "Không tính thời gian")]])
        self.assertEqual((len(pr), pr.total), (7, 4800))
        self.assertTrue(pr.fits("10 ngày làm việc"))
        self.assertFalse(pr.fits("09 ngày làm việc"))
        with self.assertRaises(tthc.Error):
            pr.fits("15 ngày")  # calendar days: not comparable without a calendar
        red = pr.scale(3360)
        self.assertEqual(red.total, 3360)
        self.assertTrue(all(s.minutes >= 30 for s in red.steps if s.counted))
        self.assertFalse(red.steps[-1].counted)
        plan = pr.plan(dt.datetime(2025, 1, 24, 16, 10), limit="10 ngày làm việc")
        self.assertEqual(plan.start, dt.datetime(2025, 2, 3, 8, 0))
        self.assertEqual(plan.due, dt.datetime(2025, 2, 17, 17, 0))
        self.assertLessEqual(plan.steps[-1].due, plan.due)
        with self.assertRaises(ValueError):
            pr.add_step("teleport", minutes=10)

    def test_reductions(self):
        self.assertEqual(P.reduction_target(4800, 30), 3360)
        self.assertEqual(P.reduction_target(1440, 30), 960)
        with self.assertRaises(tthc.OutOfRangeError):
            P.reduction_target(480, 30)
        r = tthc.Rules()
        r["reduction_round_mode"] = 2  # up
        self.assertEqual(P.reduction_target(1440, 30, rules=r), 1200)
        self.assertEqual(P.reduction_achieved(2400, [1200, 1440, 2640]), (1760, 26.67))
        self.assertEqual(P.limit_minutes("05 ngày làm việc"), 2400)
        self.assertEqual(P.limit_minutes("Trong ngày"), 480)


class RulesTest(unittest.TestCase):
    def test_defaults_and_changes(self):
        r = tthc.Rules()
        self.assertEqual(r["minutes_per_day"], 480)
        self.assertEqual(r["fourplace_cutoff"], 15 * 3600)
        self.assertEqual(r.fields, ["Chứng thực", "Hộ tịch", "Bảo trợ xã hội", "Người có công"])
        r["reduction_low"] = 40
        self.assertEqual(r.copy()["reduction_low"], 40)
        with self.assertRaises(tthc.OutOfRangeError):
            r["reduction_low"] = 100
        with self.assertRaises(ValueError):
            r["no_such_rule"]
        r.clear_fields()
        r.add_field("Đất đai")
        self.assertEqual(r.fields, ["Đất đai"])
        self.assertEqual(set(r.as_dict()), set(P.RULES))


class PlanTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cat = tthc.Catalog.load(CATALOG)
        cls.cal = tthc.Calendar.vietnam(2024, 2026)

    def test_plan_across_tet(self):
        p = self.cat["1.010803"]
        plan = p.plan(dt.datetime(2025, 1, 24, 16, 10), calendar=self.cal)
        self.assertEqual(plan.start, dt.datetime(2025, 2, 3, 8, 0))
        self.assertEqual(plan.due, dt.datetime(2025, 3, 12, 17, 0))
        self.assertEqual([s.due for s in plan.steps],
                         [dt.datetime(2025, 2, 7, 17, 0), dt.datetime(2025, 2, 21, 17, 0),
                          dt.datetime(2025, 3, 11, 17, 0), dt.datetime(2025, 3, 11, 17, 0)])
        self.assertEqual(p.reduction_targets(), [(30, 8880), (50, 6480)])
        none = self.cat["1.001193"].plan(dt.datetime(2025, 3, 4, 9, 0), calendar=self.cal)
        self.assertEqual((none.steps, none.due), ([], dt.datetime(2025, 3, 4, 17, 0)))

    def test_four_at_place(self):
        ks = self.cat["1.001193"]
        self.assertEqual(ks.fourplace(), P.Eligibility(True, ["field_listed", "limit_short",
                                                              "complete"]))
        sd = ks.same_day(dt.datetime(2025, 3, 4, 9, 0), calendar=self.cal)
        self.assertTrue(sd.eligible)
        self.assertEqual(sd.dues["appraise"], dt.datetime(2025, 3, 4, 14, 22))
        self.assertEqual(sd.dues["return"], dt.datetime(2025, 3, 4, 17, 0))
        late = ks.same_day(dt.datetime(2025, 3, 4, 15, 30), calendar=self.cal)
        self.assertEqual((late.eligible, late.dues), (False, None))
        self.assertIn("after_cutoff", late.reasons)
        mt = self.cat["1.001731"]
        self.assertTrue(mt.fourplace(complete=True).eligible)
        self.assertFalse(mt.fourplace(complete=False).eligible)
        self.assertIn("limit_long", self.cat["1.010803"].fourplace().reasons)
        r = tthc.Rules()
        r.clear_fields()
        self.assertIn("field_not_listed", ks.fourplace(rules=r).reasons)

    def test_publication(self):
        self.assertEqual(P.publication_deadlines(dt.date(2025, 1, 24), calendar=self.cal),
                         (dt.date(2025, 2, 7), dt.date(2025, 2, 7)))
        self.assertEqual(P.publication_deadlines(dt.date(2025, 1, 24), "ministry",
                                                 calendar=self.cal)[1], dt.date(2025, 2, 14))
        self.assertEqual(P.publication_check(dt.date(2025, 1, 24), dt.date(2025, 2, 11),
                                             calendar=self.cal), (False, 2))
        with self.assertRaises(ValueError):
            P.publication_check(dt.date(2025, 1, 24), dt.date(2025, 2, 11), place="radio",
                                calendar=self.cal)


class FunctionsTest(unittest.TestCase):
    def test_codes(self):
        P.check_code("1.001193")
        with self.assertRaises(tthc.ParseError) as cm:
            P.check_code("1.00119")
        self.assertEqual(cm.exception.column, 8)
        self.assertEqual(P.extract_code("1.000593.000.00.00.H37"), "1.000593")
        with self.assertRaises(TypeError):
            P.check_code(1001193)

    def test_online_levels(self):
        self.assertEqual(P.online_from_legacy(4), "full")
        self.assertEqual(P.online_from_legacy(4, presence_required=True), "partial")
        self.assertEqual(P.online_from_legacy(3), "partial")
        self.assertEqual(P.online_from_legacy(1), "none")
        with self.assertRaises(tthc.OutOfRangeError):
            P.online_from_legacy(5)

    def test_constants_come_from_c(self):
        self.assertEqual(P.CHANNELS, ("direct", "online", "postal"))
        self.assertEqual(P.LEVELS[-1], "commune")
        self.assertEqual(P.MATCHES, ("exact", "prefix", "all_words", "some_words"))
        self.assertEqual(len(P.STEP_KINDS), 9)

    def test_every_function_is_declared(self):
        import re
        header = os.path.join(os.path.dirname(tthc.__file__), "..", "..", "..", "include",
                              "tthc", "procedure.h")
        if not os.path.exists(header):
            self.skipTest("not a source checkout")
        with open(header, encoding="utf-8") as f:
            text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        names = set(re.findall(r"TTHC_API[^;(]*?\b(tthc_\w+)\s*\(", text))
        self.assertGreater(len(names), 90)
        missing = names - importlib.import_module("tthc._lib").declared_names()
        self.assertEqual(missing, set())


if __name__ == "__main__":
    unittest.main()
