"""Statutory time limits and due instants (libtthc's deadline module).

Limits are parsed from the phrases catalogs use and keep their unit; due instants follow the
intake policy (15:00 cut-off, days counted from the day after the start day, due at the end of
the due day's working hours). Instants are naive ``datetime.datetime`` in Vietnam time (an aware
one is converted); dates are ``datetime.date``. Without a ``calendar`` argument the national
calendar 1800-2199 is used (built once, on first use).

>>> import datetime as dt, tthc
>>> tthc.due(dt.datetime(2025, 1, 24, 16, 10), "05 ngày làm việc")
datetime.datetime(2025, 2, 10, 17, 0)
>>> tthc.parse_limit("Không quá 10 ngày làm việc")
Limit(value=10, unit='working_days', flags=frozenset({'at_most'}), cutoff=None)
>>> str(tthc.parse_limit("5 ngay lam viec")), tthc.parse_limit("0,5 ngày làm việc").english()
('05 ngày làm việc', '0.5 working days')
>>> [s["step"] for s in tthc.explain(dt.datetime(2025, 4, 25, 10), "01 ngày làm việc")["explain"]]
['received', 'start', 'count', 'due']
>>> import array
>>> d = array.array("i", [tthc.date.to_day_number(dt.date(2025, 1, 24))])
>>> tthc.date.from_day_number(tthc.add_working_days_many(d, array.array("i", [5]))[0])
datetime.date(2025, 2, 7)
"""
import array
import collections
import ctypes
import datetime as _dt
import functools

from ._lib import ErrorStruct, check, declare, error_for, lib
from .calendar import KINDS, Calendar
from .date import from_day_number, from_seconds, to_day_number, to_seconds

__all__ = ["Limit", "parse_limit", "WorkingHours", "Policy", "due", "explain", "due_many",
           "add_working_days_many", "count_working_days_many", "working_time_between",
           "add_working_time", "split_working_time", "Ledger", "postal_transit_days",
           "postal_arrival", "UNITS", "ROUTES", "national_calendar"]

_p = ctypes.c_void_p
_i32 = ctypes.c_int32
_i64 = ctypes.c_int64
_i32_p = ctypes.POINTER(_i32)
_i64_p = ctypes.POINTER(_i64)
_size_p = ctypes.POINTER(ctypes.c_size_t)
_err_p = ctypes.POINTER(ErrorStruct)


class _LimitStruct(ctypes.Structure):
    _fields_ = [("value", _i32), ("milli", _i32), ("unit", ctypes.c_int),
                ("flags", ctypes.c_uint32), ("cutoff", _i32)]


class _Step(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_int), ("reason", ctypes.c_int), ("at", _i64),
                ("date", _i32), ("date2", _i32), ("day_kind", ctypes.c_int), ("entry", _p),
                ("count", _i32), ("milli", _i32), ("unit", ctypes.c_int),
                ("reserved_", ctypes.c_ubyte * 32)]


class _LedgerStatus(ctypes.Structure):
    _fields_ = [("state", ctypes.c_int), ("start", _i64), ("due", _i64), ("budget", _i64),
                ("used", _i64), ("remaining", _i64), ("stopped", _i64), ("late_by", _i64),
                ("overdue", _i32), ("overdue_before_restart", _i32),
                ("supplement_rounds", _i32), ("extensions", _i32),
                ("reserved_", ctypes.c_ubyte * 32)]


