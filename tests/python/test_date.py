import datetime as dt
import unittest

import tthc
import tthc.date


class DateTest(unittest.TestCase):
    def test_version(self):
        self.assertRegex(tthc.version(), r"^\d+\.\d+\.\d+$")

    def test_status_table_comes_from_c(self):
        self.assertEqual(tthc.STATUS[0], "OK")
        self.assertIn("EDATE", tthc.STATUS.values())

    def test_parse_and_format(self):
        self.assertEqual(tthc.parse_date("2025-01-29"), dt.date(2025, 1, 29))
        self.assertEqual(tthc.parse_datetime("2025-01-24T16:10"), dt.datetime(2025, 1, 24, 16, 10))
        self.assertEqual(tthc.parse_datetime("20250124161005"),
                         dt.datetime(2025, 1, 24, 16, 10, 5))
        self.assertEqual(tthc.parse_datetime("2025-01-24T09:10:00Z"),
                         dt.datetime(2025, 1, 24, 16, 10))
        t = dt.datetime(2025, 1, 24, 16, 10, 5)
        self.assertEqual(tthc.format_datetime(t), "2025-01-24T16:10")
        self.assertEqual(tthc.format_datetime(t, seconds=True, offset=True),
                         "2025-01-24T16:10:05+07:00")
        self.assertEqual(tthc.format_datetime(t, compact=True), "20250124161005")
        aware = dt.datetime(2025, 1, 24, 9, 10, 5, tzinfo=dt.timezone.utc)
        self.assertEqual(tthc.format_datetime(aware, seconds=True), "2025-01-24T16:10:05")
        self.assertEqual(tthc.format_date(dt.date(1, 1, 1)), "0001-01-01")

    def test_calendar_facts(self):
        self.assertEqual(tthc.weekday(dt.date(2025, 1, 29)), 3)
        self.assertEqual(tthc.iso_week(dt.date(2021, 1, 3)), (2020, 53))
        self.assertEqual(tthc.day_of_year(dt.date(2024, 12, 31)), 366)

    def test_day_numbers_agree_with_python(self):
        for d in (dt.date(1, 1, 1), dt.date(1969, 12, 31), dt.date(2025, 1, 29),
                  dt.date(9999, 12, 31)):
            n = tthc.date.to_day_number(d)
            y, m, dd = (tthc.date.ctypes.c_int() for _ in range(3))
            tthc._lib.lib.tthc_date_to_ymd(n, y, m, dd)
            self.assertEqual((y.value, m.value, dd.value), (d.year, d.month, d.day))

    def test_bad_input_raises_with_message_and_position(self):
        with self.assertRaises(tthc.DateError) as cm:
            tthc.parse_date("2025-02-30")
        e = cm.exception
        self.assertIn("day 30 does not exist in February 2025", str(e))
        self.assertEqual((e.line, e.column, e.name), (1, 9, "EDATE"))
        self.assertIsInstance(e, ValueError)
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.parse_date("2025-01-29 ")
        self.assertEqual(cm.exception.column, 11)
        with self.assertRaises(tthc.OutOfRangeError):
            tthc.parse_date("0000-01-01")
        with self.assertRaises(tthc.ParseError):
            tthc.parse_datetime("")
        with self.assertRaises(tthc.ParseError):
            tthc.parse_date(b"20\xff5-01-01")
        with self.assertRaises(tthc.DateError):
            tthc.parse_datetime("2025-01-24T24:00")
        with self.assertRaises(TypeError):
            tthc.parse_date(20250129)
        with self.assertRaises(TypeError):
            tthc.format_date("2025-01-29")


if __name__ == "__main__":
    unittest.main()
