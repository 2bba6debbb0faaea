"""``python3 -m tthc dossier | indicators | reconcile``: dossier files as the C command reads
them — one dossier's timeline and status, a report of service indicators, the comparison of
two records — with the same options and output.

>>> import os
>>> path = os.path.join(os.environ["TTHC_TEST_DATA"], "dossiers_2025_03.csv")
>>> indicators([path, "--as-of", "2025-03-31T23:59:59", "--by", "none", "--csv"]) or None
... # doctest: +ELLIPSIS
unit,field,procedure,period,received,accepted,...
"""
import datetime as _dt
import json
import math
import os
import re
import sys
import time

from . import dossier as _dossier
from . import indicator as _ind
from . import procedure as _procedure
from ._lib import Error
from .cli import (BAD_INPUT, OK, USAGE, _CAL_HELP, _CAL_TABLE, _cal_build_span, _cdiv,
                  _input_error, _options, _out, _parse_datetime, _print_json, _status_error,
                  _usage_error)
from .date import format_datetime, to_day_number
from .text import format_number

__all__ = ["dossier", "indicators", "reconcile"]

_STOP = (2, 11)  # ENOMEM, EIO: reading cannot go on


def _as_of(cmd, arg):
    """(exit code, report instant) from --as-of (default: now, in Vietnam time)."""
    if arg is None:
        return OK, _dt.datetime.fromtimestamp(int(time.time()), _dt.timezone.utc)
    t = _parse_datetime(cmd, arg)
    return (OK, t) if t is not None else (BAD_INPUT, None)


def _llround(x):
    return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)


def _records(cmd, path, on_error):
    """The dossiers of ``path``; ``on_error(exc)`` gets every unreadable record and returns
    True to go on. Raises Error when the file cannot be opened or read."""
    def bad(exc):
        if not on_error(exc):
            raise _Stop()
    return _dossier.read_dossiers(path, errors=bad)


class _Stop(Exception):
    """Reading stops at a bad record (its message is already printed)."""


# ---- dossier --------------------------------------------------------------------------------

_DOSSIER_HELP = (
    "usage: tthc dossier FILE CODE [--as-of DATETIME] [--by-instant] [--restart] [--multi-ok]\n"
    "                   [--json]\n"
    "The timeline of the dossier CODE in FILE (JSON Lines, or CSV for *.csv) and its status\n"
    "at the report instant (default: now): state, early / on time / late or on track /\n"
    "overdue, due instant, time used (working time on the national calendar), pauses and\n"
    "supplementation, and whether an apology is owed.\n"
    "  --by-instant  early means before the due instant (default: before the due date)\n"
    "  --restart     supplementation restarts the time limit (default: subtracted, 766)\n"
    "  --multi-ok    more than one supplementation request is not late by itself\n" + _CAL_HELP)
_CHANNEL_TEXT = {"direct": "trực tiếp", "online": "trực tuyến", "postal": "bưu chính"}
_RETURN_TEXT = {"counter": "at the counter", "post": "by post"}


def _t(t):
    """An instant as the plain output writes it ("-" for none)."""
    return "-" if t is None else format_datetime(t, seconds=bool(t.second))


def _span(td, days):
    """"2 d 03 h 10 min" of calendar time, "11 h 05 min" of working time."""
    m = _cdiv(int(td.total_seconds()), 60)[0]
    if days and m >= 24 * 60:
        return f"{m // 1440} d {m // 60 % 24:02d} h {m % 60:02d} min"
    h, mi = _cdiv(m, 60)
    return f"{h} h {mi:02d} min"


def _find(path, code):
    """(exit code, dossier or None, whether some records could not be read)."""
    bad = []

    def on_error(exc):
        bad.append(exc)
        return True
    try:
        for d in _records("dossier", path, on_error):
            if d.code == code:
                return OK, d, bool(bad)
    except Error as e:
        return _status_error("dossier", e), None, bool(bad)
    return OK, None, bool(bad)


