"""``python3 -m tthc catalog``: a procedure catalog as the counter uses it (search, show, plan,
list), the same output as the C command's ``tthc catalog``.

>>> import os
>>> path = os.path.join(os.environ["TTHC_TEST_DATA"], "catalog_commune.json")
>>> catalog([path, "search", "khai sinh", "--json"]) or None  # doctest: +ELLIPSIS
{"query":"khai sinh","count":...,"results":[{"code":"1.001193",...}
"""
import datetime as _dt
import json
import re

from . import deadline as _deadline
from . import procedure as _procedure
from ._lib import Error
from .cli import (BAD_INPUT, OK, _CAL_HELP, _CAL_TABLE, _bpad, _cal_build_span, _cdiv,
                  _input_error, _options, _out, _parse_datetime, _print_json, _status_error,
                  _usage_error)
from .date import format_date, format_datetime, to_day_number

__all__ = ["catalog"]

CMD = "catalog"
_HELP = (
    "usage: tthc catalog FILE search TEXT... [--json]\n"
    "       tthc catalog FILE show CODE [--json]\n"
    "       tthc catalog FILE plan CODE --received DATETIME [--channel direct|online|postal]\n"
    "                                   [--incomplete] [--cutoff HH:MM|none] [--json]\n"
    "                                   [calendar options]\n"
    "       tthc catalog FILE list [--field NAME] [--level LEVEL] [--online none|partial|full]\n"
    "                              [--json]\n"
    "FILE is a JSON catalog (docs/procedure.md). search finds procedures by name, accent- and\n"
    "case-insensitively (\"khai sinh\", \"KHAI SINH\"), best first. show prints one record.\n"
    "plan computes, for a dossier received at DATETIME on the national working calendar, the\n"
    "statutory due instant, the due instant of each step of the internal process, whether the\n"
    "dossier can be handled the same day at the counter (4 tại chỗ) and why, and the 30 % and\n"
    "50 % reduction targets with the reduced step budgets (the percentages, the cut-off and\n"
    "the 4-at-place fields come from the catalog's rules). list shows the records in\n"
    "Vietnamese dictionary order, optionally filtered.\n"
    "Calendar options (plan):\n" + _CAL_HELP)
_TABLE = (("--json", False), ("--received", True), ("--channel", True), ("--incomplete", False),
          ("--cutoff", True), ("--field", True), ("--level", True), ("--online", True)
          ) + _CAL_TABLE
#: 4-at-place reasons that count against same-day handling ("[x]" in the plain output).
_AGAINST = {"field_not_listed", "limit_long", "limit_calendar", "no_limit", "incomplete",
            "after_cutoff", "closed", "no_time_left"}


def _fmt_minutes(m, per_day):
    """Working minutes as "2 working days", "2.5 working days", "4 working hours"…"""
    d, rest = _cdiv(m, per_day)
    h, mi = _cdiv(rest, 60)
    if m == 0:
        return "0"
    if rest == 0:
        return f"{d} working day{'' if d == 1 else 's'}"
    if rest * 2 == per_day:
        return f"{d}.5 working days"
    if d == 0 and mi == 0:
        return f"{h} working hour{'' if h == 1 else 's'}"
    return f"{d} d {h} h {mi} min"


def _jtime(t):
    return format_datetime(t)


def _limit_json(p, channel, rules):
    lim = p.limit(channel)
    if lim is None:
        return None
    try:
        minutes = _procedure.limit_minutes(lim, rules)
    except Error:
        minutes = None
    whole, cut = int(lim.value), lim.cutoff
    return {"phrase": lim.phrase, "value": whole, "milli": int(round((lim.value - whole) * 1000)),
            "unit": lim.unit, "cutoff": None if cut is None else f"{cut.hour:02d}:{cut.minute:02d}",
            "working_minutes": minutes}


def _brief_json(p):
    return {"code": p.code, "name": p.name, "field": p.field, "level": p.level,
            "online": p.online}


def _brief_line(p, extra=None):
    _out(f"{p.code}  {p.name}  [{p.field or '-'}]" + (f"  {extra}" if extra else ""))


def _search(cat, query, json_out):
    try:
        found = cat.search(query)
    except Error as e:
        return _status_error(CMD, e)
    if json_out:
        results = []
        for m in found:
            o = _brief_json(m.procedure)
            o["match"] = m.match
            results.append(o)
        return _print_json({"query": query, "count": len(found), "results": results})
    for m in found:
        _brief_line(m.procedure, m.match)
    return OK


