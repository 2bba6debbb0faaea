"""`python3 -m tthc` mirrors the C `tthc` command: for every case below both are run on the
same input and must agree on stdout (byte for byte: --json output is identical), stderr and
the exit status. Most cases run the Python command in-process (fast); a few run
`python3 -m tthc` as a user would."""
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from tthc import cli

CLI = os.environ.get("TTHC_CLI", "tthc")
DATA = os.environ.get("TTHC_TEST_DATA",
                      os.path.join(os.path.dirname(__file__), os.pardir, "data"))
CAT = os.path.join(DATA, "catalog_commune.json")
SCHED = os.path.join(DATA, "schedule_2027.json")
ICS = os.path.join(DATA, "local_2025.ics")
TCVN3 = b"C\xa4ng ho\xb5 x\xb7 h\xe9i ch\xf8 ngh\xade Vi\xd6t Nam\n"
VNI = b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam\n"
BATCH = ("received,limit\n2025-01-24T16:10,05 ngày làm việc\n"
         "2025-04-25T10:00,\"Không quá 10 ngày làm việc, kể từ ngày nhận đủ hồ sơ\"\n"
         "2025-02-30T10:00,05 ngày làm việc\nno comma here\n"
         "2025-01-24T16:10,5 giờ làm việc\n2199-12-30T10:00,05 ngày làm việc\n"
         "2025-01-24T09:00,\"unterminated\n   \n2025-06-02T08:00,Trong ngày\n").encode()
MARCH = os.path.join(DATA, "dossiers_2025_03.csv")
TARGETS = os.path.join(DATA, "targets_2025.json")
SYSTEM = os.path.join(DATA, "anbinh_system.csv")
REGISTER = os.path.join(DATA, "anbinh_register.csv")
AS_OF = "2025-03-31T23:59:59"
TMP = tempfile.mkdtemp(prefix="tthc-parity-")


def tmp_file(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


GOOD = '{"code":"x","unit":"U","received_at":"2025-03-03T09:00","due":"2025-03-05T17:00"}\n'
BAD_LINE = ('{"code":"y","unit":"U","received_at":"2025-03-03T09:00",'
            '"result_at":"2025-03-01"}\n')
MIXED = tmp_file("mixed.jsonl", GOOD + BAD_LINE + GOOD)
NOCODE = tmp_file("nocode.jsonl", GOOD + '{"unit":"U","received_at":"2025-03-03T09:00"}\n')
KHAI_SINH = tmp_file("k.jsonl", '{"code":"k","procedure":"1.001193","unit":"U",'
                                '"received_at":"2025-03-03T09:00","result_at":"2025-03-04T10:00"}\n')
TABLE = tmp_file("t.json", '{"indicators":[{"id":"2.1","group":"progress","points":20,'
                           '"rate":"on_time_766"}]}')
BAD_TARGETS = tmp_file("bad.json", '{"targets":[{"rate":"speed","min":0.5}]}')
EXTERNAL = tmp_file("ext.json", '{"1.4": 0.9, "3.5": "80%", "1.1": "87,5%"}')
BAD_EXTERNAL = tmp_file("badext.json", '{"2.1": 0.9}')
SYNTAX_EXTERNAL = tmp_file("synext.json", '{"1.4": ')


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


REFS = ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ và "
        "Thông tư 01/2018/TT-VPCP; Quyết định 468/QĐ-TTg.\n").encode()