def _dossier_text(d, s, as_of):
    head = f"Hồ sơ {d.code}"
    if d.procedure:
        head += f" — thủ tục {d.procedure}"
    if d.unit:
        head += f" — {d.unit}"
    if d.field:
        head += f" ({d.field})"
    _out(f"{head} — {_CHANNEL_TEXT.get(d.channel, 'kênh không rõ')}")
    _out(f"  {_t(d.received_at):<19} Nhận hồ sơ (received)")
    for e in d:
        line = f"  {_t(e.at):<19} {e.label_vi} ({e.kind})"
        if e.due is not None:
            line += f", hẹn trả {_t(e.due)}"
        if e.kind == "apology" and "late" in e.flags:
            line += ", LESS than a day before the due date"
        if "electronic" in e.flags:
            line += ", electronic"
        if "digitised" in e.flags:
            line += ", digitised"
        if e.kind == "result_returned" and e.channel:
            line += ", " + _RETURN_TEXT.get(e.channel, "electronically")
        if e.kind == "paid_online":
            line += f", gateway {e.channel or 0}"
        if e.text:
            line += f": {e.text}"
        _out(line)
    _out(f"Status at {_t(as_of)}: {s.state} — {s.category_vi} ({s.category})")
    if s.due is not None:
        line = f"  due {_t(s.due)}"
        if s.appointment != s.due:
            line += f" (appointment {_t(s.appointment)}, moved by the time the clock stood still)"
        _out(line)
    elif s.accepted_at is not None:
        _out("  no due instant (no appointment on record and no statutory limit)")
    if s.finished_at is not None:
        _out(f"  end of processing {_t(s.finished_at)}")
    if s.accepted_at is not None:
        line = f"  time used {_span(s.used, True)}"
        if s.working is not None:
            line += f" (working time {_span(s.working, False)}"
        if s.budget is not None and s.budget.total_seconds() > 0:
            line += f" of {_span(s.budget, False)} allowed"
        if s.working is not None:
            line += ")"
        _out(line)
    if s.pauses or s.supplement_rounds:
        _out(f"  paused {s.pauses} time(s), {_span(s.paused, True)}; supplementation "
             f"{s.supplement_rounds} round(s), {_span(s.supplementation, True)}")
    apology = ("none" if not s.apology_issued else "issued in time" if s.apology_in_time
               else "issued LATE")
    _out(f"  apology: {apology}; owed: {'YES' if s.apology_owed else 'no'}")
    return OK


def _dossier_json(d, s, as_of):
    def t(v):
        return None if v is None else format_datetime(v, seconds=True)

    def secs(v):
        return int(v.total_seconds())
    status = {"as_of": t(as_of), "state": s.state, "category": s.category,
              "category_vi": s.category_vi, "accepted_at": t(s.accepted_at),
              "original_due": t(s.original_due), "appointment": t(s.appointment), "due": t(s.due),
              "finished_at": t(s.finished_at), "used_seconds": secs(s.used),
              "working_seconds": None if s.working is None else secs(s.working),
              "budget_seconds": None if s.budget is None else secs(s.budget),
              "paused_seconds": secs(s.paused), "supplement_seconds": secs(s.supplementation),
              "supplement_rounds": s.supplement_rounds, "pauses": s.pauses,
              "apology_issued": s.apology_issued, "apology_in_time": s.apology_in_time,
              "apology_owed": s.apology_owed}
    return _print_json({"dossier": json.loads(d.to_json()), "status": status})


def dossier(args):
    """Run ``tthc dossier`` with ``args``; returns the exit status."""
    cmd = "dossier"
    o = _options(cmd, args, (("--json", False), ("--as-of", True), ("--by-instant", False),
                           ("--restart", False), ("--multi-ok", False)) + _CAL_TABLE, 2,
                 _DOSSIER_HELP)
    if isinstance(o, int):
        return o
    if len(o.pos) != 2:
        return _usage_error(cmd, "expected FILE and CODE (see tthc dossier --help)")
    rc, as_of = _as_of(cmd, o.as_of)
    if rc != OK:
        return rc
    path, code = o.pos
    rc, d, some_bad = _find(path, code)
    if rc != OK:
        return rc
    if d is None:
        return _input_error(cmd, f"no dossier '{code}' in {path}"
                                 + (" (some records could not be read)" if some_bad else ""))
    rc, cal = _cal_build_span(cmd, to_day_number(d.received_at) - 31,
                              to_day_number(_local(as_of)) + 366, o)
    if rc != OK:
        return rc
    policy = [n for n, on in (("by_instant", o.by_instant), ("restart", o.restart),
                              ("multi_ok", o.multi_ok)) if on]
    with cal:
        try:
            s = d.status(as_of, policy, calendar=cal)
        except Error as e:
            if e.name == "ERANGE" and _local(as_of) < d.received_at:
                return _input_error(cmd, "--as-of is before the dossier's receipt")
            return _status_error(cmd, e)
    as_of = _local(as_of)
    return _dossier_json(d, s, as_of) if o.json else _dossier_text(d, s, as_of)