def _list(cat, field, level, online, json_out):
    if level is not None and level not in _procedure.LEVELS:
        return _usage_error(CMD, "--level must be central, province, district, commune or "
                                 f"unknown, not '{level}'")
    if online is not None and online not in _procedure.ONLINE:
        return _usage_error(CMD, "--online must be none, partial, full or unknown, not "
                                 f"'{online}'")
    try:
        found = cat.filter(field, level, online)
    except Error as e:
        return _status_error(CMD, e)
    if json_out:
        return _print_json({"count": len(found), "procedures": [_brief_json(p) for p in found]})
    for p in found:
        _brief_line(p)
    return OK


def _show(cat, p, json_out):
    rules = cat.rules
    if json_out:
        limits = {ch: _limit_json(p, ch, rules) for ch in _procedure.CHANNELS}
        return _print_json({"procedure": json.loads(p.to_json()), "limits": limits})
    _out(f"{p.code}  {p.name}")
    if p.field:
        _out(f"  Field:        {p.field}" + (f" ({p.field_code})" if p.field_code else ""))
    _out(f"  Level:        {p.level} ({p.level_vi})")
    if p.agency:
        _out(f"  Agency:       {p.agency}")
    phrases = [(ch, p.limit(ch)) for ch in _procedure.CHANNELS]
    phrases = [(ch, lim.phrase) for ch, lim in phrases if lim is not None]
    if len(phrases) == len(_procedure.CHANNELS) and len({ph for _, ph in phrases}) == 1:
        _out(f"  Limit:        {phrases[0][1]}")
    elif not phrases:
        _out("  Limit:        (not published)")
    else:
        for i, (ch, ph) in enumerate(phrases):
            _out(f"  {'' if i else 'Limit:':<14}{ch}: {ph}")
    if p.limit_note:
        _out(f"  Limit note:   {p.limit_note}")
    for i, fee in enumerate(p.fees):
        chs = ("all channels" if len(fee.channels) == len(_procedure.CHANNELS)
               else ", ".join(fee.channels))
        _out(f"  {'' if i else 'Fees:':<14}{fee.amount} đồng "
             f"({'phí' if fee.kind == 'fee' else 'lệ phí'}, {chs})"
             + (f": {fee.description}" if fee.description else ""))
    _out(f"  Online:       {p.online}")
    _out(f"  Inter-agency: {'yes (liên thông)' if p.interagency else 'no'}")
    for i, doc in enumerate(p.documents):
        _out(f"  {'' if i else 'Documents:':<14}- {doc.name} ({doc.originals} "
             f"original{'' if doc.originals == 1 else 's'}, {doc.copies} "
             f"cop{'y' if doc.copies == 1 else 'ies'})")
    for i, r in enumerate(p.results):
        _out(f"  {'' if i else 'Results:':<14}- {r}")
    for i, lb in enumerate(p.legal_bases):
        _out(f"  {'' if i else 'Legal bases:':<14}- {lb.text}"
             + (f" [{lb.number}]" if lb.number else ""))
    if p.decision:
        _out(f"  Decision:     {p.decision.number} of {format_date(p.decision.date)}")
    per_day = cat.rules["minutes_per_day"]
    for i, s in enumerate(p.process.steps if p.process else ()):
        what = (s.role or "") + (": " if s.role and s.description else "") + (s.description or "")
        budget = (s.budget or _fmt_minutes(s.minutes, per_day)) if s.counted else "not counted"
        _out(f"  {'' if i else 'Process:':<14}{i + 1}. {s.kind:<9} {what}  ({budget})")
    if p.source:
        _out(f"  Source:       {p.source}")
    return OK


def _steps_json(steps, planned=None, with_text=True):
    out = []
    for i, s in enumerate(steps):
        o = {"kind": s.kind, "minutes": s.minutes, "counted": s.counted}
        if with_text:
            o.update(description=s.description, role=s.role, budget=s.budget)
        if planned is not None:
            o["start"], o["due"] = _jtime(planned[i].start), _jtime(planned[i].due)
        out.append(o)
    return out


def _plan_fail(e):
    if e.name in ("ERANGE", "EUNSUPPORTED"):
        return _input_error(CMD, f"the dates fall outside the working calendar ({e})")
    return _status_error(CMD, e)