# (arguments, stdin) — every subcommand, its options, plain and JSON output, bad input and
# usage errors.
CASES = [
    # top level
    ([], b""), (["--help"], b""), (["help"], b""), (["-h"], b""), (["--version"], b""),
    (["nosuch"], b""),
    # version
    (["version"], b""), (["version", "--json"], b""), (["version", "--help"], b""),
    (["version", "extra"], b""), (["version", "--json=1"], b""),
    # date
    (["date", "2025-01-29"], b""), (["date", "2025-01-29", "--json"], b""),
    (["date", "2025-01-01", "2025-12-31"], b""), (["date", "--json", "2025-12-31", "2025-01-01"], b""),
    (["date", "0001-01-01", "9999-12-31", "--json"], b""),
    (["date", "2025-02-30"], b""), (["date", "2025-1-x"], b""), (["date"], b""),
    (["date", "a", "b", "c"], b""), (["date", "--bogus"], b""), (["date", "--help"], b""),
    (["date", "--", "-1"], b""),
    # amount
    (["amount", "1.005.000"], b""), (["amount", "1005000đ", "--json"], b""),
    (["amount", "2.500.000 đồng", "--southern"], b""), (["amount", "15", "--dong", "--json"], b""),
    (["amount", "-2.000"], b""), (["amount", "1.000,5"], b""), (["amount", "1.5"], b""),
    (["amount", "87%", "--json"], b""), (["amount", "0"], b""), (["amount"], b""),
    (["amount", "--help"], b""),
    # refs
    (["refs"], REFS), (["refs"], b""), (["refs"], "Nghị định 61/2018/NĐ-CP\xff".encode() + b"\xff x"),
    (["refs", "--help"], b""), (["refs", "x"], b""),
    # normalize
    (["normalize"], "Uỷ ban nhân dân\nHOA\u0300 BÌNH\r\nkhoẻ".encode()),
    (["normalize", "--tone", "modern"], "thủy hòa\n".encode()),
    (["normalize", "--nfd"], "ệ\n".encode()), (["normalize", "--fold"], "Đoàn  Kết!\n".encode()),
    (["normalize", "--key"], "Hòa\nHoà\nĐào\n".encode()),
    (["normalize", "--from", "tcvn3"], TCVN3), (["normalize", "--from", "VNI", "--fold"], VNI),
    (["normalize", "--from", "viqr"], b"Vie^.t Nam\n"), (["normalize", "--from", "auto"], VNI),
    (["normalize", "--from", "auto"], TCVN3 + b"\n\n"), (["normalize", "--from", "auto"], b"ab\n"),
    (["normalize", "--from", "auto"], b"\xff\xfe\xfd\xfc\n"),
    (["normalize"], b"good\n\xff bad\nalso good\n"), (["normalize", "--from", "unicode"], b""),
    (["normalize", "--from", "latin1"], b""), (["normalize", "--tone", "x"], b""),
    (["normalize", "--nfc", "--nfd"], b""), (["normalize", "--fold", "--key"], b""),
    (["normalize", "--help"], b""), (["normalize", "arg"], b""),
    # holidays
    (["holidays", "2025"], b""), (["holidays", "2025", "--json"], b""),
    (["holidays", "2026", "--ics"], b""), (["holidays", "1990", "--json"], b""),
    (["holidays", "2030"], b""), (["holidays", "2025", "--culture-day", "--json"], b""),
    (["holidays", "2027", "--schedule", SCHED], b""),
    (["holidays", "2025", "--calendar", ICS, "--json"], b""),
    (["holidays", "2025", "--schedule", os.path.join(DATA, "bad_schedule.json")], b""),
    (["holidays", "2025", "--schedule", os.path.join(DATA, "nonexistent.json")], b""),
    (["holidays", "2025", "--calendar", DATA], b""),
    (["holidays", "1799"], b""), (["holidays", "20x5"], b""), (["holidays"], b""),
    (["holidays", "2025", "--json", "--ics"], b""), (["holidays", "--help"], b""),
    # workday
    (["workday", "2025-01-29"], b""), (["workday", "2025-01-29", "--json"], b""),
    (["workday", "2026-01-10"], b""), (["workday", "2025-06-07", "--json"], b""),
    (["workday", "2025-06-04"], b""), (["workday", "1700-01-01"], b""),
    (["workday", "2025-13-01"], b""), (["workday"], b""), (["workday", "--help"], b""),
    # workdays
    (["workdays", "2025-01-01", "2025-12-31"], b""),
    (["workdays", "2025-12-31", "2025-01-01", "--json"], b""),
    (["workdays", "--add", "5", "2025-01-24"], b""),
    (["workdays", "--add=-3", "2025-02-03", "--json"], b""),
    (["workdays", "--add", "0", "2025-01-29"], b""),
    (["workdays", "--add", "1000000", "2025-01-01"], b""),
    (["workdays", "--add", "x", "2025-01-01"], b""), (["workdays", "--add", "5"], b""),
    (["workdays", "2025-01-01"], b""), (["workdays", "1600-01-01", "1700-01-01"], b""),
    (["workdays", "--help"], b""),
    # lunar
    (["lunar", "2025-01-29"], b""), (["lunar", "2025-01-29", "--json"], b""),
    (["lunar", "1968-01-29", "--convention", "utc8"], b""),
    (["lunar", "--to-solar", "2025-06-01", "--leap"], b""),
    (["lunar", "--to-solar", "2025-06-01", "--leap", "--json"], b""),
    (["lunar", "--to-solar", "2025-01-01"], b""),
    (["lunar", "--to-solar", "2024-03-01", "--leap"], b""),
    (["lunar", "--to-solar", "2025-05-01", "--leap"], b""),
    (["lunar", "--to-solar", "2024-12-30"], b""), (["lunar", "--to-solar", "2025-13-01"], b""),
    (["lunar", "--to-solar", "2025-01-31"], b""), (["lunar", "--to-solar", "2025/01/01"], b""),
    (["lunar", "--to-solar", "9000-01-01"], b""),
    (["lunar", "--range", "2025-01-25", "2025-02-03", "--csv"], b""),
    (["lunar", "--range", "2025-02-03", "2025-01-25", "--csv"], b""),
    (["lunar", "--range", "1799-12-30", "1800-01-02", "--csv"], b""),
    (["lunar", "--range", "2025-01-01", "--csv"], b""),
    (["lunar", "--range", "2025-01-01", "2025-01-02", "--json"], b""),
    (["lunar", "--months", "2025"], b""), (["lunar", "--months", "2025", "--json"], b""),
    (["lunar", "--months", "1799"], b""), (["lunar", "--months", "2199", "--json"], b""),
    (["lunar", "--months", "1700"], b""), (["lunar", "--months", "x"], b""),
    (["lunar", "--terms", "2025"], b""), (["lunar", "--terms", "2025", "--json"], b""),
    (["lunar", "--terms", "3000"], b""), (["lunar", "1700-01-01"], b""),
    (["lunar", "--convention", "mars", "2025-01-01"], b""), (["lunar", "--leap", "2025-01-01"], b""),
    (["lunar", "--csv", "2025-01-01"], b""), (["lunar", "--months", "2025", "--terms", "2025"], b""),
    (["lunar", "--months", "2025", "2025-01-01"], b""), (["lunar"], b""),
    (["lunar", "--help"], b""),
    # deadline
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngày làm việc"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngày làm việc", "--explain"],
     b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngày làm việc", "--explain",
      "--vi"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngày làm việc", "--explain",
      "--json"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "05 ngày làm việc", "--explain",
      "--json", "--vi"], b""),
    (["deadline", "--received", "2025-04-25T10:00:30", "--limit", "0,5 ngày làm việc", "--json",
      "--explain"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "04 giờ làm việc", "--cutoff",
      "none", "--json"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "15 ngày", "--json",
      "--explain"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "01 tháng", "--json"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "Trong ngày", "--explain"], b""),
    (["deadline", "--received", "2025-01-24T14:10", "--limit", "03 ngày làm việc", "--cutoff",
      "14:00", "--same-time", "--json"], b""),
    (["deadline", "--received", "2025-01-24T23:50", "--limit", "01 ngày làm việc", "--cutoff",
      "24:00", "--json"], b""),
    (["deadline", "--received", "2025-06-02T07:30", "--limit", "02 ngày làm việc", "--hours",
      "07:00-11:30,13:30-17:00", "--explain", "--json"], b""),
    (["deadline", "--received", "2026-12-30T09:00", "--limit", "05 ngày làm việc", "--schedule",
      SCHED, "--explain"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "năm ngày"], b""),
    (["deadline", "--received", "2025-02-30T16:10", "--limit", "05 ngày làm việc"], b""),
    (["deadline", "--received", "2199-12-20T10:00", "--limit", "30 ngày làm việc"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "1 ngày làm việc", "--cutoff",
      "25:00"], b""),
    (["deadline", "--received", "2025-01-24T16:10", "--limit", "1 ngày làm việc", "--hours",
      "17:00-08:00"], b""),
    (["deadline", "--received", "2025-01-24T16:10"], b""),
    (["deadline", "--limit", "x", "extra"], b""),
    (["deadline", "--elapsed", "2025-01-24T16:10", "2025-02-10T10:00"], b""),
    (["deadline", "--elapsed", "2025-02-10T10:00", "2025-01-24T16:10", "--json"], b""),
    (["deadline", "--elapsed", "2025-01-24T16:10"], b""),
    (["deadline", "--batch"], BATCH), (["deadline", "--batch", "--cutoff", "none"], BATCH),
    (["deadline", "--batch", "--received", "2025-01-01T00:00"], b""),
    (["deadline", "--help"], b""),
    # catalog
    ([ "catalog", CAT, "search", "khai sinh"], b""), (["catalog", CAT, "search", "KHAI", "SINH",
                                                        "--json"], b""),
    (["catalog", CAT, "search", "zzzz", "--json"], b""),
    (["catalog", CAT, "list"], b""), (["catalog", CAT, "list", "--json", "--level", "commune"], b""),
    (["catalog", CAT, "list", "--online", "full"], b""),
    (["catalog", CAT, "list", "--field", "Hộ tịch", "--json"], b""),
    (["catalog", CAT, "list", "--level", "planet"], b""),
    (["catalog", CAT, "list", "--online", "maybe"], b""),
    (["catalog", CAT, "show", "1.001193"], b""), (["catalog", CAT, "show", "1.001193", "--json"],
                                                  b""),
    (["catalog", CAT, "show", "1.010803"], b""), (["catalog", CAT, "show", "1.010803", "--json"],
                                                  b""),
    (["catalog", CAT, "show", "1.001731"], b""), (["catalog", CAT, "show", "9.999999"], b""),
    (["catalog", CAT, "show", "1.0011"], b""),
    (["catalog", CAT, "plan", "1.001731", "--received", "2025-03-04T14:00"], b""),
    (["catalog", CAT, "plan", "1.001731", "--received", "2025-03-04T14:00", "--json"], b""),
    (["catalog", CAT, "plan", "1.001193", "--received", "2025-01-24T16:10"], b""),
    (["catalog", CAT, "plan", "1.001193", "--received", "2025-01-24T10:10", "--json"], b""),
    (["catalog", CAT, "plan", "1.010803", "--received", "2025-01-24T16:10"], b""),
    (["catalog", CAT, "plan", "1.010803", "--received", "2025-01-24T16:10", "--json",
      "--channel", "online", "--incomplete"], b""),
    (["catalog", CAT, "plan", "1.001731", "--received", "2025-03-04T15:30", "--cutoff", "16:00"],
     b""),
    (["catalog", CAT, "plan", "1.001731", "--received", "2025-03-04T15:30", "--cutoff", "none",
      "--json"], b""),
    (["catalog", CAT, "plan", "1.001731", "--received", "2025-03-04T15:30", "--cutoff", "1600"],
     b""),
    (["catalog", CAT, "plan", "1.001731", "--received", "2025-03-04T15:30", "--channel", "fax"],
     b""),
    (["catalog", CAT, "plan", "1.001731"], b""),
    (["catalog", CAT, "plan", "1.001731", "--received", "2025-03-32T15:30"], b""),
    (["catalog", CAT, "show", "1.001731", "--received", "2025-03-04T15:30"], b""),
    (["catalog", CAT, "search", "x", "--level", "commune"], b""),
    (["catalog", CAT, "frobnicate", "x"], b""), (["catalog", CAT, "search"], b""),
    (["catalog", CAT, "show"], b""), (["catalog", CAT, "list", "x"], b""), (["catalog"], b""),
    (["catalog", os.path.join(DATA, "bad_catalogs", "01-truncated.json"), "list"], b""),
    (["catalog", os.path.join(DATA, "nonexistent.json"), "list"], b""),
    (["catalog", "--help"], b""),
    # indicators
    (["indicators", MARCH, "--as-of", AS_OF], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--targets", TARGETS], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--targets", TARGETS, "--json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--by", "field,month", "--csv"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--by", "unit,month", "--targets", TARGETS,
      "--csv"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--by", "none", "--json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--by", "procedure", "--policy",
      "restart,multi-ok,by-instant", "--na-zero"], b""),
    (["indicators", MARCH, "--as-of", "2025-03-15T12:00", "--by", "unit,week", "--json"], b""),
    (["indicators", MIXED, "--as-of", AS_OF], b""),
    (["indicators", MIXED, "--as-of", AS_OF, "--skip-bad", "--json"], b""),
    (["indicators", MIXED, "--as-of", AS_OF, "--skip-bad"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--index766", TABLE, "--json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--targets", BAD_TARGETS], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--targets", "/nonexistent.json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--index766", "/nonexistent.json"], b""),
    (["indicators", KHAI_SINH, "--as-of", AS_OF, "--by", "field", "--catalog", CAT, "--json"],
     b""),
    (["indicators", KHAI_SINH, "--as-of", AS_OF, "--by", "field", "--json"], b""),
    (["indicators", KHAI_SINH, "--catalog", "/nonexistent.json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--csv", "--by", "unit,month"],
     b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--by", "procedure", "--json"],
     b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--external", EXTERNAL,
      "--json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--external", EXTERNAL], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--external", BAD_EXTERNAL], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--external", SYNTAX_EXTERNAL], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--external", "/nonexistent.json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--level", "commune",
      "--one-stop-all", "yes", "--json"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--one-stop-all=no"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--level", "province",
      "--csv"], b""),
    (["indicators", MARCH, "--as-of", AS_OF, "--catalog", CAT, "--level", "district",
      "--one-stop-all", "yes", "--by", "procedure", "--json"], b""),
    (["indicators", MARCH, "--catalog", CAT, "--level", "planet"], b""),
    (["indicators", MARCH, "--catalog", CAT, "--one-stop-all", "maybe"], b""),
    (["indicators", MARCH, "--catalog", CAT, "--one-stop-all", "YES", "--level", "x"], b""),
    (["indicators", MARCH, "--level", "commune"], b""),
    (["indicators", MARCH, "--one-stop-all", "yes"], b""),
    (["indicators", MARCH, "--catalog", CAT, "--level"], b""),
    (["indicators"], b""), (["indicators", MARCH, "--by", "colour"], b""),
    (["indicators", MARCH, "--by", "month,year"], b""),
    (["indicators", MARCH, "--json", "--csv"], b""),
    (["indicators", MARCH, "--policy", "lenient"], b""),
    (["indicators", "/nonexistent.csv", "--as-of", AS_OF], b""),
    (["indicators", MARCH, "--as-of", "31/03/2025"], b""), (["indicators", "--help"], b""),
    # dossier
    (["dossier", MARCH, "000.00.02.H26-250318-0001", "--as-of", AS_OF], b""),
    (["dossier", MARCH, "000.00.03.H26-250305-0001", "--as-of", AS_OF, "--json"], b""),
    (["dossier", MARCH, "000.00.03.H26-250305-0001", "--as-of", AS_OF], b""),
    (["dossier", MARCH, "000.00.03.H26-250305-0001", "--as-of", AS_OF, "--multi-ok",
      "--restart", "--by-instant"], b""),
    (["dossier", MARCH, "000.00.01.H26-250325-0001", "--as-of", AS_OF, "--json"], b""),
    (["dossier", MARCH, "000.00.01.H26-250303-0001", "--as-of", "2025-03-03T12:00"], b""),
    (["dossier", MIXED, "x", "--as-of", AS_OF], b""), (["dossier", MIXED, "z"], b""),
    (["dossier", MARCH, "000.00.09.H26-250101-0001"], b""),
    (["dossier", MARCH, "000.00.01.H26-250325-0001", "--as-of", "2025-01-01"], b""),
    (["dossier", "/nonexistent.csv", "x"], b""), (["dossier", MARCH], b""),
    (["dossier", "--help"], b""),
    # reconcile
    (["reconcile", SYSTEM, REGISTER], b""), (["reconcile", SYSTEM, SYSTEM], b""),
    (["reconcile", SYSTEM, REGISTER, "--json"], b""),
    (["reconcile", SYSTEM, REGISTER, "--fields", "due", "--json"], b""),
    (["reconcile", SYSTEM, REGISTER, "--instants", "--json"], b""),
    (["reconcile", SYSTEM, REGISTER, "--fields", "due,unit"], b""),
    (["reconcile", SYSTEM, MIXED], b""), (["reconcile", SYSTEM, MIXED, "--skip-bad"], b""),
    (["reconcile", NOCODE, SYSTEM, "--skip-bad", "--json"], b""), (["reconcile", NOCODE, SYSTEM], b""),
    (["reconcile", SYSTEM, "/nonexistent.csv"], b""),
    (["reconcile", SYSTEM, REGISTER, "--fields", "x"], b""), (["reconcile", SYSTEM], b""),
    (["reconcile", "--help"], b""),
]