_lim_p = ctypes.POINTER(_LimitStruct)
declare([
    ("tthc_clock_state_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_deadline_add_workdays_many", ctypes.c_int, [_p, _i32_p, _i32_p, ctypes.c_size_t,
                                                       _i32_p, _size_p]),
    ("tthc_deadline_count_workdays_many", ctypes.c_int, [_p, _i32_p, _i32_p, ctypes.c_size_t,
                                                         _i32_p, _size_p]),
    ("tthc_deadline_due", ctypes.c_int, [_p, _p, _p, _i64, _LimitStruct, _i64_p, _i64_p]),
    ("tthc_deadline_due_many", ctypes.c_int, [_p, _p, _p, _i64_p, _lim_p, ctypes.c_size_t,
                                              _i64_p, _size_p]),
    ("tthc_deadline_explain", ctypes.c_int, [_p, _p, _p, _i64, _LimitStruct,
                                             ctypes.POINTER(_p)]),
    ("tthc_deadline_policy_free", None, [_p]),
    ("tthc_deadline_policy_get", ctypes.c_int, [_p, ctypes.c_int, _i64_p]),
    ("tthc_deadline_policy_new", ctypes.c_int, [ctypes.POINTER(_p)]),
    ("tthc_deadline_policy_set", ctypes.c_int, [_p, ctypes.c_int, _i64]),
    ("tthc_deadline_result_due", _i64, [_p]),
    ("tthc_deadline_result_free", None, [_p]),
    ("tthc_deadline_result_limit", _LimitStruct, [_p]),
    ("tthc_deadline_result_received", _i64, [_p]),
    ("tthc_deadline_result_start", _i64, [_p]),
    ("tthc_deadline_result_step", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.POINTER(_Step)]),
    ("tthc_deadline_result_step_count", ctypes.c_size_t, [_p]),
    ("tthc_deadline_step_describe", ctypes.c_int, [ctypes.POINTER(_Step), ctypes.c_int,
                                                   ctypes.c_char_p, ctypes.c_size_t, _size_p]),
    ("tthc_hours_add", ctypes.c_int, [_p, _p, _i64, _i64, _i64_p]),
    ("tthc_hours_add_season", ctypes.c_int, [_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                             ctypes.c_int, ctypes.c_uint, ctypes.c_char_p,
                                             ctypes.c_size_t, _err_p]),
    ("tthc_hours_between", ctypes.c_int, [_p, _p, _i64, _i64, _i64_p]),
    ("tthc_hours_day_length", _i32, [_p]),
    ("tthc_hours_format", ctypes.c_int, [_p, _i32, ctypes.c_char_p, ctypes.c_size_t, _size_p]),
    ("tthc_hours_free", None, [_p]),
    ("tthc_hours_is_open", ctypes.c_int, [_p, _p, _i64, ctypes.POINTER(ctypes.c_int)]),
    ("tthc_hours_new", ctypes.c_int, [ctypes.POINTER(_p)]),
    ("tthc_hours_next_start", ctypes.c_int, [_p, _p, _i64, _i64_p]),
    ("tthc_hours_sessions", ctypes.c_int, [_p, _i32, _i32_p, _i32_p, ctypes.c_size_t, _size_p]),
    ("tthc_hours_set_day_length", ctypes.c_int, [_p, _i32]),
    ("tthc_hours_set_reception", ctypes.c_int, [_p, ctypes.c_uint, ctypes.c_char_p,
                                                ctypes.c_size_t, _err_p]),
    ("tthc_hours_set_sessions", ctypes.c_int, [_p, ctypes.c_uint, ctypes.c_char_p,
                                               ctypes.c_size_t, _err_p]),
    ("tthc_hours_split", None, [_p, _i64, _i64_p, _i32_p, _i32_p]),
    ("tthc_ledger_add", ctypes.c_int, [_p, ctypes.c_int, _i64, _i64, _err_p]),
    ("tthc_ledger_count", ctypes.c_size_t, [_p]),
    ("tthc_ledger_entry", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_int),
                                         _i64_p, _i64_p]),
    ("tthc_ledger_free", None, [_p]),
    ("tthc_ledger_kind_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_ledger_new", ctypes.c_int, [_p, _p, _p, _i64, _LimitStruct, ctypes.POINTER(_p)]),
    ("tthc_ledger_status_at", ctypes.c_int, [_p, _i64, ctypes.POINTER(_LedgerStatus)]),
    ("tthc_limit_format", ctypes.c_int, [_LimitStruct, ctypes.c_uint, ctypes.c_char_p,
                                         ctypes.c_size_t, _size_p]),
    ("tthc_limit_make", ctypes.c_int, [_i32, ctypes.c_int, _lim_p]),
    ("tthc_limit_parse", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, _lim_p, _err_p]),
    ("tthc_limit_unit_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_postal_arrival", ctypes.c_int, [_p, ctypes.c_int, ctypes.c_int, _i32, _i32_p]),
    ("tthc_postal_route_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_postal_transit_days", ctypes.c_int, [ctypes.c_int, ctypes.c_int, _i32_p]),
    ("tthc_step_kind_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_step_reason_name", ctypes.c_char_p, [ctypes.c_int]),
])