def _local(t):
    """A naive Vietnam-time datetime of ``t`` (aware instants are converted)."""
    from .date import from_seconds, to_seconds
    return from_seconds(to_seconds(t))


# ---- reconcile ------------------------------------------------------------------------------

_RECONCILE_HELP = (
    "usage: tthc reconcile A B [--instants] [--fields F,...] [--skip-bad] [--json]\n"
    "Compare two records of the same dossiers, matched by dossier code: A (e.g. the one-stop\n"
    "system's export) and B (e.g. the paper tracking book), each JSON Lines or CSV (*.csv;\n"
    "the portal's column names such as MaHoSo, NgayTiepNhan, NgayHenTra are accepted).\n"
    "Lists the codes in one record only, codes written twice, and fields that disagree.\n"
    "Dates are compared unless --instants. Procedure, unit, field and channel are not\n"
    "compared when one side leaves them empty.\n"
    "  --fields F,... compare only these: procedure, unit, field, channel, received,\n"
    "                accepted, due, result, returned, refused, withdrawn, state")


def _reconcile_load(recon, side, path, skip_bad, bad):
    """Add every dossier of ``path`` to one side; returns an exit code."""
    count = [0]

    def report(msg, status):
        _input_error("reconcile", f"{path}: {msg}")
        if not skip_bad or status in _STOP:
            return False
        bad[0] += 1
        return True

    def on_error(exc):
        count[0] += 1
        return report(str(exc), exc.status)
    try:
        for d in _records("reconcile", path, on_error):
            count[0] += 1
            try:
                recon.add(side, d)
            except Error as e:
                msg = f"record {count[0]} has no dossier code" if e.name == "EINVAL" else str(e)
                if not report(msg, e.status):
                    return BAD_INPUT
    except _Stop:
        return BAD_INPUT
    except Error as e:
        return _status_error("reconcile", e)
    return OK


def reconcile(args):
    """Run ``tthc reconcile`` with ``args``; returns the exit status."""
    cmd = "reconcile"
    o = _options(cmd, args, (("--json", False), ("--instants", False), ("--fields", True),
                           ("--skip-bad", False)), 2,
                 _RECONCILE_HELP)
    if isinstance(o, int):
        return o
    if len(o.pos) != 2:
        return _usage_error(cmd, "expected two files A and B (see tthc reconcile --help)")
    fields = []
    for f in (o.fields.split(",") if o.fields else ()):
        if f not in _ind.Reconciliation.FIELDS:
            return _usage_error(cmd, f"--fields: unknown field '{f}'")
        fields.append(f)
    recon, bad = _ind.Reconciliation(o.instants, fields), [0]
    for side in (0, 1):
        rc = _reconcile_load(recon, side, o.pos[side], o.skip_bad, bad)
        if rc != OK:
            return rc
    diffs = recon.differences()
    kinds = {k: sum(1 for x in diffs if x.kind == k)
             for k in ("only_a", "only_b", "mismatch", "duplicate")}
    items = []
    for x in diffs:
        if o.json:
            item = {"kind": x.kind, "code": x.code}
            if x.kind == "mismatch":
                item.update(field=x.field, a=x.a, b=x.b)
            if x.kind == "duplicate":
                item["side"] = x.field
            items.append(item)
        elif x.kind == "only_a":
            _out(f"{x.code}: only in A ({o.pos[0]})")
        elif x.kind == "only_b":
            _out(f"{x.code}: only in B ({o.pos[1]})")
        elif x.kind == "duplicate":
            _out(f"{x.code}: written more than once in {x.field}")
        else:
            _out(f"{x.code}: {x.field} differs: A {x.a or '(none)'}, B {x.b or '(none)'}")
    na, nb = recon.counts()
    if o.json:
        return _print_json({"a": na, "b": nb, "only_a": kinds["only_a"],
                            "only_b": kinds["only_b"], "mismatches": kinds["mismatch"],
                            "duplicates": kinds["duplicate"], "unreadable": bad[0],
                            "differences": items})
    _out(f"A: {na} dossiers, B: {nb} dossiers; {kinds['only_a']} only in A, {kinds['only_b']} "
         f"only in B, {kinds['duplicate']} duplicated, {kinds['mismatch']} field differences"
         + (" — the records agree" if not diffs else ""))
    return OK