class _Plan:
    """Everything ``tthc catalog FILE plan`` reports about one dossier."""

    def __init__(self, cat, p, channel, received, complete, cal, policy, rules):
        self.p, self.channel, self.received, self.complete = p, channel, received, complete
        self.per_day = cat.rules["minutes_per_day"]
        self.limit = p.limit(channel)
        self.process = p.process
        self.start = self.due = None
        if self.limit is not None:
            r = _deadline.explain(received, self.limit, calendar=cal, policy=policy)
            self.start, self.due = r["start"], r["due"]
        self.steps = []
        if self.process is not None:
            self.steps = self.process.plan(received, self.limit, cal, policy).steps
        self.fits = None
        if self.process is not None and self.limit is not None:
            try:
                self.fits = self.process.fits(self.limit, rules)
            except Error:
                pass
        self.same_day = p.same_day(received, channel, complete, cal, rules)
        self.percents = (rules["reduction_low"], rules["reduction_high"])
        self._reductions(cal, policy, rules)

    def _reductions(self, cal, policy, rules):
        self.limit_error, self.reductions = None, []
        if self.limit is None:
            self.limit_error = "ENOTFOUND"
            return
        try:
            limit_min = _procedure.limit_minutes(self.limit, rules)
        except Error as e:
            self.limit_error = e.name
            return
        for pct in self.percents:
            try:
                target = _procedure.reduction_target(limit_min, pct, rules)
            except Error:
                self.limit_error, self.reductions = "EOTHER", []
                return
            reduced = due = None
            if self.process is not None and self.process.total > 0:
                try:
                    reduced = self.process.scale(target, rules)
                    planned = reduced.plan(self.received, self.limit, cal, policy).steps
                    due = planned[-1].due if planned else None
                except Error:
                    due = None
            self.reductions.append((pct, target, reduced, due))

    def json(self):
        sd = self.same_day
        reasons = [{"code": r, "en": _procedure.reason_text(r),
                    "vi": _procedure.reason_text(r, vi=True)} for r in sd.reasons]
        dues = None
        if sd.eligible:
            dues = {k: _jtime(sd.dues[k]) for k in ("receive", "appraise", "approve", "return")}
        return {
            "code": self.p.code, "name": self.p.name, "received": _jtime(self.received),
            "channel": self.channel, "limit": self.limit_json,
            "start": _jtime(self.start) if self.limit is not None else None,
            "due": _jtime(self.due) if self.limit is not None else None,
            "steps": _steps_json(self.process.steps, self.steps) if self.process else [],
            "process_fits": self.fits,
            "same_day": {"eligible": sd.eligible, "complete": self.complete, "reasons": reasons,
                         "dues": dues},
            "reductions": [{"percent": pct, "minutes": target,
                            "working_days": target / self.per_day,
                            "steps": _steps_json(red.steps, None, False) if red else None,
                            "due": _jtime(due) if red and due else None}
                           for pct, target, red, due in self.reductions]}

    def print(self):
        p, per_day = self.p, self.per_day
        _out(f"{p.code}  {p.name}")
        _out(f"Received:  {_jtime(self.received)} ({self.channel}, "
             f"{'complete' if self.complete else 'incomplete'} dossier)")
        if self.limit is not None:
            _out(f"Limit:     {self.limit.phrase}")
            _out(f"Start:     {_jtime(self.start)}\nDue:       {_jtime(self.due)}")
        else:
            _out(f"Limit:     none published for the {self.channel} channel")
        if self.process is not None:
            fit = "" if self.fits is None else (", fits the limit" if self.fits
                                                else ", EXCEEDS the limit")
            _out(f"Internal process ({_fmt_minutes(self.process.total, per_day)}{fit}):")
            for i, (s, ps) in enumerate(zip(self.process.steps, self.steps)):
                budget = ((s.budget or _fmt_minutes(s.minutes, per_day)) if s.counted
                          else "not counted")
                _out(f"  {i + 1}. {s.kind:<9} {_bpad(budget, 20)} {_jtime(ps.start)} -> "
                     f"{_jtime(ps.due)}  {s.role or ''}")
        else:
            _out("Internal process: none in the catalog")
        sd = self.same_day
        _out(f"Same day (4 tại chỗ): {'yes' if sd.eligible else 'no'}")
        for r in sd.reasons:
            _out(f"  {'[x]' if r in _AGAINST else '[ok]'} {_procedure.reason_text(r)}")
        if sd.eligible:
            for k in ("receive", "appraise", "approve", "return"):
                _out(f"  {k:<9} by {_jtime(sd.dues[k])[11:]}")
        if not self.reductions:
            why = {"ENOTFOUND": "no limit for this channel",
                   "EUNSUPPORTED": "the limit is not in working time"}.get(
                       self.limit_error, "the limit is below the rules' minimum")
            _out(f"Reduction targets: not applicable ({why})")
            return
        _out("Reduction targets:")
        for pct, target, red, due in self.reductions:
            line = f"  -{pct} %: {_fmt_minutes(target, per_day)} ({target} working minutes)"
            if due:
                line += f", reduced process done by {_jtime(due)}"
            _out(line)
            for i, s in enumerate(red.steps if red else ()):
                if s.counted:
                    _out(f"     {i + 1}. {s.kind:<9} {_fmt_minutes(s.minutes, per_day)}")