def _names(fn):
    out, i = [], 0
    while True:
        n = fn(i)
        if n is None:
            return tuple(out)
        out.append(n.decode())
        i += 1


UNITS = _names(lib.tthc_limit_unit_name)        #: limit units by C value
ROUTES = _names(lib.tthc_postal_route_name)     #: postal routes by C value
_STEPS = _names(lib.tthc_step_kind_name)
_REASONS = _names(lib.tthc_step_reason_name)
_LEDGER_KINDS = _names(lib.tthc_ledger_kind_name)
_CLOCK_STATES = _names(lib.tthc_clock_state_name)
_FLAGS = (("at_most", 1), ("from_complete", 2), ("cutoff_next_day", 4), ("from_other", 8))
_POLICY = {"cutoff": 0, "due_time": 1, "phrase_cutoff": 2, "supplement": 3,
           "max_extensions": 4}
_DUE_TIMES = ("end_of_day", "same_time")
_SUPPLEMENT = ("restart", "subtract")


def _bytes(text, what):
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray)):
        return bytes(text)
    raise TypeError(f"{what} must be str, not {type(text).__name__}")


def _secs_of_time(t):
    """Seconds after midnight of a ``datetime.time``, or of a ``timedelta`` (which can say
    24:00, the end of the day)."""
    if isinstance(t, _dt.timedelta):
        secs = int(t.total_seconds())
        if not 0 <= secs <= 86400:
            raise ValueError(f"a time of day is 00:00-24:00, not {t}")
        return secs
    if not isinstance(t, _dt.time):
        raise TypeError(f"expected datetime.time, got {type(t).__name__}")
    return t.hour * 3600 + t.minute * 60 + t.second