# ---- indicators -----------------------------------------------------------------------------

_INDICATORS_HELP = (
    "usage: tthc indicators FILE... [--by KEYS] [--as-of DATETIME] [--catalog FILE]\n"
    "                       [--targets FILE] [--index766 FILE] [--external FILE]\n"
    "                       [--level L] [--one-stop-all yes|no] [--policy P]\n"
    "                       [--skip-bad] [--na-zero] [--threads N] [--json|--csv]\n"
    "Service indicators over dossier files (JSON Lines, or CSV for *.csv; '-' reads JSON\n"
    "Lines from standard input): counts, rates (N/A when there is no dossier of the kind),\n"
    "processing time in working hours, the TT 01/2018 evaluation, the 766 index with ranks\n"
    "(among groups that differ only in the unit) and targets.\n"
    "  --by KEYS      comma list of unit, field, procedure and one of day, week, month,\n"
    "                 quarter, year (default: unit; 'none' for one group)\n"
    "  --as-of T      report instant (default: now); dossiers are classified at T\n"
    "  --catalog F    procedure catalog (JSON) for fields, limits, fees, 4-at-place; also\n"
    "                 TT 01/2018 indices 5 and 9 and 766 indicators 1.3, 3.1, 3.2, 3.5\n"
    "  --targets F    target set (JSON), e.g. {\"targets\":[{\"rate\":\"online\",\"min\":0.85}]}\n"
    "  --index766 F   766 point table (JSON) replacing the built-in defaults\n"
    "  --external F   766 rates not in dossiers (JSON), e.g. {\"1.4\": 0.97, \"3.5\": \"80%\"}\n"
    "  --level L      with --catalog: the unit's level (central, province, district,\n"
    "                 commune): its procedures are the catalog's records of that level\n"
    "                 (default: the whole catalog)\n"
    "  --one-stop-all yes|no\n"
    "                 with --catalog: did the One-stop receive and return every dossier\n"
    "                 of its procedures? Scores TT 01/2018 index 5 (1 or 0) when too few\n"
    "                 procedures are fully handled at the counter (default: not known)\n"
    "  --policy P     by-instant, restart, multi-ok (comma list; see docs/dossier.md)\n"
    "  --skip-bad     report malformed records on stderr and go on (default: stop)\n"
    "  --na-zero      766: score indicators without data 0 of their points\n"
    "  --threads N    read and aggregate in N threads (default 1; 0: one per online CPU);\n"
    "                 the output is the same\n" + _CAL_HELP +
    "Working time is counted on the national calendar (08:00-12:00, 13:00-17:00).\n"
    "When stderr is a terminal, a progress line shows after a second of reading\n"
    "(TTHC_PROGRESS=1 forces it, TTHC_PROGRESS=0 turns it off; see docs/cli.md).")
_BY = ("unit", "field", "procedure")
_PERIODS = ("day", "week", "month", "quarter", "year")
_SHOWN = ("on_time_766", "online", "paid_online", "digitised", "e_result", "same_day",
          "satisfaction_766")


def _parse_by(arg):
    """The ``by`` names of --by, or None after a usage error."""
    if arg in ("none", ""):
        return []
    names, period = [], None
    for key in arg.split(","):
        if key not in _BY + _PERIODS:
            _usage_error("indicators", f"--by: unknown key '{key}' (unit, field, procedure, day, "
                                       "week, month, quarter, year)")
            return None
        if key in _PERIODS:
            if period and period != key:
                _usage_error("indicators", "--by: give at most one period")
                return None
            period = key
        if key not in names:
            names.append(key)
    return names


def _parse_policy(arg):
    out = []
    for p in arg.split(",") if arg else ():
        if p not in ("by-instant", "restart", "multi-ok"):
            _usage_error("indicators", f"--policy: unknown '{p}' (by-instant, restart, multi-ok)")
            return None
        out.append(p.replace("-", "_"))
    return out


