"""The Python indicator binding on the March 2025 example (values computed by hand in
tests/test_indicator.c)."""
import datetime as dt
import json
import os
import unittest

import tthc
import tthc.indicator

T = dt.datetime
DATA = os.environ.get("TTHC_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
MARCH = os.path.join(DATA, "dossiers_2025_03.csv")
AS_OF = T(2025, 3, 31, 23, 59, 59)


def march(by=("unit",)):
    return tthc.Aggregate(by=by, as_of=AS_OF).add_many(tthc.read_dossiers(MARCH))


class AggregateTest(unittest.TestCase):
    def test_counts_and_rates(self):
        agg = march()
        self.assertEqual(len(agg), 4)
        self.assertEqual(agg.skipped["test"], 1)
        a = agg.find(unit="UBND xã An Bình")
        self.assertEqual(a.counts["received"], 6)
        self.assertEqual(a.counts["overdue"], 1)
        r = a.rate("on_time_766")
        self.assertEqual((r.num, r.den, str(r)), (4, 6, "66,67%"))
        na = a.rate("same_day")
        self.assertFalse(na.applicable)
        self.assertEqual(str(na), "N/A")
        zero = agg.find(unit="UBND xã Hòa Lạc").rate("paid_online")
        self.assertTrue(zero.applicable)
        self.assertEqual(str(zero), "0,00%")
        self.assertEqual(a.time.median, 54900)
        self.assertTrue(a.time.median_exact)
        self.assertEqual(str(a.time.used_share), "76,47%")
        self.assertIsNone(agg.find(unit="nowhere"))

    def test_merge_equals_one_pass(self):
        ds = list(tthc.read_dossiers(MARCH))
        whole = tthc.Aggregate(by=("unit", "week"), as_of=AS_OF).add_many(ds)
        a = tthc.Aggregate(by=("unit", "week"), as_of=AS_OF).add_many(ds[::2])
        b = tthc.Aggregate(by=("unit", "week"), as_of=AS_OF).add_many(ds[1::2])
        a.merge(b)
        self.assertEqual([(g.unit, g.period, g.counts, g.time) for g in a],
                         [(g.unit, g.period, g.counts, g.time) for g in whole])
        rolled = whole.rollup(("unit",))
        self.assertEqual([g.counts for g in rolled], [g.counts for g in march()])
        other = tthc.Aggregate(by=("unit",), as_of=AS_OF)
        with self.assertRaises(tthc.InvalidArgumentError):
            a.merge(other)

    def test_scores_ranks_targets(self):
        agg = march()
        shares = {g.unit: g.score766() for g in agg}
        self.assertEqual(tthc.format_percent(shares["UBND phường Tân An"].share), "92,73%")
        self.assertEqual(shares["UBND xã Hòa Lạc"].grade, "weak")
        self.assertAlmostEqual(shares["UBND xã Bình Minh"].total, 35.25)
        self.assertEqual(shares["UBND xã Bình Minh"].groups["progress"], (20.0, 20.0))
        units = sorted(shares)
        ranks = tthc.rank([shares[u].share for u in units])
        self.assertEqual(sorted(tthc.format_rank(r, 4) for r in ranks),
                         ["01/04", "02/04", "03/04", "04/04"])
        self.assertEqual(dict(zip(units, ranks))["UBND phường Tân An"], 1)
        self.assertEqual(dict(zip(units, ranks))["UBND xã Hòa Lạc"], 4)
        # an external rate for indicator 1.4 (sync) changes the maximum
        with_sync = agg.find(unit="UBND phường Tân An").score766(external={"1.4": 1.0})
        self.assertAlmostEqual(with_sync.max, 61)
        self.assertAlmostEqual(with_sync.total, 57)
        targets = tthc.Targets.load(os.path.join(DATA, "targets_2025.json"))
        checks = agg.find(unit="UBND phường Tân An").check(targets)
        self.assertEqual([c.passed for c in checks], [False, True, True, True, True])
        self.assertAlmostEqual(checks[0].gap, 0.85 - 5 / 7)
        ev = agg.find(unit="UBND xã Hòa Lạc").evaluation
        self.assertEqual((ev.total, ev.grade, ev.scores[0]), (4.7, "weak", 0.7))

    def test_tables(self):
        t = tthc.Index766.default()
        self.assertEqual(len(t), 19)
        self.assertEqual(sum(i.points for i in t.items), 100)
        self.assertEqual(t.points("3.3", 0.3), 0.3 / 0.5 * 6)
        u = tthc.Index766.from_json(t.to_json())
        self.assertEqual(u.items, t.items)
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.Index766.from_json(json.dumps({"indicators": [{"id": "x", "group": "fun",
                                                                "points": 1}]}))
        self.assertIn("group", str(cm.exception))
        with self.assertRaises(tthc.ParseError):
            tthc.Targets.from_json('{"targets":[{"rate":"online","min":85}]}')
        self.assertEqual(tthc.evaluation_score([5] + [0] * 8, [4] + [0] * 8).scores[0], 1.3)

    def test_feedback_and_keys(self):
        agg = tthc.Aggregate(by=("unit", "month"), as_of=AS_OF)
        f = tthc.Feedback(T(2025, 3, 3, 9, 0), handled_at=T(2025, 3, 10, 9, 0),
                          published_at=T(2025, 3, 11, 9, 0), classified=True)
        agg.add_feedback("U", f)
        g = agg.groups[0]
        self.assertEqual((g.unit, g.period, g.period_start), ("U", "2025-03", dt.date(2025, 3, 1)))
        self.assertEqual(str(g.rate("feedback_on_time")), "100,00%")
        with self.assertRaises(ValueError):
            tthc.Aggregate(by=("colour",))
        with self.assertRaises(ValueError):
            tthc.Aggregate(by=("month", "year"))


class ScheduleTest(unittest.TestCase):
    def test_fridays(self):
        dates = tthc.report_dates("FREQ=WEEKLY;BYDAY=FR", dt.date(2025, 4, 1), dt.date(2025, 4, 21),
                                  dt.date(2025, 5, 10))
        self.assertEqual([d for _, d in dates],
                         [dt.date(2025, 4, 25), dt.date(2025, 4, 29), dt.date(2025, 5, 9)])
        with self.assertRaises(tthc.ParseError):
            tthc.report_dates("FREQ=MONTHLY;BYMONTHDAY=40", dt.date(2025, 1, 1),
                              dt.date(2025, 1, 1), dt.date(2025, 2, 1))
        self.assertEqual(len(tthc.report_dates("FREQ=DAILY", dt.date(2025, 1, 1),
                                               dt.date(2025, 1, 1), dt.date(2025, 12, 31))), 365)


class ReconciliationTest(unittest.TestCase):
    def test_register(self):
        r = tthc.Reconciliation()
        r.add_many(0, tthc.read_dossiers(os.path.join(DATA, "anbinh_system.csv")))
        r.add_many(1, tthc.read_dossiers(os.path.join(DATA, "anbinh_register.csv")))
        diffs = r.differences()
        self.assertEqual([(d.kind, d.code[-11:]) for d in diffs],
                         [("mismatch", "250304-0001"), ("duplicate", "250310-0001"),
                          ("only_a", "250317-0001"), ("only_b", "250331-0001")])
        self.assertEqual((diffs[0].field, diffs[0].a, diffs[0].b),
                         ("result", "2025-03-06", "2025-03-07"))
        self.assertEqual(r.counts(), (6, 7))


if __name__ == "__main__":
    unittest.main()
