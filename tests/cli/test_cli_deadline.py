"""tthc deadline and tthc workdays as a user runs them, checked against hand-worked examples
across Tết 2025 (closed Sat 25/1 - Sun 2/2) and the 30/4-1/5/2025 swap (off Wed 30/4 - Sun 4/5,
Sat 26/4 a make-up working day)."""
import json
import os
import subprocess
import unittest

CLI = os.environ.get("TTHC_CLI", "tthc")


def run(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True)


def due(received, limit, *extra):
    r = run("deadline", "--received", received, "--limit", limit, *extra)
    assert r.returncode == 0, r.stderr
    return r.stdout


class DeadlineTest(unittest.TestCase):
    def test_hand_worked_tet(self):
        cases = [  # received, limit, due (worked by hand, see docs/deadline.md)
            ("2025-01-24T16:10", "05 ngày làm việc", "2025-02-10T17:00"),  # after 15:00, Tết
            ("2025-01-24T10:00", "05 ngày làm việc", "2025-02-07T17:00"),  # 3,4,5,6,7/2
            ("2025-01-24T15:00", "05 ngày làm việc", "2025-02-07T17:00"),  # not after 15:00
            ("2025-01-25T09:00", "05 ngày làm việc", "2025-02-10T17:00"),  # Saturday
            ("2025-01-29T09:00", "05 ngày làm việc", "2025-02-10T17:00"),  # mùng 1 Tết
            ("2025-01-22T10:00", "10 ngày làm việc", "2025-02-12T17:00"),
            ("2025-01-24T16:10", "Trong ngày", "2025-02-03T17:00"),
            ("2025-01-24T14:00", "Trong ngày", "2025-01-24T17:00"),
            ("2025-01-24T14:10", "04 giờ làm việc", "2025-02-03T09:10"),
            ("2025-01-24T10:00", "15 ngày", "2025-02-10T17:00"),  # 8/2 is a Saturday
            ("2025-01-22T10:00", "05 ngày", "2025-02-03T17:00"),  # 27/1 is Tết
            ("2025-01-24T10:00", "0,5 ngày làm việc", "2025-02-03T12:00"),
            ("2025-01-03T10:00", "01 tháng", "2025-02-03T17:00"),
            ("2025-01-24T16:10", "Cấp ngay", "2025-01-24T16:10"),
        ]
        for received, limit, expected in cases:
            with self.subTest(received=received, limit=limit):
                self.assertEqual(due(received, limit), expected + "\n")

    def test_hand_worked_30_4_swap(self):
        self.assertEqual(due("2025-04-25T10:00", "05 ngày làm việc"), "2025-05-06T17:00\n")
        self.assertEqual(due("2025-04-26T10:00", "05 ngày làm việc"), "2025-05-07T17:00\n")
        self.assertEqual(due("2025-04-29T16:00", "05 ngày làm việc"), "2025-05-12T17:00\n")
        self.assertEqual(due("2025-05-02T09:00", "05 ngày làm việc"), "2025-05-12T17:00\n")
        self.assertEqual(due("2025-04-11T10:00", "15 ngày"), "2025-04-26T17:00\n")

    def test_options(self):
        self.assertEqual(due("2025-01-24T16:10", "05 ngày làm việc", "--cutoff", "16:30"),
                         "2025-02-07T17:00\n")
        self.assertEqual(due("2025-01-24T16:10", "05 ngày làm việc", "--cutoff", "none"),
                         "2025-02-07T17:00\n")
        self.assertEqual(due("2025-01-24T10:00", "05 ngày làm việc", "--same-time"),
                         "2025-02-07T10:00\n")
        self.assertEqual(due("2025-06-02T07:10", "02 ngày làm việc", "--hours",
                             "07:00-11:30,13:30-17:30"), "2025-06-04T17:30\n")

    def test_json(self):
        r = run("deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngày làm việc",
                "--json")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, '{"received":"2025-01-24T16:10","start":"2025-02-03T08:00",'
                                   '"limit":{"value":5,"unit":"working_days"},'
                                   '"due":"2025-02-10T17:00"}\n')
        j = json.loads(run("deadline", "--received", "2025-01-24T10:00", "--limit",
                           "0,5 ngày làm việc", "--json").stdout)
        self.assertEqual(j["limit"], {"value": 0.5, "unit": "working_days"})

    def test_explain(self):
        r = run("deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngày làm việc",
                "--explain")
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "2025-02-10T17:00")
        self.assertEqual(lines[1], "  received 2025-01-24T16:10 (Fri)")
        self.assertIn("skip 2025-01-27 (Mon): public holiday: ", lines[4])
        self.assertEqual(lines[11], "  start 2025-02-03T08:00 (Mon): received after the 15:00 "
                                    "cut-off; the clock starts at the next working day's first "
                                    "session")
        self.assertEqual(lines[-1], "  due 2025-02-10T17:00 (Mon): end of the last working "
                                    "session of the due day")
        j = json.loads(run("deadline", "--received", "2025-01-24T16:10", "--limit",
                           "05 ngày làm việc", "--json", "--explain").stdout)
        self.assertEqual(len(j["explain"]), 15)
        self.assertEqual(j["explain"][3]["day_kind"], "holiday")
        self.assertIn("Tết", j["explain"][3]["entry"])
        self.assertEqual(j["explain"][10], {
            "step": "start", "at": "2025-02-03T08:00", "reason": "cutoff",
            "text": "start 2025-02-03T08:00 (Mon): received after the 15:00 cut-off; the clock "
                    "starts at the next working day's first session"})
        vi = run("deadline", "--received", "2025-04-25T10:00", "--limit", "05 ngày làm việc",
                 "--explain", "--vi").stdout
        self.assertIn("bỏ qua 2025-05-02 (T6): nghỉ hoán đổi", vi)

    def test_bad_input(self):
        r = run("deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngay")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertTrue(r.stderr.startswith('tthc deadline: "05 ngay" is not a statutory limit:'))
        r = run("deadline", "--received", "2025-02-30T10:00", "--limit", "05 ngày làm việc")
        self.assertEqual(r.returncode, 1)
        self.assertIn("day 30 does not exist in February 2025", r.stderr)
        r = run("deadline", "--received", "2199-12-30T10:00", "--limit", "05 ngày làm việc")
        self.assertEqual(r.returncode, 1)
        r = run("deadline", "--received", "2025-01-24T10:00", "--limit", "05 ngày làm việc",
                "--hours", "17:00-08:00")
        self.assertEqual(r.returncode, 1)
        self.assertIn("invalid working hours", r.stderr)

    def test_usage(self):
        for args in (("deadline",), ("deadline", "--received", "2025-01-24T10:00"),
                     ("deadline", "--limit", "Trong ngày"), ("deadline", "--bogus"),
                     ("deadline", "--received", "2025-01-24T10:00", "--limit", "Trong ngày",
                      "--cutoff", "25:00"),
                     ("deadline", "--batch", "--received", "2025-01-24T10:00"),
                     ("deadline", "--elapsed", "2025-01-24T10:00")):
            with self.subTest(args=args):
                self.assertEqual(run(*args).returncode, 2)
        r = run("deadline", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage: tthc deadline", r.stdout)

    def test_elapsed(self):
        r = run("deadline", "--elapsed", "2025-01-24T16:00", "2025-02-04T10:30")
        self.assertEqual(r.stdout, "1 working day 3 h 30 min (11.50 working hours)\n")
        j = json.loads(run("deadline", "--elapsed", "2025-01-24T16:00", "2025-02-04T10:30",
                           "--json").stdout)
        self.assertEqual((j["seconds"], j["days"], j["hours"], j["minutes"]),
                         (41400, 1, 3, 30))


class BatchTest(unittest.TestCase):
    def test_batch(self):
        stdin = ("\ufeffreceived,limit\r\n"
                 "2025-01-24T16:10,05 ngày làm việc\n"
                 '2025-04-25T10:00,"Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ '
                 'theo quy định"\n'
                 "not a date,05 ngày làm việc\n"
                 "2025-01-24T16:10,Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm "
                 "việc tiếp theo\n"
                 "\n"
                 "2025-01-24T16:10\n"
                 "2025-01-24T16:10,05 ngay\n"
                 '2025-01-24T16:10,"05 ngày làm việc\n'
                 "2025-01-24T16:10,Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ\n"
                 '2025-01-24T16:10,"say ""hi""" \n'
                 "1700-01-01T10:00,05 ngày làm việc\n")
        r = run("deadline", "--batch", stdin=stdin)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout.splitlines(), [
            "received,limit,due",
            "2025-01-24T16:10,05 ngày làm việc,2025-02-10T17:00",
            '2025-04-25T10:00,"Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo '
            'quy định",2025-05-27T17:00',
            '2025-01-24T16:10,"Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc '
            'tiếp theo",2025-02-03T17:00',
            '2025-01-24T16:10,"Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ",'
            '2025-03-03T17:00',
        ])
        err = r.stderr.splitlines()
        self.assertEqual(len(err), 6)
        self.assertTrue(err[0].startswith('tthc deadline: line 4: invalid date-time "not a date"'))
        self.assertEqual(err[1], "tthc deadline: line 7: expected two fields: received,limit")
        self.assertTrue(err[2].startswith('tthc deadline: line 8: "05 ngay" is not a statutory'))
        self.assertEqual(err[3], "tthc deadline: line 9: unterminated quoted field")
        self.assertTrue(err[4].startswith('tthc deadline: line 11: "say '))
        self.assertIn("is not a statutory limit", err[4])
        self.assertIn("line 12: 1700-01-01T10:00 is too close to or outside the years", err[5])

    def test_batch_without_header_and_cutoff(self):
        r = run("deadline", "--batch", "--cutoff", "none",
                stdin="2025-01-24T16:10,05 ngày làm việc\n2025-04-25T10:00,01 ngày làm việc")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "2025-01-24T16:10,05 ngày làm việc,2025-02-07T17:00\n"
                                   "2025-04-25T10:00,01 ngày làm việc,2025-04-26T17:00\n")
        r = run("deadline", "--batch", stdin="")
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))

    def test_batch_many_years(self):
        lines = [f"{y}-06-02T10:00,01 ngày làm việc" for y in (2025, 1850, 2190, 2025)]
        r = run("deadline", "--batch", stdin="\n".join(lines) + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([l.rsplit(",", 1)[1] for l in r.stdout.splitlines()],
                         ["2025-06-03T17:00",   # Mon -> Tue
                          "1850-06-04T17:00",   # Sun: starts Mon 3/6 -> Tue
                          "2190-06-03T17:00",   # Wed -> Thu
                          "2025-06-03T17:00"])  # the calendar grew, nothing lost


class WorkdaysTest(unittest.TestCase):
    def test_count(self):
        for a, b, n in (("2025-01-20", "2025-02-07", "10"), ("2025-01-25", "2025-02-02", "0"),
                        ("2025-04-25", "2025-05-06", "6"), ("2025-04-26", "2025-04-26", "1"),
                        ("2025-04-30", "2025-05-04", "0"), ("2025-02-07", "2025-01-20", "-10"),
                        ("2024-12-31", "2025-01-02", "2")):
            with self.subTest(a=a, b=b):
                r = run("workdays", a, b)
                self.assertEqual((r.returncode, r.stdout), (0, n + "\n"), r.stderr)
        j = json.loads(run("workdays", "2025-01-20", "2025-02-07", "--json").stdout)
        self.assertEqual(j, {"from": "2025-01-20", "to": "2025-02-07", "workdays": 10})

    def test_add(self):
        for n, d, out in (("1", "2025-01-24", "2025-02-03"), ("5", "2025-01-24", "2025-02-07"),
                          ("-1", "2025-02-03", "2025-01-24"), ("-5", "2025-02-03", "2025-01-20"),
                          ("1", "2025-04-25", "2025-04-26"), ("1", "2025-04-29", "2025-05-05"),
                          ("-1", "2025-05-05", "2025-04-29"), ("0", "2025-05-02", "2025-05-05"),
                          ("0", "2025-04-26", "2025-04-26"), ("250", "2025-01-02", "2026-01-05")):
            with self.subTest(n=n, d=d):
                r = run("workdays", "--add", n, d)
                self.assertEqual((r.returncode, r.stdout), (0, out + "\n"), r.stderr)
        j = json.loads(run("workdays", "--add", "-5", "2025-02-03", "--json").stdout)
        self.assertEqual(j, {"date": "2025-02-03", "n": -5, "result": "2025-01-20"})

    def test_errors(self):
        self.assertEqual(run("workdays", "2025-02-30", "2025-03-01").returncode, 1)
        self.assertEqual(run("workdays", "1700-01-01", "1700-02-01").returncode, 1)
        self.assertEqual(run("workdays", "2025-01-01").returncode, 2)
        self.assertEqual(run("workdays", "--add", "x", "2025-01-01").returncode, 2)
        self.assertEqual(run("workdays", "--add", "1").returncode, 2)
        self.assertEqual(run("workdays", "--add", "5", "2199-12-30").returncode, 1)
        self.assertEqual(run("workdays", "--help").returncode, 0)


if __name__ == "__main__":
    unittest.main()