def _parse_eval_policy(o):
    """--level and --one-stop-all as keywords of Group.evaluate, or None after a usage error."""
    if (o.level is not None or o.one_stop_all is not None) and o.catalog is None:
        _usage_error("indicators", ("--level" if o.level is not None else "--one-stop-all")
                     + " needs --catalog")
        return None
    if o.level is not None and o.level not in ("central", "province", "district", "commune"):
        _usage_error("indicators", f"--level: unknown level '{o.level}' (central, province, "
                                   "district, commune)")
        return None
    if o.one_stop_all is not None and o.one_stop_all not in ("yes", "no"):
        _usage_error("indicators", f"--one-stop-all: expected yes or no, not '{o.one_stop_all}'")
        return None
    return {"level": o.level,
            "one_stop_all": None if o.one_stop_all is None else o.one_stop_all == "yes"}


def _read_json_file(path, what):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        _input_error("indicators", f"cannot read {what} file '{path}'")
        return None


class _Progress:
    """The progress line of a long read, under the C command's rules (docs/cli.md): when
    stderr is a terminal or TTHC_PROGRESS=1 (0: never), after TTHC_PROGRESS_DELAY seconds
    (default 1), every quarter of a second, erased before any other message, ended by a final
    line with the totals. It shows files, records and records/s (not the bytes: the reader
    does not expose them)."""

    def __init__(self, nfiles):
        env = os.environ.get("TTHC_PROGRESS")
        self.on = env == "1" or (env != "0" and _isatty(sys.stderr))
        delay = 1.0
        try:
            v = float(os.environ.get("TTHC_PROGRESS_DELAY", ""))
            if 0 <= v < 1e6:
                delay = v
        except ValueError:
            pass
        self.t0 = time.monotonic()
        self.first = self.next = self.t0 + delay
        self.nfiles, self.files, self.total, self.width = nfiles, 0, 0, 0

    def tick(self, count=True):
        """Count a record (or a finished file: count=False) and refresh the line if due."""
        if count:
            self.total += 1
            if self.total & 1023:
                return
        if self.on and time.monotonic() >= self.next:
            self._show(False)

    def _show(self, final):
        t = time.monotonic()
        rate = self.total / (t - self.t0) if t > self.t0 else 0.0
        line = (f"tthc indicators: {self.files}/{self.nfiles} files, {self.total} records, "
                f"{rate:.0f} records/s")
        sys.stderr.write("\r" + line + " " * max(0, self.width - len(line)))
        if final:
            sys.stderr.write("\n")
        self.width = 0 if final else len(line)
        sys.stderr.flush()
        self.next = t + 0.25

    def clear(self):
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            self.width = 0

    def end(self, ok):
        if ok and self.on and (self.width or time.monotonic() >= self.first):
            self._show(True)
        else:
            self.clear()


def _isatty(f):
    try:
        return f.isatty()
    except (AttributeError, ValueError):
        return False


def _parse_threads(arg):
    """The number of threads of --threads (checked as the C command does; the twin reads
    sequentially, with the same output), or None after a usage error."""
    if not re.fullmatch(r"[0-9]{1,4}", arg) or int(arg) > 1024:
        _usage_error("indicators", "--threads: expected a whole number from 0 to 1024 (0: one "
                                   f"per online CPU), got '{arg}'")
        return None
    return int(arg) or (os.cpu_count() or 1)


def _read_inputs(files, agg, skip_bad):
    """(exit code, unreadable records) after adding every dossier of ``files``."""
    progress, bad = _Progress(len(files)), [0]
    rc = _read_files(files, agg, skip_bad, progress, bad)
    progress.end(rc == OK)
    return rc, bad[0]


def _read_files(files, agg, skip_bad, progress, bad):
    for path in files:
        def report(msg, status, path=path):
            progress.total += 1
            progress.clear()
            _input_error("indicators", f"{path}: {msg}")
            if not skip_bad or status in _STOP:
                return False
            bad[0] += 1
            return True
        try:
            for d in _records("indicators", path, lambda e: report(str(e), e.status)):
                try:
                    agg.add(d)
                except Error as e:
                    if not report(str(e), e.status):
                        return BAD_INPUT
                    continue
                progress.tick()
        except _Stop:
            return BAD_INPUT
        except Error as e:
            progress.clear()
            return _status_error("indicators", e)
        progress.files += 1
        progress.tick(count=False)
    return OK