def _parse_clock(s):
    """Seconds after midnight of "HH:MM", -1 for "none", None when malformed."""
    if s == "none":
        return -1
    m = re.fullmatch(r"[ \t\n\v\f\r]*([+-]?[0-9]|[0-9]{1,2}):[ \t\n\v\f\r]*([+-]?[0-9]|[0-9]{1,2})",
                     s)
    if len(s) != 5 or not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    return h * 3600 + mi * 60 if 0 <= h <= 23 and 0 <= mi <= 59 else None


def _plan(cat, p, o, received, cut):
    d = to_day_number(received)
    rc, cal = _cal_build_span(CMD, d, d + 366, o)  # a year of room for long processes
    if rc != OK:
        return rc
    with cal:
        policy, rules = _deadline.Policy(), cat.rules
        if cut is not None:  # none: the clock and the 4-at-place check ignore the time of day
            policy.cutoff = None if cut < 0 else _dt.timedelta(seconds=cut)
            policy.phrase_cutoff = False
            rules["fourplace_cutoff"] = 86399 if cut < 0 else cut
        try:
            plan = _Plan(cat, p, o.channel or "direct", received, not o.incomplete, cal,
                         policy, rules)
        except Error as e:
            return _plan_fail(e)
        plan.limit_json = _limit_json(p, plan.channel, rules)
        if o.json:
            return _print_json(plan.json())
        plan.print()
    return OK


def catalog(args):
    """Run ``tthc catalog`` with ``args``; returns the exit status."""
    o = _options(CMD, args, _TABLE, 32, _HELP)
    if isinstance(o, int):
        return o
    if len(o.pos) < 2:
        return _usage_error(CMD, "expected FILE and a command (see tthc catalog --help)")
    path, verb, n = o.pos[0], o.pos[1], len(o.pos)
    if verb not in ("search", "show", "plan", "list"):
        return _usage_error(CMD, f"unknown command '{verb}': expected search, show, plan or list")
    if verb == "search" and n < 3:
        return _usage_error(CMD, "search needs a TEXT")
    if verb in ("show", "plan") and n != 3:
        return _usage_error(CMD, f"{verb} needs exactly one CODE")
    if verb == "list" and n != 2:
        return _usage_error(CMD, "list takes no argument")
    if verb == "plan" and o.received is None:
        return _usage_error(CMD, "plan needs --received DATETIME")
    if verb != "plan" and (o.received is not None or o.channel is not None or o.incomplete
                           or o.cutoff is not None or o.calendar is not None
                           or o.schedule is not None or o.culture_day):
        return _usage_error(CMD, "--received, --channel, --incomplete, --cutoff and the calendar "
                                 "options are for plan")
    if verb != "list" and (o.field is not None or o.level is not None or o.online is not None):
        return _usage_error(CMD, "--field, --level and --online are for list")
    if o.channel is not None and o.channel not in _procedure.CHANNELS:
        return _usage_error(CMD, f"--channel must be direct, online or postal, not '{o.channel}'")
    cut = None
    if o.cutoff is not None:
        cut = _parse_clock(o.cutoff)
        if cut is None:
            return _usage_error(CMD, f"--cutoff must be HH:MM or none, not '{o.cutoff}'")
    received = None
    if verb == "plan":
        received = _parse_datetime(CMD, o.received)
        if received is None:
            return BAD_INPUT
    try:
        cat = _procedure.Catalog.load(path)
    except Error as e:
        return _input_error(CMD, f"{path}: {e}")
    try:
        if verb == "search":
            return _search(cat, " ".join(o.pos[2:]), o.json)
        if verb == "list":
            return _list(cat, o.field, o.level, o.online, o.json)
        code = o.pos[2]
        try:
            _procedure.check_code(code)
        except Error as e:
            return _input_error(CMD, str(e))
        p = cat.get(code)
        if p is None:
            return _input_error(CMD, f"no procedure with code {code} in {path}")
        if verb == "show":
            return _show(cat, p, o.json)
        return _plan(cat, p, o, received, cut)
    finally:
        cat.close()
