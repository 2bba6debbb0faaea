import datetime as dt
import os
import unittest

import tthc
import tthc.calendar

D = dt.date
DATA = os.environ.get("TTHC_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))


class CalendarTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cal = tthc.Calendar.vietnam(2018, 2030)

    def test_queries(self):
        c = self.cal
        self.assertEqual(c.first_date, D(2018, 1, 1))
        self.assertEqual(c.last_date, D(2030, 12, 31))
        self.assertEqual(c.weekly_rest, {6, 7})
        self.assertFalse(c.is_working_day(D(2025, 1, 29)))
        self.assertTrue(c.is_working_day(D(2026, 1, 10)))  # make-up Saturday
        self.assertEqual(c.kind(D(2026, 1, 10)), "makeup_workday")
        self.assertEqual(c.kind(D(2025, 3, 8)), "weekly_rest")
        self.assertIsNone(c.day(D(2025, 3, 8)))
        e = c.day(D(2026, 1, 2))
        self.assertEqual((e.date, e.kind), (D(2026, 1, 2), "swap_off"))
        self.assertIn("Công văn 12729/VPCP-KGVX (25/12/2025)", e.source)
        self.assertEqual(c.year_status(2025), "official")
        self.assertEqual(c.year_status(2027), "rules")
        self.assertEqual(c.add_working_days(D(2025, 1, 24), 5), D(2025, 2, 7))
        self.assertEqual(c.add_working_days(D(2025, 2, 7), -5), D(2025, 1, 24))
        self.assertEqual(c.count_working_days(D(2025, 1, 24), D(2025, 2, 7)), 6)
        self.assertEqual(c.count_working_days(D(2025, 2, 7), D(2025, 1, 24)), -6)
        self.assertEqual(c.next_working_day(D(2026, 1, 9)), D(2026, 1, 10))
        self.assertEqual(c.previous_working_day(D(2026, 1, 5)), D(2025, 12, 31))
        self.assertEqual(c.month_working_days(2026, 2), 15)
        self.assertEqual(c.nth_working_day(2026, 1, 1), D(2026, 1, 5))
        self.assertEqual(c.nth_working_day(2026, 1, -1), D(2026, 1, 30))
        self.assertGreater(c.memory, 1000)

    def test_entries_2019_day_for_day(self):
        got = [(e.date.isoformat(), e.kind)
               for e in self.cal.entries(D(2018, 12, 31), D(2019, 12, 31))]
        self.assertEqual(got, [
            ("2018-12-31", "swap_off"), ("2019-01-01", "holiday"), ("2019-01-05", "makeup_workday"),
            ("2019-02-04", "holiday"), ("2019-02-05", "holiday"), ("2019-02-06", "holiday"),
            ("2019-02-07", "holiday"), ("2019-02-08", "holiday"), ("2019-04-14", "holiday"),
            ("2019-04-15", "compensatory"), ("2019-04-29", "swap_off"), ("2019-04-30", "holiday"),
            ("2019-05-01", "holiday"), ("2019-05-04", "makeup_workday"), ("2019-09-02", "holiday")])
        self.assertEqual(self.cal.entry_count(D(2019, 1, 1), D(2019, 12, 31)), 14)
        self.assertEqual(len(list(self.cal.entries())), self.cal.entry_count(
            self.cal.first_date, self.cal.last_date))

    def test_errors(self):
        with self.assertRaises(tthc.OutOfRangeError):
            self.cal.is_working_day(D(2031, 1, 1))
        with self.assertRaises(tthc.OutOfRangeError):
            self.cal.add_working_days(D(2030, 12, 30), 10)
        with self.assertRaises(tthc.OutOfRangeError):
            tthc.Calendar.vietnam(1700, 2000)
        with self.assertRaises(tthc.NotFoundError):
            self.cal.nth_working_day(2026, 1, 30)
        with self.assertRaises(TypeError):
            tthc.Calendar()
        with self.assertRaises(TypeError):
            self.cal.is_working_day("2025-01-01")
        with self.assertRaises(tthc.NotFoundError):
            tthc.CalendarBuilder(2025, 2025).add_day(D(2025, 3, 1), "holidy", "x")
        with self.assertRaises(ValueError):
            tthc.CalendarBuilder(2025, 2025).set_weekly_rest({0})
        with self.assertRaises(ValueError):
            tthc.CalendarBuilder(2025, 2025, base="moon")

    def test_builder(self):
        with tthc.CalendarBuilder(2025, 2025) as b:
            b.add_day(D(2025, 3, 12), "local", "Ngày giải phóng tỉnh",
                      source="QĐ 1/QĐ-UBND")
            b.remove_day(D(2025, 5, 2))
            b.set_weekly_rest({7})
            cal = b.build()
        self.assertEqual(cal.kind(D(2025, 3, 12)), "local")
        self.assertEqual(cal.day(D(2025, 3, 12)).source, "QĐ 1/QĐ-UBND")
        self.assertTrue(cal.is_working_day(D(2025, 5, 2)))
        self.assertTrue(cal.is_working_day(D(2025, 3, 8)))
        self.assertEqual(cal.weekly_rest, {7})
        cal.close()
        cal.close()
        with self.assertRaises(ValueError):
            cal.is_working_day(D(2025, 1, 1))

    def test_json_schedule(self):
        with open(os.path.join(DATA, "schedule_2027.json"), encoding="utf-8") as f:
            text = f.read()
        cal = tthc.Calendar.vietnam(2026, 2027, schedules=text)
        self.assertEqual(cal.year_status(2027), "official")
        self.assertEqual(cal.kind(D(2027, 2, 4)), "swap_off")
        self.assertTrue(cal.is_working_day(D(2027, 2, 20)))
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.Calendar.vietnam(2027, 2027, schedules='{"year":2027,"status":"x","days":[]}')
        self.assertIn("$.status: unknown status \"x\"", str(cm.exception))
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.Calendar.vietnam(2027, 2027, schedules='{"year":2027,\n"status":')
        self.assertEqual(cm.exception.line, 2)

    def test_ics_round_trip(self):
        text = self.cal.to_ics(D(2024, 1, 1), D(2026, 12, 31))
        self.assertTrue(text.startswith("BEGIN:VCALENDAR\r\n"))
        back = tthc.Calendar.from_ics(text, 2024, 2026)
        self.assertEqual(list(back.entries()),
                         list(self.cal.entries(D(2024, 1, 1), D(2026, 12, 31))))
        for y in (2024, 2025, 2026):
            self.assertEqual(back.year_status(y), "official")
        self.assertEqual(back.to_ics(), text)
        with self.assertRaises(tthc.Error) as cm:
            tthc.Calendar.from_ics(
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20250101T0900\r\n", 2025, 2025)
        self.assertEqual(cm.exception.name, "EUNSUPPORTED")
        self.assertEqual(cm.exception.line, 3)

    def test_culture_day_and_rules(self):
        cal = tthc.Calendar.vietnam(2026, 2026, culture_day=True)
        self.assertEqual(cal.kind(D(2026, 11, 24)), "holiday")
        cal = tthc.Calendar.vietnam(2025, 2025, rules_only=True)
        self.assertEqual(cal.year_status(2025), "rules")

    def test_kind_names_from_c(self):
        self.assertEqual(tthc.calendar.KINDS[5], "makeup_workday")


if __name__ == "__main__":
    unittest.main()