class _Report:
    """The groups of an aggregate with their 766 scores and ranks among peers."""

    def __init__(self, agg, by, table, targets, na_zero, catalog=None, by_proc=None,
                 external=None, policy=None):
        self.agg, self.by, self.targets, self.catalog = agg, by, targets, catalog
        self.policy = policy or {}  # --level, --one-stop-all
        self.groups = agg.groups
        self.scores = [g.score766(table, external=external, na_zero=na_zero, catalog=catalog,
                                  by_procedure=by_proc if catalog is not None else None,
                                  level=self.policy.get("level"))
                       for g in self.groups]
        self.checks = [g.check(targets) if targets else [] for g in self.groups]
        self.rank, self.rank_n = [0] * len(self.groups), [0] * len(self.groups)
        dim = next((k for k in _BY if k in by), "procedure")
        done = [False] * len(self.groups)
        for i, gi in enumerate(self.groups):
            if done[i]:
                continue
            peers = [j for j in range(i, len(self.groups)) if not done[j] and all(
                k == dim or getattr(gi, k) == getattr(self.groups[j], k) for k in _BY)
                and gi.period_start == self.groups[j].period_start]
            ranks = _ind.rank([self.scores[j].share if self.scores[j].max > 0 else math.nan
                               for j in peers])
            for j, r in zip(peers, ranks):
                done[j], self.rank[j], self.rank_n[j] = True, r, len(peers)


def _points(v):
    return format_number(_dec(_llround(v * 100), 2))


def _dec(units, scale):
    import decimal
    return decimal.Decimal(units).scaleb(-scale)


def _duration(seconds):
    """"14 h 05 min" of a number of seconds."""
    h, mi = _cdiv(_llround(seconds / 60), 60)
    return f"{h} h {mi:02d} min"


def _title(g):
    parts = [p for p in (g.unit, g.field, g.procedure, g.period or "") if p]
    return " · ".join(parts) if parts else "All dossiers"


def _fmt_rate(r):
    """A rate as the report writes it ("87,03%", "N/A"), "?" when it cannot be written (a
    share above 100 %)."""
    try:
        return r.format(2)
    except Error:
        return "?"


def _bound_rate(bound):
    return _ind.Rate(_llround(bound * 1e6), 1000000, bound, True)


def _indicators_text(rp, as_of, bad):
    n = len(rp.groups)
    line = (f"Indicators as of {format_datetime(as_of, seconds=True)} — {n} "
            f"group{'' if n == 1 else 's'}")
    sk = rp.agg.skipped
    if sum(sk.values()) + bad:
        line += (f" (left out: {sk['test']} test, {sk['cancelled']} cancelled, {sk['future']} "
                 f"received after the report instant, {sk['error'] + bad} errors"
                 + (", unreadable records included" if bad else "") + ")")
    _out(line)
    for i, g in enumerate(rp.groups):
        _out(f"\n{_title(g)}")
        s = rp.scores[i]
        if s.max > 0:
            grade = _ind.GRADES_VI[_ind.GRADES.index(s.grade)]
            _out(f"  766 index: {_points(s.total)} / {_points(s.max)} points = "
                 f"{_ind.format_percent(s.share, 2)} ({grade}), "
                 f"rank {_ind.format_rank(rp.rank[i], rp.rank_n[i])}")
        c = g.counts
        _out(f"  received {c['received']}, accepted {c['accepted']}, pending {c['pending']}; "
             f"resolved {c['resolved']} (early {c['early']}, on time {c['on_time']}, late "
             f"{c['late']}); in progress {c['in_progress']} (overdue {c['overdue']}); refused "
             f"{c['refused']}; withdrawn {c['withdrawn']}")
        if c["paused"] + c["supplemented"] + c["apology_issued"] + c["apology_owed"]:
            _out(f"  paused {c['paused']}, supplemented {c['supplemented']} (more than once "
                 f"{c['multi_supplement']}), apologies {c['apology_issued']} (late "
                 f"{c['apology_late']}), apologies owed {c['apology_owed']}")
        _out(" " + ";".join(f" {name} {_fmt_rate(g.rate(name))}" for name in _SHOWN))
        ts = g.time
        if ts.count:
            line = (f"  processing time ({'working' if ts.working else 'calendar'}): {ts.count} "
                    f"resolved, mean {_duration(ts.mean)}, median {_duration(ts.median)}"
                    + ("" if ts.median_exact else " (binned)"))
            if ts.used_share.applicable:
                line += f", {_fmt_rate(ts.used_share)} of the time allowed"
            _out(line)
        e = g.evaluate(rp.catalog, **rp.policy)
        if e.indices:
            _out(f"  TT 01/2018 evaluation: {format_number(_dec(round(e.total * 10), 1))} over "
                 f"{e.indices} indices ({_ind.GRADES_VI[_ind.GRADES.index(e.grade)]})")
        for tc in rp.checks[i]:
            op = "≤" if tc.kind == "max" else "≥"
            b = _fmt_rate(_bound_rate(tc.bound))
            if tc.passed is None:
                _out(f"  target {tc.rate} {op} {b}: not applicable")
            else:
                _out(f"  target {tc.rate} {op} {b}: {_fmt_rate(tc.actual)}, "
                     f"{'met' if tc.passed else 'MISSED'} ({'margin' if tc.passed else 'short by'}"
                     f" {_points(abs(tc.gap) * 100)} points)")


