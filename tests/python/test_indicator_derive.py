"""What a catalog adds to the indicators, through the Python binding: TT 01/2018 indices 5 and 9
(Group.evaluate), the 766 indicators 1.3, 3.1, 3.2, 3.5 (score766(catalog=...)), the 3.3 × 1.4
multiplier and external rates from JSON. The values are those computed by hand in
tests/test_indicator_derive.c (same catalog, same ten dossiers)."""
import datetime as dt
import json
import unittest

import tthc

T = dt.datetime
AS_OF = T(2025, 3, 31, 23, 59, 59)


def proc(code, level, field, limit, docs, online, agency="Ủy ban nhân dân cấp xã"):
    rec = {"code": code, "name": "Thủ tục thử", "field": {"name": field}, "level": level,
           "agency": agency, "online": online,
           "documents": [{"name": "Tờ khai", "originals": 1, "copies": 0}] * docs}
    if limit:
        rec["limit"] = limit
    return rec


CATALOG = {"format": "tthc-catalog", "version": 1, "procedures": [
    proc("1.000001", "commune", "Hộ tịch", "Trong ngày", 1, "partial"),
    proc("1.000002", "commune", "Chứng thực", "02 ngày làm việc", 0, "full"),
    proc("1.000003", "commune", "Đất đai", "20 ngày làm việc", 1, "none"),
    proc("1.000004", "commune", "Đất đai", None, 1, "unknown"),
    proc("2.000005", "province", "Hộ tịch", "Trong ngày", 1, "full", agency="UBND tỉnh"),
]}


def aggregate(by=("unit",), late=False):
    agg = tthc.Aggregate(by=by, as_of=AS_OF, clock=False)
    for k in range(10):
        online = k < 3
        d = tthc.Dossier("D", T(2025, 3, 3, 9, 0), unit="X",
                         procedure="1.000001" if online else "1.000003",
                         channel="online" if online else "direct")
        d.accept(T(2025, 3, 3, 9, 0), due=T(2025, 3, 5, 17, 0))
        d.issue_result(T(2025, 3, 6 if late and k == 0 else 4, 10, 0))
        agg.add(d)
    return agg


class EvaluateTest(unittest.TestCase):
    def setUp(self):
        self.cat = tthc.Catalog.from_json(json.dumps(CATALOG))

    def test_index9(self):
        g = aggregate().groups[0]
        plain = g.evaluation
        self.assertEqual(plain.scores[8], 2.0)
        self.assertEqual(plain.sources[8], "counts")
        e = g.evaluate(self.cat)
        self.assertEqual((e.scores[8], e.sources[8]), (2.0, "catalog"))
        self.assertIsNone(e.scores[4])  # the records' levels differ: no level for index 5
        self.assertEqual((e.total, e.indices, e.grade), (10.0, 5, "fair"))
        self.assertEqual(g.evaluate(self.cat, level="commune", online_procs_pct=60).scores[8],
                         1.0)
        self.assertEqual(g.evaluate(self.cat, level="central"), plain)
        late = aggregate(late=True).groups[0]
        self.assertEqual(late.evaluate(self.cat).scores[8], 0.0)

    def test_index5(self):
        g = aggregate().groups[0]
        self.assertIsNone(g.evaluate(self.cat, level="commune").scores[4])
        e = g.evaluate(self.cat, level="commune", one_stop_all=True)
        self.assertEqual((e.scores[4], e.sources[4], e.total), (1.0, "catalog", 11.0))
        self.assertEqual(g.evaluate(self.cat, level="commune", one_stop_all=False).scores[4], 0.0)
        e = g.evaluate(self.cat, level="commune", full_counter_pct={"commune": 50})
        self.assertEqual((e.scores[4], e.total, e.grade), (2.0, 12.0, "good"))
        self.assertEqual(g.evaluate(self.cat, level="province").scores[4], 2.0)

    def test_bad_policy(self):
        g = aggregate().groups[0]
        with self.assertRaises(tthc.Error):
            g.evaluate(self.cat, online_high_pct=101)
        with self.assertRaises(ValueError):
            g.evaluate(self.cat, level="planet")
        with self.assertRaises(ValueError):
            g.evaluate(self.cat, full_counter_pct={"planet": 1})
        with self.assertRaises(TypeError):
            g.evaluate(self.cat, colour=1)


