"""The Python dossier binding: codes, the event log and its state machine, status, files."""
import datetime as dt
import os
import tempfile
import unittest

import tthc
import tthc.dossier

T = dt.datetime
DATA = os.environ.get("TTHC_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))


def accepted():
    d = tthc.Dossier("000.00.31.H26-250303-0001", T(2025, 3, 3, 9, 0), unit="UBND xã A",
                     procedure="1.001193", channel="online", online="full")
    d.accept(T(2025, 3, 3, 9, 0), due=T(2025, 3, 7, 17, 0))
    return d


class CodeTest(unittest.TestCase):
    def test_both_layouts(self):
        c = tthc.parse_code("000.00.31.H26-250124-0042")
        self.assertEqual((c.layout, c.agency, c.date, c.system, c.sequence),
                         (2018, "000.00.31.H26", dt.date(2025, 1, 24), None, 42))
        self.assertEqual(str(c), "000.00.31.H26-250124-0042")
        c = tthc.parse_code("H26.101.02-260130-070012345")
        self.assertEqual((c.layout, c.system, c.sequence, c.digits), (2026, 7, 12345, 7))
        self.assertEqual(tthc.format_code(layout=2026, agency="H01.000.05", date=dt.date(2026, 2, 2),
                                          system=12, sequence=5), "H01.000.05-260202-120005")

    def test_bad(self):
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.parse_code("000.00.31.h26-250124-0042")
        self.assertEqual(cm.exception.column, 11)
        self.assertIn("uppercase letter", str(cm.exception))
        with self.assertRaises(tthc.DateError):
            tthc.parse_code("000.00.31.H26-250231-0042")


class DossierTest(unittest.TestCase):
    def test_attributes(self):
        d = accepted()
        self.assertEqual((d.code, d.unit, d.procedure, d.channel, d.online),
                         ("000.00.31.H26-250303-0001", "UBND xã A", "1.001193", "online", "full"))
        d.flags = {"digitised", "vneid"}
        self.assertEqual(d.flags, {"digitised", "vneid"})
        self.assertIsNone(d.fee)
        d.fee, d.result_document = 1, True
        self.assertEqual((d.fee, d.result_document, d.four_at_place), (1, True, None))
        self.assertIsNone(d.limit)
        d.limit = "05 ngày làm việc"
        self.assertEqual(d.limit.value, 5)
        d.limit = None
        self.assertIsNone(d.limit)
        d.set_evaluation(4, 2)
        self.assertEqual((d.evaluation(4), d.evaluation(5)), (2, None))
        with self.assertRaises(TypeError):
            tthc.Dossier("x", T(2025, 1, 1), colour="red")
        with self.assertRaises(ValueError):
            d.channel = "fax"

    def test_events_and_iteration(self):
        d = accepted()
        d.pause(T(2025, 3, 4, 9, 0), "chờ xác minh")
        d.resume(T(2025, 3, 5, 9, 0))
        d.issue_result(T(2025, 3, 7, 16, 0), electronic=True)
        d.return_result(T(2025, 3, 8, 9, 0), "post")
        events = list(d)
        self.assertEqual([e.kind for e in events],
                         ["accepted", "paused", "resumed", "result_issued", "result_returned"])
        self.assertEqual(events[1].text, "chờ xác minh")
        self.assertEqual(events[1].label_vi, "Tạm dừng")
        self.assertEqual(events[3].flags, frozenset({"electronic"}))
        self.assertEqual(events[4].channel, "post")
        self.assertEqual(d[-1].kind, "result_returned")
        self.assertEqual(len(d), 5)

    def test_impossible_events_leave_the_dossier_unchanged(self):
        d = tthc.Dossier("B", T(2025, 3, 3, 9, 0))
        with self.assertRaises(tthc.StateError) as cm:
            d.issue_result(T(2025, 3, 3, 10, 0))
        self.assertIn("before acceptance", str(cm.exception))
        self.assertEqual(len(d), 0)
        d.accept(T(2025, 3, 3, 9, 0), due=T(2025, 3, 7, 17, 0))
        with self.assertRaises(tthc.StateError):
            d.resume(T(2025, 3, 4, 9, 0))
        with self.assertRaises(tthc.InvalidArgumentError):
            d.pause(T(2025, 3, 4, 9, 0), "")
        d.apologise(T(2025, 3, 5, 9, 0), T(2025, 3, 12, 17, 0))
        with self.assertRaises(tthc.StateError) as cm:
            d.apologise(T(2025, 3, 6, 9, 0), T(2025, 3, 20, 17, 0))
        self.assertIn("only once", str(cm.exception))
        self.assertEqual(len(d), 2)
        with self.assertRaises(ValueError):
            d.append("teleported", T(2025, 3, 6))

    def test_status(self):
        d = accepted()
        s = d.status(T(2025, 3, 7, 17, 30))
        self.assertEqual((s.state, s.category, s.category_vi), ("processing", "overdue",
                                                                "Đang xử lý quá hạn"))
        self.assertTrue(s.apology_owed)
        d.request_supplement(T(2025, 3, 4, 9, 0))
        d.receive_supplement(T(2025, 3, 6, 9, 0))
        d.issue_result(T(2025, 3, 9, 16, 0))
        s = d.status(T(2025, 4, 1))
        self.assertEqual(s.category, "on_time")  # 2 days of supplementation subtracted
        self.assertEqual(s.supplementation, dt.timedelta(days=2))
        self.assertEqual(s.working, dt.timedelta(hours=7 + 1 + 7 + 8))  # Mon, Tue, Thu, Fri
        self.assertEqual(d.status(T(2025, 4, 1), policy=["restart"]).category, "early")
        self.assertIsNone(d.status(T(2025, 4, 1), clock=False).working)
        with self.assertRaises(tthc.OutOfRangeError):
            d.status(T(2025, 1, 1))
        with self.assertRaises(ValueError):
            d.status(T(2025, 4, 1), policy=["lenient"])

    def test_limit_and_calendar(self):
        d = tthc.Dossier("C", T(2025, 3, 3, 9, 0), limit="05 ngày làm việc")
        d.accept(T(2025, 3, 3, 9, 0))
        s = d.status(T(2025, 3, 5, 10, 0))
        self.assertEqual(s.due, T(2025, 3, 10, 17, 0))
        self.assertEqual(s.working, dt.timedelta(hours=17))
        cal = tthc.Calendar.vietnam(2025, 2025)
        self.assertEqual(d.status(T(2025, 3, 5, 10, 0), calendar=cal).due, T(2025, 3, 10, 17, 0))

    def test_json_round_trip(self):
        d = accepted()
        d.refuse(T(2025, 3, 4, 9, 0), "không đủ điều kiện")
        j = d.to_json()
        e = tthc.Dossier.from_json(j)
        self.assertEqual(e.to_json(), j)
        self.assertEqual(e.status(T(2025, 4, 1)).category, "refused")
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.Dossier.from_json('{"code":"x","received_at":"2025-13-01"}')
        self.assertIn("field 'received_at'", str(cm.exception))


class FileTest(unittest.TestCase):
    def test_read_csv(self):
        ds = list(tthc.read_dossiers(os.path.join(DATA, "dossiers_2025_03.csv")))
        self.assertEqual(len(ds), 24)
        self.assertEqual(ds[0].unit, "UBND xã An Bình")
        c2 = [d for d in ds if d.code == "000.00.03.H26-250305-0001"][0]
        self.assertEqual(c2.status(T(2025, 3, 31, 23, 59, 59)).supplement_rounds, 2)

    def test_errors_and_memory(self):
        text = ('{"code":"a","received_at":"2025-03-03"}\n'
                '{"code":"b","received_at":"2025-03-33"}\n'
                '{"code":"c","received_at":"2025-03-03"}\n')
        with self.assertRaises(tthc.ParseError) as cm:
            list(tthc.read_dossiers(text, format="jsonl"))
        self.assertEqual(cm.exception.line, 2)
        self.assertEqual([d.code for d in tthc.read_dossiers(text, format="jsonl", errors="skip")],
                         ["a", "c"])
        seen = []
        codes = [d.code for d in tthc.read_dossiers(text.encode(), format="jsonl",
                                                    errors=seen.append)]
        self.assertEqual((codes, len(seen), seen[0].record), (["a", "c"], 1, 1))

    def test_write(self):
        ds = list(tthc.read_dossiers(os.path.join(DATA, "dossiers_2025_03.csv")))
        with tempfile.TemporaryDirectory() as tmp:
            for ext in ("csv", "jsonl"):
                path = os.path.join(tmp, "out." + ext)
                tthc.write_dossiers(path, ds)
                back = list(tthc.read_dossiers(path))
                self.assertEqual([d.to_json() for d in back], [d.to_json() for d in ds])
        with self.assertRaises(tthc.Error):
            tthc.write_dossiers("/nonexistent/dir/x.csv", ds)


class FeedbackTest(unittest.TestCase):
    def test_deadlines(self):
        f = tthc.Feedback(T(2025, 3, 3, 9, 0), handled_at=T(2025, 3, 21, 10, 0))
        s = tthc.feedback_status(f, T(2025, 3, 26))
        self.assertEqual((s.stage, s.on_time, s.late_step), ("handled", False, "publish"))
        self.assertEqual(s.handle_by, dt.date(2025, 3, 24))
        s = tthc.feedback_status(f._replace(published_at=T(2025, 3, 25, 9, 0)), T(2025, 3, 26))
        self.assertTrue(s.on_time and s.satisfied)


if __name__ == "__main__":
    unittest.main()