def _rate_json(r):
    return {"num": r.num, "den": r.den, "value": float(r.value) if r.applicable else None,
            "percent": _fmt_rate(r)}


def _indicators_json(rp, as_of, bad):
    sk = rp.agg.skipped
    groups = []
    for i, g in enumerate(rp.groups):
        o = {key: getattr(g, key) for key in _BY if key in rp.by}
        if any(p in rp.by for p in _PERIODS):
            o["period"] = g.period or ""
        o["counts"] = g.counts
        o["rates"] = {name: _rate_json(r) for name, r in g.rates.items()}
        ts = g.time
        o["time"] = {"unit": "working_seconds" if ts.working else "calendar_seconds",
                     "count": ts.count, "sum": ts.sum, "mean": float(ts.mean),
                     "median": float(ts.median), "median_exact": ts.median_exact,
                     "median_lo": ts.median_lo, "median_hi": ts.median_hi, "min": ts.min,
                     "max": ts.max, "used_share": _rate_json(ts.used_share)}
        e = g.evaluate(rp.catalog, **rp.policy)
        o["tt01_2018"] = {"indices": [None if x is None else float(x) for x in e.scores],
                          "sources": list(e.sources), "total": float(e.total),
                          "with_data": e.indices, "grade": e.grade}
        s = rp.scores[i]
        o["index766"] = {"points": float(s.total), "max": float(s.max), "share": float(s.share),
                         "percent": _ind.format_percent(s.share, 2), "grade": s.grade,
                         "rank": rp.rank[i],
                         "rank_text": _ind.format_rank(rp.rank[i], rp.rank_n[i]) if s.max > 0
                         else "",
                         "groups": {k: {"points": float(p), "max": float(m)}
                                    for k, (p, m) in s.groups.items()},
                         "times_applied": list(s.times_applied),
                         "times_missing": list(s.times_missing)}
        o["targets"] = [{"rate": tc.rate, "kind": tc.kind, "bound": float(tc.bound),
                         "actual": _rate_json(tc.actual), "pass": tc.passed,
                         "gap": None if tc.passed is None else float(tc.gap)}
                        for tc in rp.checks[i]]
        groups.append(o)
    return _print_json({"as_of": format_datetime(as_of, seconds=True),
                        "skipped": {"test": sk["test"], "cancelled": sk["cancelled"],
                                    "future": sk["future"], "error": sk["error"],
                                    "unreadable": bad},
                        "groups": groups})


def _csv_text(s):
    if any(c in s for c in ",\"\n\r"):
        return '"' + s.replace('"', '""') + '"'
    return s


