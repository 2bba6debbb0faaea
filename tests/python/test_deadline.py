import array
import datetime as dt
import unittest

import tthc
import tthc.deadline
from tthc.date import from_day_number, to_day_number

D, T = dt.date, dt.datetime


class LimitTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(tthc.parse_limit("05 ngày làm việc"), tthc.Limit(5, "working_days"))
        l = tthc.parse_limit("Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định")
        self.assertEqual((l.value, l.unit), (20, "working_days"))
        self.assertEqual(l.flags, {"at_most", "from_complete"})
        l = tthc.parse_limit("Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo")
        self.assertEqual((l.unit, l.cutoff), ("within_day", dt.time(15, 0)))
        self.assertEqual(tthc.parse_limit("0,5 ngày làm việc").value, 0.5)
        self.assertEqual(tthc.parse_limit("01 tháng").unit, "months")
        self.assertEqual(tthc.parse_limit("Cấp ngay").unit, "immediate")
        self.assertEqual(tthc.parse_limit("15 ngày").unit, "calendar_days")
        self.assertEqual(tthc.parse_limit("05 ngay lam viec").value, 5)

    def test_format(self):
        l = tthc.parse_limit("Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ")
        self.assertEqual(str(l), "10 ngày làm việc")
        self.assertEqual(l.english(), "10 working days")
        self.assertEqual(l.format(full=True), "Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
        self.assertEqual(tthc.Limit(1, "months").english(), "1 month")
        self.assertEqual(str(tthc.Limit(0.5, "working_days")), "0,5 ngày làm việc")
        with self.assertRaises(ValueError):
            tthc.Limit(5, "fortnights")

    def test_errors_quote_the_phrase(self):
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.parse_limit("05 ngay")
        self.assertTrue(str(cm.exception).startswith('"05 ngay" is not a statutory limit:'))
        self.assertEqual(cm.exception.column, 4)
        with self.assertRaises(tthc.ParseError):
            tthc.parse_limit("24 giờ")
        with self.assertRaises(tthc.OutOfRangeError):
            tthc.parse_limit("100001 ngày")
        with self.assertRaises(tthc.ParseError):
            tthc.parse_limit(b"05 ng\xff")
        with self.assertRaises(TypeError):
            tthc.parse_limit(5)


class DueTest(unittest.TestCase):
    def test_tet_2025(self):
        self.assertEqual(tthc.due(T(2025, 1, 24, 16, 10), "05 ngày làm việc"), T(2025, 2, 10, 17))
        self.assertEqual(tthc.due(T(2025, 1, 24, 10, 0), "05 ngày làm việc"), T(2025, 2, 7, 17))
        self.assertEqual(tthc.due(T(2025, 1, 24, 16, 10), "05 ngày làm việc", cutoff=None),
                         T(2025, 2, 7, 17))
        self.assertEqual(tthc.due(T(2025, 1, 24, 16, 10), "05 ngày làm việc",
                                  cutoff=dt.time(16, 30)), T(2025, 2, 7, 17))
        self.assertEqual(tthc.due(T(2025, 1, 24, 10, 0), "15 ngày"), T(2025, 2, 10, 17))
        self.assertEqual(tthc.due(T(2025, 1, 24, 14, 10), "04 giờ làm việc"), T(2025, 2, 3, 9, 10))
        aware = dt.datetime(2025, 1, 24, 9, 10, tzinfo=dt.timezone.utc)  # 16:10 in Vietnam
        self.assertEqual(tthc.due(aware, tthc.Limit(5, "working_days")), T(2025, 2, 10, 17))

    def test_swap_30_4(self):
        self.assertEqual(tthc.due(T(2025, 4, 25, 10), "05 ngày làm việc"), T(2025, 5, 6, 17))
        self.assertEqual(tthc.due(T(2025, 4, 26, 10), "05 ngày làm việc"), T(2025, 5, 7, 17))

    def test_policy_and_hours(self):
        p = tthc.Policy(due_time="same_time")
        self.assertEqual(p.cutoff, dt.time(15, 0))
        self.assertEqual(tthc.due(T(2025, 1, 24, 10), "05 ngày làm việc", policy=p),
                         T(2025, 2, 7, 10))
        p.cutoff = None
        self.assertIsNone(p.cutoff)
        with self.assertRaises(ValueError):
            p.due_time = "whenever"
        with self.assertRaises(tthc.OutOfRangeError):
            p.max_extensions = 1000
        h = tthc.WorkingHours("07:00-11:30,13:30-17:30")
        self.assertEqual(tthc.due(T(2025, 6, 2, 7, 10), "02 ngày làm việc", hours=h),
                         T(2025, 6, 4, 17, 30))
        self.assertEqual(h.format(D(2025, 6, 2)), "07:00-11:30,13:30-17:30")
        h.add_season((10, 16), (4, 15), "07:30-12:00,13:30-17:00")
        self.assertEqual(h.sessions(D(2025, 1, 6))[0], (dt.time(7, 30), dt.time(12, 0)))
        h.set_reception("07:30-11:30", weekdays=6)
        self.assertTrue(h.is_open(T(2025, 3, 8, 9)))
        self.assertFalse(h.is_open(T(2025, 3, 9, 9)))
        self.assertEqual(h.day_length, dt.timedelta(hours=8))
        with self.assertRaises(tthc.DateError) as cm:
            h.set_sessions("12:00-08:00")
        self.assertIn("must end after it starts", str(cm.exception))

    def test_explain(self):
        r = tthc.explain(T(2025, 1, 24, 16, 10), "05 ngày làm việc")
        self.assertEqual((r["start"], r["due"]), (T(2025, 2, 3, 8), T(2025, 2, 10, 17)))
        self.assertEqual(r["limit"], tthc.Limit(5, "working_days"))
        steps = r["explain"]
        self.assertEqual([s["step"] for s in steps],
                         ["received"] + ["skip"] * 9 + ["start", "count", "skip", "skip", "due"])
        tet = steps[3]
        self.assertEqual((tet["date"], tet["day_kind"]), (D(2025, 1, 27), "holiday"))
        self.assertIn("Tết", tet["entry"])
        self.assertEqual(steps[10]["reason"], "cutoff")
        self.assertEqual(steps[10]["cutoff"], dt.time(15))
        self.assertIn("Civil Code art. 147", steps[11]["text"])
        self.assertIn("Điều 147", steps[11]["text_vi"])
        self.assertEqual(tthc.due(T(2025, 1, 24, 16, 10), "05 ngày làm việc", explain=True), r)

    def test_bad_input(self):
        with self.assertRaises(tthc.OutOfRangeError):
            tthc.due(T(2199, 12, 30, 10), "05 ngày làm việc")
        with self.assertRaises(TypeError):
            tthc.due("2025-01-24", "05 ngày làm việc")
        with self.assertRaises(TypeError):
            tthc.due(T(2025, 1, 24), 5)
        with self.assertRaises(TypeError):
            tthc.due(T(2025, 1, 24), "05 ngày làm việc", calendar="national")

    def test_due_many(self):
        got = tthc.due_many([T(2025, 1, 24, 16, 10), T(2025, 4, 25, 10), T(2199, 12, 31, 10)],
                            "05 ngày làm việc")
        self.assertEqual(got, [T(2025, 2, 10, 17), T(2025, 5, 6, 17), None])
        got = tthc.due_many([T(2025, 1, 24, 14)], ["Trong ngày"])
        self.assertEqual(got, [T(2025, 1, 24, 17)])


class VectorTest(unittest.TestCase):
    def test_add_and_count_many(self):
        cal = tthc.Calendar.vietnam(2000, 2031)
        n = 200_000
        base = to_day_number(D(2000, 1, 1))
        dates = array.array("i", (base + (i * 7919) % 11000 for i in range(n)))
        ns = array.array("i", (i % 61 for i in range(n)))
        out = tthc.add_working_days_many(dates, ns, calendar=cal)
        self.assertIsInstance(out, array.array)
        self.assertEqual(len(out), n)
        for i in range(0, n, 997):  # spot-check against the scalar call
            self.assertEqual(from_day_number(out[i]),
                             cal.add_working_days(from_day_number(dates[i]), ns[i]))
        counts = tthc.count_working_days_many(dates, out, calendar=cal)
        for i in range(0, n, 997):
            self.assertEqual(counts[i], cal.count_working_days(from_day_number(dates[i]),
                                                               from_day_number(out[i])))

    def test_inputs(self):
        d = [D(2025, 1, 24), D(2025, 4, 25)]
        self.assertEqual(list(tthc.add_working_days_many(d, [5, 5])),
                         [to_day_number(D(2025, 2, 7)), to_day_number(D(2025, 5, 6))])
        buf = bytearray(array.array("i", [to_day_number(D(2025, 1, 24))]).tobytes())
        mv = memoryview(buf).cast("i")
        self.assertEqual(tthc.add_working_days_many(mv, array.array("i", [1]))[0],
                         to_day_number(D(2025, 2, 3)))
        ro = memoryview(bytes(buf)).cast("i")  # read-only: copied
        self.assertEqual(tthc.add_working_days_many(ro, [-1])[0], to_day_number(D(2025, 1, 23)))
        with self.assertRaises(TypeError):
            tthc.add_working_days_many(array.array("d", [1.0]), [1])
        with self.assertRaises(ValueError):
            tthc.add_working_days_many([D(2025, 1, 1)], [1, 2])

    def test_out_of_range(self):
        cal = tthc.Calendar.vietnam(2025, 2025)
        dates = array.array("i", [to_day_number(D(2025, 6, 2)), to_day_number(D(2025, 12, 30))])
        with self.assertRaises(tthc.OutOfRangeError) as cm:
            tthc.add_working_days_many(dates, [1, 5], calendar=cal)
        self.assertIn("element 1", str(cm.exception))
        out = tthc.add_working_days_many(dates, [1, 5], calendar=cal, strict=False)
        self.assertEqual(out[1], -2**31)
        self.assertEqual(from_day_number(out[0]), D(2025, 6, 3))


class WorkingTimeTest(unittest.TestCase):
    def test_between_add_split(self):
        late = tthc.working_time_between(T(2025, 1, 24, 16), T(2025, 2, 3, 9))
        self.assertEqual(late, dt.timedelta(hours=2))
        self.assertEqual(tthc.working_time_between(T(2025, 2, 3, 9), T(2025, 1, 24, 16)),
                         -late)
        self.assertEqual(tthc.add_working_time(T(2025, 4, 25, 10), dt.timedelta(hours=40)),
                         T(2025, 5, 6, 10))
        self.assertEqual(tthc.split_working_time(dt.timedelta(hours=28, minutes=10)), (3, 4, 10))


class LedgerTest(unittest.TestCase):
    def test_restart_and_subtract(self):
        l = tthc.Ledger(T(2025, 3, 3, 9), "05 ngày làm việc")
        self.assertEqual(l.status(T(2025, 3, 3, 9))["due"], T(2025, 3, 10, 17))
        l.pause(T(2025, 3, 5, 10)).resume(T(2025, 3, 6, 10))
        st = l.status(T(2025, 3, 7, 12))
        self.assertEqual((st["due"], st["used"], st["stopped"]),
                         (T(2025, 3, 11, 17), dt.timedelta(hours=27), dt.timedelta(hours=8)))
        l.request_supplement(T(2025, 3, 7, 12)).receive_supplement(T(2025, 3, 12, 10))
        st = l.status(T(2025, 3, 12, 11))
        self.assertEqual((st["start"], st["due"], st["supplement_rounds"]),
                         (T(2025, 3, 12, 10), T(2025, 3, 19, 17), 1))
        s = tthc.Ledger(T(2025, 3, 3, 9), "05 ngày làm việc",
                        policy=tthc.Policy(supplement="subtract"))
        s.pause(T(2025, 3, 5, 10)).resume(T(2025, 3, 6, 10))
        s.request_supplement(T(2025, 3, 7, 12)).receive_supplement(T(2025, 3, 12, 10))
        self.assertEqual(s.status(T(2025, 3, 12, 11))["due"], T(2025, 3, 14, 15))
        self.assertEqual([e[0] for e in s.entries()],
                         ["received", "pause", "resume", "supplement_request",
                          "supplement_received"])

    def test_extension_finish_and_rejections(self):
        l = tthc.Ledger(T(2025, 3, 3, 9), "05 ngày làm việc")
        with self.assertRaises(tthc.StateError) as cm:
            l.resume(T(2025, 3, 4, 9))
        self.assertIn("the clock is running", str(cm.exception))
        with self.assertRaises(tthc.StateError):
            l.receive_supplement(T(2025, 3, 4, 9))
        with self.assertRaises(tthc.InvalidArgumentError):
            l.pause(T(2025, 3, 1, 9))
        with self.assertRaises(tthc.InvalidArgumentError):
            l.extend(T(2025, 3, 7, 9), T(2025, 3, 10, 12))
        self.assertEqual(len(l.entries()), 1)
        l.extend(T(2025, 3, 7, 9), T(2025, 3, 14, 17))
        self.assertEqual(l.entries()[1], ("extend", T(2025, 3, 7, 9), T(2025, 3, 14, 17)))
        with self.assertRaises(tthc.StateError):
            l.extend(T(2025, 3, 8, 9), T(2025, 3, 20, 17))
        l.finish(T(2025, 3, 17, 10))
        st = l.status(T(2025, 4, 1))
        self.assertEqual((st["state"], st["overdue"], st["late_by"]),
                         ("finished", True, dt.timedelta(hours=2)))
        self.assertFalse(l.status(T(2025, 3, 14, 16))["overdue"])


class PostalTest(unittest.TestCase):
    def test_postal(self):
        self.assertEqual(tthc.deadline.ROUTES[0], "same_district")
        self.assertEqual(tthc.postal_transit_days("inter_province_other"), 4)
        self.assertEqual(tthc.postal_transit_days("inter_province_other", with_slip=True), 8)
        self.assertEqual(tthc.postal_arrival(D(2025, 1, 24), "inter_province_other"),
                         D(2025, 2, 6))
        with self.assertRaises(ValueError):
            tthc.postal_transit_days("by pigeon")


if __name__ == "__main__":
    unittest.main()