def _time_of_secs(s):
    return _dt.time(s // 3600, s // 60 % 60) if s < 86400 else _dt.time(23, 59, 59)


def _weekday_mask(days):
    if days is None:
        return 0xFE
    mask = 0
    for d in ([days] if isinstance(days, int) else days):
        if not 1 <= d <= 7:
            raise ValueError(f"weekday {d} is not 1 (Monday) .. 7 (Sunday)")
        mask |= 1 << d
    return mask


# ---- limits ----------------------------------------------------------------------------------

class Limit(collections.namedtuple("Limit", "value unit flags cutoff")):
    """A statutory time limit. ``value`` is an int, or a float for fractions ("0,5 ngày làm
    việc" is 0.5); ``unit`` one of :data:`UNITS`; ``flags`` a frozenset of 'at_most',
    'from_complete', 'cutoff_next_day', 'from_other'; ``cutoff`` the ``datetime.time`` the
    phrase states ("nếu tiếp nhận sau 15 giờ …") or None. ``str()`` gives the canonical
    Vietnamese phrase."""

    def __new__(cls, value, unit, flags=frozenset(), cutoff=None):
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; expected one of {UNITS}")
        return super().__new__(cls, value, unit, frozenset(flags), cutoff)

    def _struct(self):
        whole = int(self.value)
        milli = int(round((self.value - whole) * 1000))
        fl = sum(bit for name, bit in _FLAGS if name in self.flags)
        cut = _secs_of_time(self.cutoff) if self.cutoff is not None else -1
        return _LimitStruct(whole, milli, UNITS.index(self.unit), fl, cut)

    @classmethod
    def _from_struct(cls, s):
        value = s.value + s.milli / 1000 if s.milli else s.value
        flags = frozenset(name for name, bit in _FLAGS if s.flags & bit)
        cut = _time_of_secs(s.cutoff) if s.cutoff >= 0 else None
        return cls(value, UNITS[s.unit], flags, cut)

    def format(self, english=False, full=False):
        """The limit as text: canonical Vietnamese ("05 ngày làm việc") or English ("5 working
        days"); ``full`` adds "Không quá" and "kể từ ngày nhận đủ hồ sơ hợp lệ"."""
        buf = ctypes.create_string_buffer(320)
        check(lib.tthc_limit_format(self._struct(), (1 if english else 0) | (2 if full else 0),
                                    buf, len(buf), None))
        return buf.value.decode("utf-8")

    def english(self):
        """The limit in English: "5 working days"."""
        return self.format(english=True)

    def __str__(self):
        return self.format()


def parse_limit(text):
    """Parse a time-limit phrase ("05 ngày làm việc", "Trong ngày", "15 ngày" …); raises
    :class:`tthc.ParseError` quoting the phrase when it is not a statutory limit."""
    if isinstance(text, Limit):
        return text
    b = _bytes(text, "limit")
    out, err = _LimitStruct(), ErrorStruct()
    check(lib.tthc_limit_parse(b, len(b), ctypes.byref(out), ctypes.byref(err)), err)
    return Limit._from_struct(out)


@functools.lru_cache(maxsize=256)
def _limit_struct(limit):
    return parse_limit(limit)._struct()


def _lim(limit):
    if isinstance(limit, Limit):
        return limit._struct()
    if isinstance(limit, (str, bytes)):
        return _limit_struct(limit)
    raise TypeError(f"limit must be str or Limit, not {type(limit).__name__}")


# ---- calendar, hours, policy -------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def national_calendar():
    """The national calendar over every supported year (1800-2199), built once."""
    return Calendar.vietnam(1800, 2199)


def _cal(calendar):
    cal = calendar if calendar is not None else national_calendar()
    if not isinstance(cal, Calendar):
        raise TypeError(f"calendar must be a tthc.Calendar, not {type(cal).__name__}")
    return cal._handle()


def _h(obj):
    return obj._handle() if obj is not None else None


class WorkingHours:
    """When within a working day the clock runs. The calendar decides WHICH days are worked;
    these sessions decide WHEN (default 08:00-12:00 and 13:00-17:00 on every weekday).

    >>> h = WorkingHours("07:00-11:30,13:30-17:00")
    >>> h.sessions(_dt.date(2025, 6, 2))
    [(datetime.time(7, 0), datetime.time(11, 30)), (datetime.time(13, 30), datetime.time(17, 0))]
    """

    def __init__(self, sessions=None, weekdays=None):
        h = _p()
        check(lib.tthc_hours_new(ctypes.byref(h)))
        self._p = h
        if sessions is not None:
            self.set_sessions(sessions, weekdays)

    def _handle(self):
        if not self._p:
            raise ValueError("the working hours are closed")
        return self._p

    def close(self):
        """Release the C object now (else when the Python object is collected)."""
        if getattr(self, "_p", None):
            lib.tthc_hours_free(self._p)
            self._p = None

    def __del__(self):
        self.close()

    def _spec(self, fn, *args):
        b = _bytes(args[-1], "sessions")
        err = ErrorStruct()
        check(fn(self._handle(), *args[:-1], b, len(b), ctypes.byref(err)), err)
        return self

    def set_sessions(self, spec, weekdays=None):
        """Sessions "HH:MM-HH:MM,…" for the ISO weekdays given (1 = Monday; default all)."""
        return self._spec(lib.tthc_hours_set_sessions, _weekday_mask(weekdays), spec)

    def add_season(self, start, end, spec, weekdays=None):
        """Sessions between ``start`` and ``end``, (month, day) pairs, every year (may wrap
        the year end: ((10, 16), (4, 15)) for winter hours)."""
        return self._spec(lib.tthc_hours_add_season, start[0], start[1], end[0], end[1],
                          _weekday_mask(weekdays), spec)

    def set_reception(self, spec, weekdays=(6,)):
        """Reception hours on weekly-rest days (default Saturday). Reception does not make the
        day a working day: the clock starts at the next working session."""
        return self._spec(lib.tthc_hours_set_reception, _weekday_mask(weekdays), spec)

    @property
    def day_length(self):
        """Nominal working day (default 8 hours) as a ``timedelta``."""
        return _dt.timedelta(seconds=lib.tthc_hours_day_length(self._handle()))

    @day_length.setter
    def day_length(self, td):
        check(lib.tthc_hours_set_day_length(self._handle(), int(td.total_seconds())))

    def sessions(self, date):
        """The sessions on ``date`` as (start, end) ``datetime.time`` pairs."""
        s, e, n = (_i32 * 4)(), (_i32 * 4)(), ctypes.c_size_t()
        check(lib.tthc_hours_sessions(self._handle(), to_day_number(date), s, e, 4,
                                      ctypes.byref(n)))
        return [(_time_of_secs(s[i]), _time_of_secs(e[i])) for i in range(n.value)]

    def format(self, date):
        """The sessions of ``date`` as text: "08:00-12:00,13:00-17:00"."""
        buf = ctypes.create_string_buffer(64)
        check(lib.tthc_hours_format(self._handle(), to_day_number(date), buf, len(buf), None))
        return buf.value.decode()

    def is_open(self, when, calendar=None):
        """True if the office receives dossiers at ``when`` (working session, or reception)."""
        out = ctypes.c_int()
        check(lib.tthc_hours_is_open(_cal(calendar), self._handle(), to_seconds(when),
                                     ctypes.byref(out)))
        return bool(out.value)


class Policy:
    """How the law is read. ``cutoff``: a ``datetime.time`` (default 15:00), a ``timedelta``
    after midnight (``timedelta(hours=24)`` for 24:00) or None for no cut-off; ``due_time``:
    'end_of_day' (default) or 'same_time'; ``phrase_cutoff``: whether a cut-off stated in the
    phrase wins (default True); ``supplement``: 'restart' (default, NĐ 61
    art. 19(4)) or 'subtract' (the 766 indicator); ``max_extensions`` (default 1)."""

    def __init__(self, cutoff=_dt.time(15, 0), due_time="end_of_day", phrase_cutoff=True,
                 supplement="restart", max_extensions=1):
        h = _p()
        check(lib.tthc_deadline_policy_new(ctypes.byref(h)))
        self._p = h
        self.cutoff, self.due_time, self.phrase_cutoff = cutoff, due_time, phrase_cutoff
        self.supplement, self.max_extensions = supplement, max_extensions

    def _handle(self):
        return self._p

    def __del__(self):
        if getattr(self, "_p", None):
            lib.tthc_deadline_policy_free(self._p)
            self._p = None

    def _set(self, key, value):
        check(lib.tthc_deadline_policy_set(self._p, _POLICY[key], value))

    def _get(self, key):
        out = _i64()
        check(lib.tthc_deadline_policy_get(self._p, _POLICY[key], ctypes.byref(out)))
        return out.value

    cutoff = property(lambda s: None if s._get("cutoff") < 0 else _time_of_secs(s._get("cutoff")),
                      lambda s, v: s._set("cutoff", -1 if v is None else _secs_of_time(v)),
                      doc="The intake cut-off (``datetime.time``) or None.")
    due_time = property(lambda s: _DUE_TIMES[s._get("due_time")],
                        lambda s, v: s._set("due_time", _DUE_TIMES.index(v)),
                        doc="'end_of_day' or 'same_time'.")
    phrase_cutoff = property(lambda s: bool(s._get("phrase_cutoff")),
                             lambda s, v: s._set("phrase_cutoff", 1 if v else 0),
                             doc="Whether a cut-off stated in the phrase wins.")
    supplement = property(lambda s: _SUPPLEMENT[s._get("supplement")],
                          lambda s, v: s._set("supplement", _SUPPLEMENT.index(v)),
                          doc="'restart' or 'subtract' after a supplementation.")
    max_extensions = property(lambda s: s._get("max_extensions"),
                              lambda s, v: s._set("max_extensions", int(v)),
                              doc="How many extensions a ledger accepts.")


_DEFAULT = object()


def _policy(policy, cutoff):
    if cutoff is _DEFAULT:
        return policy
    p = Policy()
    if policy is not None:
        for k in ("due_time", "supplement", "max_extensions"):
            setattr(p, k, getattr(policy, k))
    p.cutoff, p.phrase_cutoff = cutoff, False
    return p


# ---- due instants --------------------------------------------------------------------------------

def due(received, limit, cutoff=_DEFAULT, explain=False, calendar=None, hours=None,
        policy=None):
    """The due instant of a dossier received at ``received`` (datetime) with ``limit`` (a
    phrase or a :class:`Limit`). ``cutoff`` (a ``datetime.time``, or None for none) overrides
    the policy's and the phrase's cut-off. With ``explain=True`` returns :func:`explain`'s
    dict instead."""
    if explain:
        return globals()["explain"](received, limit, cutoff, calendar, hours, policy)
    pol = _policy(policy, cutoff)
    out = _i64()
    check(lib.tthc_deadline_due(_cal(calendar), _h(hours), _h(pol), to_seconds(received),
                                _lim(limit), None, ctypes.byref(out)))
    return from_seconds(out.value)


def _step_dict(s, cal_handle):
    text = ctypes.create_string_buffer(512)
    d = {"step": _STEPS[s.kind]}
    if s.kind in (0, 1, 5):
        d["at"] = from_seconds(s.at)
        if s.kind:
            d["reason"] = _REASONS[s.reason]
    elif s.kind == 3:
        d.update(start_day=from_day_number(s.date), last_day=from_day_number(s.date2),
                 count=s.count + s.milli / 1000 if s.milli else s.count, unit=UNITS[s.unit])
    else:
        d["date"] = from_day_number(s.date)
        if s.kind == 4:
            d["to"] = from_day_number(s.date2)
    if s.kind in (2, 4) or (s.kind == 1 and s.reason in (6, 7)):
        d["day_kind"] = KINDS[s.day_kind]
        d["entry"] = (lib.tthc_cal_entry_name_vi(s.entry).decode("utf-8")
                      if s.entry else None)
        d["entry_en"] = (lib.tthc_cal_entry_name_en(s.entry).decode("utf-8")
                         if s.entry else None)
    if s.kind == 1 and s.reason == 5:
        d["cutoff"] = _time_of_secs(s.count)
    for key, vi in (("text", 0), ("text_vi", 1)):
        check(lib.tthc_deadline_step_describe(ctypes.byref(s), vi, text, len(text), None))
        d[key] = text.value.decode("utf-8")
    return d


def explain(received, limit, cutoff=_DEFAULT, calendar=None, hours=None, policy=None):
    """Like :func:`due`, and why: a dict with 'received', 'start', 'limit' (a :class:`Limit`),
    'due' and 'explain', a list of step dicts ('step': received/start/skip/count/roll/due,
    with 'at' or 'date', 'reason', 'day_kind', 'entry' and 'entry_en' (the calendar entry's
    Vietnamese and English names) where they apply, and 'text'/'text_vi', one sentence each)."""
    pol = _policy(policy, cutoff)
    h = _cal(calendar)
    r = _p()
    check(lib.tthc_deadline_explain(h, _h(hours), _h(pol), to_seconds(received), _lim(limit),
                                    ctypes.byref(r)))
    try:
        steps = []
        for i in range(lib.tthc_deadline_result_step_count(r)):
            s = _Step()
            check(lib.tthc_deadline_result_step(r, i, ctypes.byref(s)))
            steps.append(_step_dict(s, h))
        return {"received": from_seconds(lib.tthc_deadline_result_received(r)),
                "start": from_seconds(lib.tthc_deadline_result_start(r)),
                "limit": Limit._from_struct(lib.tthc_deadline_result_limit(r)),
                "due": from_seconds(lib.tthc_deadline_result_due(r)),
                "explain": steps}
    finally:
        lib.tthc_deadline_result_free(r)


def due_many(received, limits, calendar=None, hours=None, policy=None):
    """Due instants of many dossiers in one C call. ``received``: datetimes, or int64 local
    seconds (``tthc.date.to_seconds``) in an array/buffer; ``limits``: one limit for all, or
    one per dossier. Returns a list of datetimes (None where the due date could not be
    computed)."""
    n = len(received)
    rec = (_i64 * n)(*(r if isinstance(r, int) else to_seconds(r) for r in received))
    if isinstance(limits, (str, bytes, Limit)):
        one = _lim(limits)
        lims = (_LimitStruct * n)(*([one] * n))
    else:
        if len(limits) != n:
            raise ValueError("received and limits differ in length")
        lims = (_LimitStruct * n)(*(_lim(x) for x in limits))
    out, first = (_i64 * n)(), ctypes.c_size_t()
    lib.tthc_deadline_due_many(_cal(calendar), _h(hours), _h(policy), rec, lims, n, out,
                               ctypes.byref(first))
    low = -(1 << 63)
    return [None if v == low else from_seconds(v) for v in out]


# ---- vectorised working days ---------------------------------------------------------------

def _int32_view(x, what):
    """A ctypes int32 array over ``x`` without copying when it is a writable int32 buffer."""
    if isinstance(x, array.array) and x.itemsize == 4 and x.typecode in "il":
        return (_i32 * len(x)).from_buffer(x), x
    try:
        mv = memoryview(x)
    except TypeError:
        a = array.array("i", (to_day_number(v) if isinstance(v, _dt.date) else int(v)
                              for v in x))
        return (_i32 * len(a)).from_buffer(a), a
    if mv.itemsize != 4 or mv.format.lstrip("@=<") not in ("i", "l") or mv.ndim != 1:
        raise TypeError(f"{what}: expected int32 day numbers (array('i'), a buffer of "
                        f"int32, or datetime.date values), got format {mv.format!r}")
    if mv.readonly or not mv.c_contiguous:
        a = array.array("i", mv.tobytes() if mv.c_contiguous else mv.tolist())
        return (_i32 * len(a)).from_buffer(a), a
    return (_i32 * len(mv)).from_buffer(mv), mv


def _many(fn, xs, ys, calendar, strict, names):
    a, keep_a = _int32_view(xs, names[0])
    b, keep_b = _int32_view(ys, names[1])
    if len(a) != len(b):
        raise ValueError(f"{names[0]} and {names[1]} differ in length ({len(a)} != {len(b)})")
    out = array.array("i", bytes(4 * len(a)))
    first = ctypes.c_size_t()
    st = fn(_cal(calendar), a, b, len(a), (_i32 * len(out)).from_buffer(out), ctypes.byref(first))
    if st != 0 and strict:
        e = error_for(st)
        e.args = (f"element {first.value} is outside the calendar (day {a[first.value]})",)
        e.record = first.value
        raise e
    del keep_a, keep_b
    return out


def add_working_days_many(dates, ns, calendar=None, strict=True):
    """out[i] = the ns[i]-th working day after dates[i], for whole arrays in ONE C call.
    ``dates``: int32 day numbers (``array.array('i')``, any int32 buffer, or a sequence of
    ``datetime.date``); ``ns``: int32 counts. Returns ``array.array('i')`` of day numbers.
    An element outside the calendar raises :class:`tthc.OutOfRangeError` naming its index, or
    with ``strict=False`` is -2**31 in the result."""
    return _many(lib.tthc_deadline_add_workdays_many, dates, ns, calendar, strict,
                 ("dates", "ns"))


def count_working_days_many(starts, ends, calendar=None, strict=True):
    """out[i] = working days in [starts[i], ends[i]] inclusive, in one C call (as
    :func:`add_working_days_many`)."""
    return _many(lib.tthc_deadline_count_workdays_many, starts, ends, calendar, strict,
                 ("starts", "ends"))


# ---- working time ------------------------------------------------------------------------------

def working_time_between(start, end, calendar=None, hours=None):
    """Working time between two instants as a ``timedelta`` (negative if end < start): how
    late was it."""
    out = _i64()
    check(lib.tthc_hours_between(_cal(calendar), _h(hours), to_seconds(start), to_seconds(end),
                                 ctypes.byref(out)))
    return _dt.timedelta(seconds=out.value)


def add_working_time(start, delta, calendar=None, hours=None):
    """The instant ``delta`` (a non-negative ``timedelta``) of working time after ``start``."""
    out = _i64()
    check(lib.tthc_hours_add(_cal(calendar), _h(hours), to_seconds(start),
                             int(delta.total_seconds()), ctypes.byref(out)))
    return from_seconds(out.value)


def split_working_time(delta, hours=None):
    """(days, hours, minutes) of a working-time ``timedelta`` with nominal 8-hour days."""
    d, h, m = _i64(), _i32(), _i32()
    lib.tthc_hours_split(_h(hours), int(delta.total_seconds()), ctypes.byref(d), ctypes.byref(h),
                         ctypes.byref(m))
    return d.value, h.value, m.value


# ---- ledger ------------------------------------------------------------------------------------

class Ledger:
    """The clock history of one dossier: pauses, supplementation rounds, an extension, the
    finish. Everything derived (due, working time used, overdue) comes from :meth:`status`
    for any instant. Impossible entries raise (:class:`tthc.StateError`,
    :class:`tthc.InvalidArgumentError`) and change nothing."""

    def __init__(self, received, limit, calendar=None, hours=None, policy=None):
        self._cal = calendar if calendar is not None else national_calendar()
        self._hours = hours  # the C ledger borrows both: keep them alive
        h = _p()
        check(lib.tthc_ledger_new(_cal(self._cal), _h(hours), _h(policy), to_seconds(received),
                                  _lim(limit), ctypes.byref(h)))
        self._p = h

    def __del__(self):
        if getattr(self, "_p", None):
            lib.tthc_ledger_free(self._p)
            self._p = None

    def add(self, kind, at, new_due=None):
        """Add an entry of ``kind`` (pause, resume, supplement_request, supplement_received,
        extend, finish) at ``at``; ``new_due`` for an extension."""
        err = ErrorStruct()
        nd = to_seconds(new_due) if new_due is not None else 0
        check(lib.tthc_ledger_add(self._p, _LEDGER_KINDS.index(kind), to_seconds(at), nd,
                                  ctypes.byref(err)), err)
        return self

    def pause(self, at):
        """The clock stops at ``at`` (a pause the law allows)."""
        return self.add("pause", at)

    def resume(self, at):
        """The clock runs again from ``at``."""
        return self.add("resume", at)

    def request_supplement(self, at):
        """The office asks for a supplement at ``at``: the clock stops."""
        return self.add("supplement_request", at)

    def receive_supplement(self, at):
        """The supplement arrives at ``at``: the clock restarts or resumes (policy)."""
        return self.add("supplement_received", at)

    def extend(self, at, new_due):
        """An extension decided at ``at`` moves the due instant to ``new_due``."""
        return self.add("extend", at, new_due)

    def finish(self, at):
        """The result is ready at ``at``: the clock stops for good."""
        return self.add("finish", at)

    def entries(self):
        """[(kind, at, new_due or None), …] in the order they were added."""
        out = []
        for i in range(lib.tthc_ledger_count(self._p)):
            k, t, nd = ctypes.c_int(), _i64(), _i64()
            check(lib.tthc_ledger_entry(self._p, i, ctypes.byref(k), ctypes.byref(t),
                                        ctypes.byref(nd)))
            out.append((_LEDGER_KINDS[k.value], from_seconds(t.value),
                        from_seconds(nd.value) if k.value == 5 else None))
        return out

    def status(self, at):
        """The clock at ``at``: a dict with state, start, due, budget, used, remaining,
        stopped, late_by (``timedelta`` of working time), overdue, overdue_before_restart,
        supplement_rounds, extensions."""
        s = _LedgerStatus()
        check(lib.tthc_ledger_status_at(self._p, to_seconds(at), ctypes.byref(s)))
        td = lambda v: _dt.timedelta(seconds=v)  # noqa: E731
        return {"state": _CLOCK_STATES[s.state], "start": from_seconds(s.start),
                "due": from_seconds(s.due), "budget": td(s.budget), "used": td(s.used),
                "remaining": td(s.remaining), "stopped": td(s.stopped),
                "late_by": td(s.late_by), "overdue": bool(s.overdue),
                "overdue_before_restart": bool(s.overdue_before_restart),
                "supplement_rounds": s.supplement_rounds, "extensions": s.extensions}


# ---- postal ------------------------------------------------------------------------------------

def postal_transit_days(route, with_slip=False):
    """n of "J + n" working days for a route of :data:`ROUTES` (TT 17/2017/TT-BTTTT art. 7)."""
    out = _i32()
    check(lib.tthc_postal_transit_days(ROUTES.index(route), 1 if with_slip else 0,
                                       ctypes.byref(out)))
    return out.value


def postal_arrival(j, route, with_slip=False, calendar=None):
    """The date a dossier or result handed to the post on day ``j`` arrives."""
    out = _i32()
    check(lib.tthc_postal_arrival(_cal(calendar), ROUTES.index(route), 1 if with_slip else 0,
                                  to_day_number(j), ctypes.byref(out)))
    return from_day_number(out.value)
