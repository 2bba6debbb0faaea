import datetime as dt
import pathlib
import re
import unittest

import tthc
import tthc.lunar as lunar
from tthc._lib import declared_names


class LunarTest(unittest.TestCase):
    def test_facts_2019_2030(self):
        # FACTS.md §3.3: Tết, Giỗ Tổ (10/3) and the leap month of each lunar year.
        rows = {2019: ("02-05", "04-14", 0), 2020: ("01-25", "04-02", 4),
                2021: ("02-12", "04-21", 0), 2022: ("02-01", "04-10", 0),
                2023: ("01-22", "04-29", 2), 2024: ("02-10", "04-18", 0),
                2025: ("01-29", "04-07", 6), 2026: ("02-17", "04-26", 0),
                2027: ("02-06", "04-16", 0), 2028: ("01-26", "04-04", 5),
                2029: ("02-13", "04-23", 0), 2030: ("02-02", "04-12", 0)}
        for y, (tet, hung, leap) in rows.items():
            self.assertEqual(lunar.to_solar(y, 1, 1), dt.date.fromisoformat(f"{y}-{tet}"))
            self.assertEqual(lunar.to_solar(y, 3, 10), dt.date.fromisoformat(f"{y}-{hung}"))
            self.assertEqual(lunar.leap_month(y), leap)
        self.assertEqual(lunar.year_name(2025), "Ất Tỵ")

    def test_conventions(self):
        d = dt.date(1985, 1, 21)
        self.assertEqual(lunar.to_lunar(d), lunar.LunarDate(1985, 1, 1, False))
        self.assertEqual(lunar.to_lunar(d, convention="utc8").year, 1984)
        self.assertEqual(lunar.to_solar(1968, 1, 1, convention="vietnam"), dt.date(1968, 1, 29))
        self.assertEqual(lunar.to_solar(1968, 1, 1, convention="utc8"), dt.date(1968, 1, 30))
        self.assertEqual(lunar.to_solar(1965, 1, 1, convention="vietnam"), dt.date(1965, 2, 2))
        self.assertEqual(lunar.to_solar(1965, 1, 1, convention="utc7"), dt.date(1965, 2, 1))
        with self.assertRaises(ValueError):
            lunar.to_lunar(d, convention="hanoi")
        with self.assertRaises(ValueError):
            lunar.to_lunar(d, convention=None)

    def test_round_trip_and_leap(self):
        d = dt.date(2025, 7, 25)
        ld = lunar.to_lunar(d)
        self.assertEqual(ld, (2025, 6, 1, True))
        self.assertIsInstance(ld, tthc.LunarDate)
        self.assertEqual(lunar.to_solar(*ld), d)
        self.assertEqual(lunar.to_solar_regular(2025, 6, 1), (dt.date(2025, 6, 25), True))
        self.assertEqual(lunar.to_solar_regular(2025, 7, 1), (dt.date(2025, 8, 23), False))
        self.assertEqual(lunar.month_length(2025, 6, leap=True), 29)
        day = dt.date(2024, 1, 1)
        while day < dt.date(2026, 1, 1):
            self.assertEqual(lunar.to_solar(*lunar.to_lunar(day)), day)
            day += dt.timedelta(days=1)

    def test_errors(self):
        with self.assertRaises(tthc.DateError) as cm:
            lunar.to_solar(2025, 5, 1, leap=True)
        self.assertEqual(str(cm.exception),
                         "lunar year 2025 has no leap month 5 (its leap month is 6)")
        self.assertEqual(cm.exception.name, "EDATE")
        with self.assertRaises(tthc.DateError) as cm:
            lunar.to_solar(2024, 12, 30)
        self.assertEqual(str(cm.exception),
                         "day 30 does not exist: month 12 of lunar year 2024 has 29 days")
        with self.assertRaises(tthc.DateError) as cm:
            lunar.to_solar(2024, 3, 1, leap=True)
        self.assertEqual(str(cm.exception), "lunar year 2024 has no leap month 3")
        with self.assertRaises(tthc.DateError) as cm:
            lunar.to_solar(2025, 13, 1)
        self.assertIn("month 13 is out of range", str(cm.exception))
        with self.assertRaises(tthc.DateError):
            lunar.to_solar(2025, 1, 300)
        with self.assertRaises(tthc.DateError):
            lunar.month_length(2025, 0)
        with self.assertRaises(tthc.OutOfRangeError) as cm:
            lunar.to_lunar(dt.date(1799, 12, 31))
        self.assertEqual(cm.exception.name, "ERANGE")
        with self.assertRaises(tthc.OutOfRangeError):
            lunar.to_solar(2200, 1, 1)
        with self.assertRaises(tthc.OutOfRangeError):
            lunar.leap_month(1700)
        with self.assertRaises(TypeError):
            lunar.to_lunar("2025-01-29")
        with self.assertRaises(TypeError):
            lunar.leap_month(2025.0)
        with self.assertRaises(OverflowError):
            lunar.to_solar(2**40, 1, 1)
        with self.assertRaises(ValueError):
            lunar.month_name(13)
        with self.assertRaises(ValueError):
            lunar.cycle_name(60)
        with self.assertRaises(ValueError):
            lunar.solar_term_name(7)

    def test_can_chi_and_names(self):
        self.assertEqual(lunar.can_chi(dt.date(2024, 2, 10)),
                         lunar.CanChi("Giáp Thìn", "Bính Dần", "Giáp Thìn"))
        a = lunar.can_chi(lunar.to_solar(2025, 6, 3))
        b = lunar.can_chi(lunar.to_solar(2025, 6, 3, leap=True))
        self.assertEqual(a.month, b.month)  # the leap month repeats the regular one's name
        self.assertEqual(lunar.cycle_name(0), "Giáp Tý")
        self.assertEqual(lunar.month_name(1), "Giêng")
        self.assertEqual(lunar.month_name(12), "Chạp")
        self.assertEqual(lunar.format_lunar((2025, 6, 15, True)), "15 tháng Sáu nhuận năm Ất Tỵ")

    def test_names_are_nfc(self):
        import unicodedata
        names = ([lunar.cycle_name(i) for i in range(60)] +
                 [lunar.month_name(m) for m in range(1, 13)] +
                 [lunar.solar_term_name(l) for l in range(0, 360, 15)])
        self.assertEqual(len(set(names)), 96)
        for n in names:
            self.assertTrue(unicodedata.is_normalized("NFC", n), n)

    def test_astronomy(self):
        terms = lunar.solar_terms(2025)
        self.assertEqual(len(terms), 24)
        self.assertEqual(terms[0].name, "Tiểu hàn")
        self.assertEqual(terms[23], terms[-1])
        self.assertEqual((terms[-1].name, terms[-1].longitude, terms[-1].major, terms[-1].date),
                         ("Đông chí", 270, True, dt.date(2025, 12, 21)))
        eq = terms[5]
        self.assertEqual(eq.name, "Xuân phân")
        self.assertLess(abs(eq.instant - dt.datetime(2025, 3, 20, 9, 1, 25,
                                                      tzinfo=dt.timezone.utc)),
                        dt.timedelta(minutes=1))
        mi = lunar.month_info(2025, 1)
        self.assertEqual((mi.first_day, mi.length, mi.utc_offset),
                         (dt.date(2025, 1, 29), 30, dt.timedelta(hours=7)))
        self.assertEqual(lunar.new_moon(mi.lunation), mi.new_moon)
        self.assertLess(abs(mi.new_moon - dt.datetime(2025, 1, 29, 12, 36,
                                                       tzinfo=dt.timezone.utc)),
                        dt.timedelta(minutes=1))
        with self.assertRaises(tthc.OutOfRangeError):
            lunar.new_moon(10**6)
        with self.assertRaises(tthc.OutOfRangeError):
            lunar.solar_terms(3000)

    def test_every_lunar_function_declared(self):
        header = pathlib.Path(__file__).resolve().parents[2] / "include" / "tthc" / "lunar.h"
        names = set(re.findall(r"TTHC_API[^;(]*?\b(tthc_lunar_\w+)\s*\(", header.read_text()))
        self.assertTrue(names)
        self.assertEqual(names - declared_names(), set())


if __name__ == "__main__":
    unittest.main()