class Score766Test(unittest.TestCase):
    def setUp(self):
        self.cat = tthc.Catalog.from_json(json.dumps(CATALOG))
        self.by_proc = aggregate(by=("unit", "procedure"))
        self.agg = self.by_proc.rollup(("unit",))

    def test_catalog_rates(self):
        g = self.agg.groups[0]
        s = g.score766(catalog=self.cat, by_procedure=self.by_proc, level="commune")
        rate = {k: (r.num, r.den) for k, (p, r) in s.items.items()}
        self.assertEqual(rate["1.3"], (2, 4))
        self.assertEqual(rate["3.1"], (2, 4))
        self.assertEqual(rate["3.2"], (1, 2))
        self.assertAlmostEqual(s.items["3.1"][0], 4 * 0.5 / 0.8)
        self.assertEqual(rate["1.4"], (0, 0))
        whole = g.score766(catalog=self.cat, by_procedure=self.by_proc)
        self.assertEqual((whole.items["3.2"][1].num, whole.items["3.2"][1].den), (1, 3))
        # a caller's rate wins; without per-procedure counts 3.2 is not derived
        s = g.score766(catalog=self.cat, external={"3.1": 0.9}, level="commune")
        self.assertEqual(s.items["3.1"][1].num, 900000)
        self.assertFalse(s.items["3.2"][1].applicable)
        with self.assertRaises(tthc.Error):  # keys are not the group's plus procedure
            g.score766(catalog=self.cat, by_procedure=self.agg)

    def test_payment_integration(self):
        # 3.5, as in test_catalog_rates_fee (tests/test_indicator_derive.c): commune records
        # F1 50 000 everywhere, F2 0 ("miễn"), F3 20 000 at the counter, F4 no fee, F5 10 000
        # at the counter and 0 online; F6 province 100 000
        def fee_proc(code, level, fees):
            return {"code": code, "name": "Thủ tục có phí", "level": level, "fees": fees}
        everywhere = {"kind": "charge", "amount": 50000}
        cat = tthc.Catalog.from_json(json.dumps({"format": "tthc-catalog", "version": 1,
                                                 "procedures": [
            fee_proc("1.000011", "commune", [everywhere]),
            fee_proc("1.000012", "commune", [{"kind": "charge", "amount": 0}]),
            fee_proc("1.000013", "commune", [{"kind": "fee", "amount": 20000,
                                              "channels": ["direct"]}]),
            fee_proc("1.000014", "commune", []),
            fee_proc("1.000015", "commune", [
                {"kind": "fee", "amount": 10000, "channels": ["direct"]},
                {"kind": "fee", "amount": 0, "channels": ["online"]}]),
            fee_proc("2.000016", "province", [{"kind": "charge", "amount": 100000}])]}))

        def rates(agg_catalog):
            by_proc = tthc.Aggregate(by=("unit", "procedure"), as_of=AS_OF, clock=False,
                                     catalog=agg_catalog)
            # F1 ×2 synced fee; F2 fee (free in the catalog); F3 synced 0; F5 unknown; F6 fee
            for code, fee in (("1.000011", 1), ("1.000011", 1), ("1.000012", 1),
                              ("1.000013", 2), ("1.000015", None), ("2.000016", 1)):
                d = tthc.Dossier("D", T(2025, 3, 3, 9, 0), unit="X", procedure=code,
                                 channel="direct", fee=fee)
                d.accept(T(2025, 3, 3, 9, 0), due=T(2025, 3, 5, 17, 0))
                d.issue_result(T(2025, 3, 4, 10, 0))
                by_proc.add(d)
            g = by_proc.rollup(("unit",)).groups[0]
            commune = g.score766(catalog=cat, by_procedure=by_proc, level="commune")
            whole = g.score766(catalog=cat, by_procedure=by_proc)
            return commune.items["3.5"], whole.items["3.5"][1], g, by_proc

        (points, r), whole, g, by_proc = rates(None)
        self.assertEqual((r.num, r.den, whole.num, whole.den), (1, 3, 2, 4))
        self.assertAlmostEqual(points, 4 * (1 / 3) / 0.8)
        # the aggregate's catalog gives F5's unknown status: 10 000 at the counter
        (_, r), whole, _, _ = rates(cat)
        self.assertEqual((r.num, r.den, whole.num, whole.den), (2, 3, 3, 4))
        # a caller's rate wins; without per-procedure counts 3.5 is not derived
        s = g.score766(catalog=cat, by_procedure=by_proc, external={"3.5": 0.9})
        self.assertEqual(s.items["3.5"][1].num, 900000)
        self.assertFalse(g.score766(catalog=cat).items["3.5"][1].applicable)
        # no procedure with a financial obligation (the catalog of the other tests)
        self.assertFalse(g.score766(catalog=self.cat, by_procedure=by_proc)
                         .items["3.5"][1].applicable)

    def test_times(self):
        table = tthc.Index766.default()
        item = {it.id: it for it in table.items}
        self.assertEqual(item["3.3"].times, "1.4")
        self.assertIsNone(item["1.4"].times)
        g = self.agg.groups[0]
        s = g.score766()
        self.assertEqual((s.times_applied, s.times_missing), ((), ("3.3",)))
        self.assertAlmostEqual(s.items["3.3"][0], 6 * 0.3 / 0.5)
        s = g.score766(external={"1.4": tthc.Rate.of(1, 2)})
        self.assertEqual((s.times_applied, s.times_missing), (("3.3",), ()))
        self.assertEqual((s.items["3.3"][1].num, s.items["3.3"][1].den), (3, 20))
        self.assertAlmostEqual(s.items["3.3"][0], 6 * 0.15 / 0.5)
        again = tthc.Index766.from_json(table.to_json())
        self.assertEqual(again.to_json(), table.to_json())
        with self.assertRaisesRegex(tthc.Error, 'names the indicator itself'):
            tthc.Index766.from_json('{"indicators":[{"id":"a","group":"online","points":1,'
                                    '"times":"a"}]}')
        with self.assertRaisesRegex(tthc.Error, 'unknown indicator "b"'):
            tthc.Index766.from_json('{"indicators":[{"id":"a","group":"online","points":1,'
                                    '"times":"b"}]}')

    def test_read_external(self):
        table = tthc.Index766.default()
        ext = table.read_external('{"1.4": 0.97, "3.5": "87,5%"}')
        self.assertEqual({k: (r.num, r.den) for k, r in ext.items()},
                         {"1.4": (970000, 1000000), "3.5": (875, 1000)})
        with self.assertRaisesRegex(tthc.Error, '"9.9": no such indicator'):
            table.read_external('{"9.9": 1}')
        with self.assertRaisesRegex(tthc.Error, 'computed from dossiers'):
            table.read_external('{"2.1": 1}')
        with self.assertRaises(tthc.Error):
            table.read_external("{")


if __name__ == "__main__":
    unittest.main()