def run_c(args, stdin):
    r = subprocess.run([CLI, *args], input=stdin, capture_output=True)
    return r.returncode, r.stdout, r.stderr


def run_py(args, stdin):
    """Run tthc.cli.main in this process with stdin/stdout/stderr replaced."""
    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8")
    try:
        rc = cli.main(args)
    finally:
        for s in (sys.stdout, sys.stderr):
            s.flush()
        got = out.getvalue(), err.getvalue()
        sys.stdin, sys.stdout, sys.stderr = saved
    return (rc, *got)


class CliParityTest(unittest.TestCase):
    maxDiff = 4000

    def check(self, args, stdin, runner=run_py):
        c, p = run_c(args, stdin), runner(args, stdin)
        what = " ".join(["tthc", *args])
        self.assertEqual(p[0], c[0], f"exit status of {what}\nstderr: {p[2]!r}")
        self.assertEqual(p[1].decode("utf-8", "replace"), c[1].decode("utf-8", "replace"),
                         f"stdout of {what}")
        self.assertEqual(p[2].decode("utf-8", "replace"), c[2].decode("utf-8", "replace"),
                         f"stderr of {what}")

    def test_cases(self):
        for args, stdin in CASES:
            with self.subTest(args=args):
                self.check(args, stdin)

    def test_every_subcommand_is_covered(self):
        names = {name for name, _ in cli.COMMANDS}
        self.assertEqual(names, {args[0] for args, _ in CASES if args and args[0] in names})

    def test_commands_match_commands_def(self):
        src = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "examples", "tthc",
                           "commands.def")
        with open(src, encoding="utf-8") as f:
            rows = [line for line in f if line.startswith("X(")]
        want = [(r.split(",")[0][2:], r.split('"')[1]) for r in rows]
        self.assertEqual(list(cli.COMMANDS), want)

    def test_python_m_tthc(self):
        """The module runs as `python3 -m tthc`: exit status, output, a quiet broken pipe."""
        def run_module(args, stdin):
            r = subprocess.run([sys.executable, "-m", "tthc", *args], input=stdin,
                               capture_output=True)
            return r.returncode, r.stdout, r.stderr
        for args, stdin in ((["--help"], b""), (["date", "2025-02-30"], b""), (["date"], b""),
                            (["deadline", "--batch"], BATCH),
                            (["indicators", "-", "--as-of", AS_OF, "--skip-bad", "--json"],
                             (GOOD + BAD_LINE + GOOD).encode()),
                            (["normalize", "--from", "tcvn3"], TCVN3)):
            with self.subTest(args=args):
                self.check(args, stdin, run_module)
        p = subprocess.Popen([sys.executable, "-m", "tthc", "lunar", "--range", "1800-01-01",
                              "2199-12-31", "--csv"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        p.stdout.readline()
        p.stdout.close()
        self.assertEqual(p.stderr.read(), b"")
        p.stderr.close()
        p.wait()


if __name__ == "__main__":
    unittest.main()