def _indicators_csv(rp):
    head = ["unit,field,procedure,period"] + list(_ind.COUNTS) + list(_ind.RATES)
    head.append("time_count,time_mean,time_median,time_median_exact,time_used_share,tt01_total,"
                "tt01_grade,index766_points,index766_max,index766_share,index766_grade,rank")
    first = rp.checks[0] if rp.checks else []
    n_targets = len(rp.targets) if rp.targets else 0
    for t in range(n_targets):
        tc = first[t] if first else None
        head.append(f"target_{tc.rate if tc else _ind.RATES[0]}_{tc.kind if tc else 'min'}")
    _out(",".join(head))
    for i, g in enumerate(rp.groups):
        row = [_csv_text(g.unit), _csv_text(g.field), _csv_text(g.procedure), g.period or ""]
        c = g.counts
        row += [str(c[name]) for name in _ind.COUNTS]
        row += ["%.6f" % r.value if r.applicable else "" for r in g.rates.values()]
        ts = g.time
        row += [str(ts.count), "%.1f" % ts.mean, "%.1f" % ts.median, str(int(ts.median_exact)),
                "%.6f" % ts.used_share.value if ts.used_share.applicable else ""]
        e = g.evaluate(rp.catalog, **rp.policy)
        row += ["%.1f" % e.total, e.grade if e.indices and e.grade else ""]
        s = rp.scores[i]
        row += ["%.4f" % s.total, "%.4f" % s.max, "%.6f" % s.share,
                s.grade if s.max > 0 and s.grade else "", str(rp.rank[i] if s.max > 0 else 0)]
        row += ["n/a" if tc.passed is None else "met" if tc.passed else "missed"
                for tc in rp.checks[i]]
        _out(",".join(row))


def indicators(args):
    """Run ``tthc indicators`` with ``args``; returns the exit status."""
    cmd = "indicators"
    o = _options(cmd, args, (("--by", True), ("--as-of", True), ("--catalog", True),
                           ("--targets", True), ("--index766", True), ("--policy", True),
                           ("--external", True), ("--level", True), ("--one-stop-all", True),
                           ("--json", False), ("--csv", False), ("--skip-bad", False),
                           ("--na-zero", False), ("--threads", True)) + _CAL_TABLE, len(args),
                 _INDICATORS_HELP)
    if isinstance(o, int):
        return o
    if not o.pos:
        return _usage_error(cmd, "expected at least one FILE (see tthc indicators --help)")
    if o.json and o.csv:
        return _usage_error(cmd, "--json and --csv exclude each other")
    by = ["unit"] if o.by is None else _parse_by(o.by)
    policy = _parse_policy(o.policy) if o.policy is not None else []
    if by is None or policy is None:
        return USAGE
    if o.threads is not None and _parse_threads(o.threads) is None:
        return USAGE
    eval_policy = _parse_eval_policy(o)
    if eval_policy is None:
        return USAGE
    rc, as_of = _as_of(cmd, o.as_of)
    if rc != OK:
        return rc
    day = to_day_number(_local(as_of))
    rc, cal = _cal_build_span(cmd, day - 366 * 15, day + 366, o)
    if rc != OK:
        return rc
    with cal:
        cat = targets = None
        if o.catalog is not None:
            try:
                cat = _procedure.Catalog.load(o.catalog)
            except Error as e:
                return _status_error(cmd, e)
        if o.targets is not None:
            raw = _read_json_file(o.targets, "targets")
            if raw is None:
                return BAD_INPUT
            try:
                targets = _ind.Targets.from_json(raw)
            except Error as e:
                return _input_error(cmd, f"{o.targets}: tthc {cmd}: {e}")
        try:
            if o.index766 is not None:
                raw = _read_json_file(o.index766, "766 table")
                if raw is None:
                    return BAD_INPUT
                table = _ind.Index766.from_json(raw)
            else:
                table = _ind.Index766.default()
        except Error as e:
            return _status_error(cmd, e)
        external = None
        if o.external is not None:
            raw = _read_json_file(o.external, "external rates")
            if raw is None:
                return BAD_INPUT
            try:
                external = table.read_external(raw)
            except Error as e:
                return _input_error(cmd, f"{o.external}: tthc {cmd}: {e}")
        # with a catalog the dossiers are counted per procedure too (766 3.2), then rolled up
        read_by = by + ["procedure"] if cat is not None and "procedure" not in by else by
        agg = _ind.Aggregate(by=read_by, as_of=as_of, policy=policy, calendar=cal, catalog=cat)
        rc, bad = _read_inputs(o.pos, agg, o.skip_bad)
        if rc != OK:
            return rc
        by_proc = agg
        if read_by is not by:
            agg = by_proc.rollup(by)
        rp = _Report(agg, by, table, targets, o.na_zero, cat, by_proc, external, eval_policy)
        if o.json:
            return _indicators_json(rp, _local(as_of), bad)
        if o.csv:
            _indicators_csv(rp)
        else:
            _indicators_text(rp, _local(as_of), bad)
    return OK
