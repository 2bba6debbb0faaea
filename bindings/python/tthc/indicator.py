"""Service indicators (libtthc's indicator module): mergeable aggregates of dossiers keyed by
unit, field, procedure and period; counts and rates ("not applicable" kept apart from 0 %);
processing-time statistics; the TT 01/2018 citizen evaluation; the 766 national service index
with a replaceable point table; targets; rankings; reconciliation of two records.

>>> import datetime as dt, tthc
>>> agg = tthc.Aggregate(by=("unit", "month"), as_of=dt.datetime(2025, 3, 31, 23, 59, 59))
>>> d = tthc.Dossier("A-1", dt.datetime(2025, 3, 3, 9, 0), unit="UBND xã A", channel="online")
>>> d.accept(dt.datetime(2025, 3, 3, 9, 0), due=dt.datetime(2025, 3, 5, 17, 0))
>>> d.issue_result(dt.datetime(2025, 3, 4, 10, 0), electronic=True)
>>> agg.add(d)
>>> g = agg.groups[0]
>>> g.unit, g.period, g.counts["early"], str(g.rate("online")), str(g.rate("same_day"))
('UBND xã A', '2025-03', 1, '100,00%', 'N/A')
>>> tthc.format_rank(1, 16)
'01/16'
"""
import collections
import ctypes
import datetime as _dt
import math

from ._lib import ErrorStruct, check, declare, lib
from .date import from_day_number, to_day_number, to_seconds
from .deadline import national_calendar
from .dossier import Dossier, Feedback, _clock, _feedback_struct, _policy_flags

__all__ = ["Aggregate", "Group", "Rate", "TimeStats", "Evaluation", "Index766", "Score766",
           "Targets", "TargetCheck", "Reconciliation", "Difference", "rank", "format_rank",
           "format_percent", "evaluation_score", "report_dates", "COUNTS", "RATES", "GRADES",
           "GRADES_VI", "GROUPS_766"]

_p = ctypes.c_void_p
_i32 = ctypes.c_int32
_i64 = ctypes.c_int64
_size_p = ctypes.POINTER(ctypes.c_size_t)
_err_p = ctypes.POINTER(ErrorStruct)


class _Rate(ctypes.Structure):
    _fields_ = [("num", _i64), ("den", _i64), ("value", ctypes.c_double),
                ("applicable", ctypes.c_int)]


class _Key(ctypes.Structure):
    _fields_ = [("unit", ctypes.c_char_p), ("field", ctypes.c_char_p),
                ("procedure", ctypes.c_char_p), ("period_start", _i32), ("period_end", _i32),
                ("label", ctypes.c_char * 16)]


class _Time(ctypes.Structure):
    _fields_ = [("count", _i64), ("working", ctypes.c_int), ("sum", _i64), ("min", _i64),
                ("max", _i64), ("mean", ctypes.c_double), ("median", ctypes.c_double),
                ("median_lo", _i64), ("median_hi", _i64), ("median_exact", ctypes.c_int),
                ("budgeted", _i64), ("used_budgeted", _i64), ("budget", _i64),
                ("used_share", _Rate), ("reserved_", _i64 * 4)]


class _Eval(ctypes.Structure):
    _fields_ = [("tenths", ctypes.c_int * 9), ("n", _i64 * 9), ("derived", ctypes.c_int * 9),
                ("total_tenths", ctypes.c_int), ("indices", ctypes.c_int),
                ("grade", ctypes.c_int), ("reserved_", _i64 * 2)]


class _Item766(ctypes.Structure):
    _fields_ = [("id", ctypes.c_char_p), ("name_vi", ctypes.c_char_p), ("group", ctypes.c_int),
                ("rate", ctypes.c_char_p), ("points", ctypes.c_double),
                ("threshold", ctypes.c_double)]


_MAX766 = 32


class _Result766(ctypes.Structure):
    _fields_ = [("total", ctypes.c_double), ("max", ctypes.c_double), ("share", ctypes.c_double),
                ("grade", ctypes.c_int), ("group_total", ctypes.c_double * 5),
                ("group_max", ctypes.c_double * 5), ("items", ctypes.c_size_t),
                ("item_points", ctypes.c_double * _MAX766), ("item_rate", _Rate * _MAX766),
                ("times_applied", ctypes.c_uint64), ("times_missing", ctypes.c_uint64),
                ("reserved_", _i64 * 2)]


class _EvalPolicy(ctypes.Structure):
    _fields_ = [("level", ctypes.c_int), ("online_procs_pct", ctypes.c_int),
                ("online_high_pct", ctypes.c_int), ("online_low_pct", ctypes.c_int),
                ("full_counter_pct", ctypes.c_int * 5), ("one_stop_all", ctypes.c_int),
                ("reserved_", _i64 * 4)]


class _Check(ctypes.Structure):
    _fields_ = [("rate", ctypes.c_int), ("is_max", ctypes.c_int), ("bound", ctypes.c_double),
                ("actual", _Rate), ("pass_", ctypes.c_int), ("gap", ctypes.c_double),
                ("reserved_", _i64 * 2)]


class _ReconItem(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_int), ("code", ctypes.c_char_p), ("field", ctypes.c_char_p),
                ("a", ctypes.c_char_p), ("b", ctypes.c_char_p)]


_rate_p = ctypes.POINTER(_Rate)
_int_p = ctypes.POINTER(ctypes.c_int)
declare([
    ("tthc_766_group_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_agg_add", ctypes.c_int, [_p, _p, _err_p]),
    ("tthc_agg_add_feedback", ctypes.c_int, [_p, ctypes.c_char_p, _p]),
    ("tthc_agg_count", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER(_i64)]),
    ("tthc_agg_eval", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.POINTER(_Eval)]),
    ("tthc_agg_eval_ex", ctypes.c_int, [_p, ctypes.c_size_t, _p, ctypes.POINTER(_EvalPolicy),
                                        ctypes.POINTER(_Eval)]),
    ("tthc_agg_find", ctypes.c_int, [_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, _i32,
                                     _size_p]),
    ("tthc_agg_free", None, [_p]),
    ("tthc_agg_group", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.POINTER(_Key)]),
    ("tthc_agg_group_count", ctypes.c_size_t, [_p]),
    ("tthc_agg_merge", ctypes.c_int, [_p, _p]),
    ("tthc_agg_new", ctypes.c_int, [ctypes.c_uint, ctypes.c_int, _i64, ctypes.POINTER(_p)]),
    ("tthc_agg_rate", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.c_int, _rate_p]),
    ("tthc_agg_rollup", ctypes.c_int, [_p, ctypes.c_uint, ctypes.POINTER(_p)]),
    ("tthc_agg_set_catalog", ctypes.c_int, [_p, _p]),
    ("tthc_agg_set_clock", ctypes.c_int, [_p, _p]),
    ("tthc_agg_set_policy", ctypes.c_int, [_p, ctypes.c_uint]),
    ("tthc_agg_skipped", _i64, [_p, ctypes.c_int]),
    ("tthc_agg_time", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.POINTER(_Time)]),
    ("tthc_count_from_name", ctypes.c_int, [ctypes.c_char_p, _int_p]),
    ("tthc_count_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_eval_policy_default", ctypes.c_int, [ctypes.POINTER(_EvalPolicy)]),
    ("tthc_eval_score", ctypes.c_int, [ctypes.POINTER(_i64), ctypes.POINTER(_i64),
                                       ctypes.POINTER(_Eval)]),
    ("tthc_grade_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_grade_name_vi", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_index766_catalog_rates", ctypes.c_int, [_p, _p, ctypes.POINTER(_EvalPolicy), _p, _p,
                                                   ctypes.c_size_t, _rate_p]),
    ("tthc_index766_count", ctypes.c_size_t, [_p]),
    ("tthc_index766_external_from_json", ctypes.c_int, [_p, ctypes.c_char_p, ctypes.c_size_t,
                                                        _rate_p, _err_p]),
    ("tthc_index766_default", ctypes.c_int, [ctypes.POINTER(_p)]),
    ("tthc_index766_free", None, [_p]),
    ("tthc_index766_from_json", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                               ctypes.POINTER(_p), _err_p]),
    ("tthc_index766_item_get", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.POINTER(_Item766)]),
    ("tthc_index766_item_times", ctypes.c_char_p, [_p, ctypes.c_size_t]),
    ("tthc_index766_item_points", ctypes.c_int, [_p, ctypes.c_size_t, _rate_p,
                                                 ctypes.POINTER(ctypes.c_double)]),
    ("tthc_index766_score", ctypes.c_int, [_p, _p, ctypes.c_size_t, _rate_p, ctypes.c_uint,
                                           ctypes.POINTER(_Result766)]),
    ("tthc_index766_to_json_alloc", ctypes.c_int, [_p, ctypes.POINTER(_p)]),
    ("tthc_percent_format", ctypes.c_int, [ctypes.c_double, ctypes.c_int, ctypes.c_char_p,
                                           ctypes.c_size_t, _size_p]),
    ("tthc_rank", ctypes.c_int, [ctypes.POINTER(ctypes.c_double), ctypes.c_size_t,
                                 ctypes.POINTER(_i32)]),
    ("tthc_rank_format", ctypes.c_int, [_i32, _i32, ctypes.c_char_p, ctypes.c_size_t, _size_p]),
    ("tthc_rate_format", ctypes.c_int, [_rate_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t,
                                        _size_p]),
    ("tthc_rate_from_name", ctypes.c_int, [ctypes.c_char_p, _int_p]),
    ("tthc_rate_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_recon_add", ctypes.c_int, [_p, ctypes.c_int, _p]),
    ("tthc_recon_count", ctypes.c_size_t, [_p]),
    ("tthc_recon_field_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_recon_finish", ctypes.c_int, [_p]),
    ("tthc_recon_free", None, [_p]),
    ("tthc_recon_get", ctypes.c_int, [_p, ctypes.c_size_t, ctypes.POINTER(_ReconItem)]),
    ("tthc_recon_kind_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_recon_new", ctypes.c_int, [ctypes.c_uint, ctypes.c_uint, ctypes.POINTER(_p)]),
    ("tthc_recon_side_count", ctypes.c_size_t, [_p, ctypes.c_int]),
    ("tthc_targets_check", ctypes.c_int, [_p, ctypes.c_size_t, _p, ctypes.c_size_t,
                                          ctypes.POINTER(_Check)]),
    ("tthc_targets_count", ctypes.c_size_t, [_p]),
    ("tthc_targets_free", None, [_p]),
    ("tthc_targets_from_json", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                              ctypes.POINTER(_p), _err_p]),
    ("tthc_schedule_dates", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, _i32, _p, _i32, _i32,
                                           ctypes.POINTER(_i32), ctypes.POINTER(_i32),
                                           ctypes.c_size_t, _size_p, _err_p]),
    ("tthc_targets_name", ctypes.c_char_p, [_p]),
])


def _enumerate(fn, start=0):
    out, i = [], start
    while (n := fn(i)) is not None:
        out.append(n.decode())
        i += 1
    return tuple(out)


COUNTS = _enumerate(lib.tthc_count_name)            #: names of the counts kept per group
RATES = _enumerate(lib.tthc_rate_name)              #: names of the rates
GRADES = (None,) + _enumerate(lib.tthc_grade_name, 1)  #: None, 'weak' … 'excellent'
#: the grades in Vietnamese, by the same index: None, 'Yếu' … 'Xuất sắc'
GRADES_VI = (None,) + tuple(lib.tthc_grade_name_vi(i).decode() for i in range(1, len(GRADES)))
GROUPS_766 = _enumerate(lib.tthc_766_group_name)   #: 'publicity', 'progress' …
_KEYS = {"unit": 1, "field": 2, "procedure": 4}
_PERIODS = {"day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5}
_SKIPS = ("test", "cancelled", "future", "error")


class Rate(collections.namedtuple("Rate", "num den value applicable")):
    """An exact rate num/den. ``applicable`` is False when there is no dossier of the kind:
    that is "not applicable", not 0 %. ``str()`` writes "87,03%" or "N/A"."""

    def _c(self):
        return _Rate(self.num, self.den, self.value, int(self.applicable))

    def format(self, decimals=2):
        """Vietnamese percentage, rounded half up from the exact fraction ("N/A" if not
        applicable)."""
        buf = ctypes.create_string_buffer(64)
        r = self._c()
        check(lib.tthc_rate_format(ctypes.byref(r), decimals, buf, len(buf), None))
        return buf.value.decode()

    def __str__(self):
        return self.format(2)

    @classmethod
    def of(cls, num, den):
        """The rate num/den (not applicable when den is 0)."""
        return cls(num, den, num / den if den else 0.0, den > 0)


def _rate(c):
    return Rate(c.num, c.den, c.value, bool(c.applicable))


TimeStats = collections.namedtuple(
    "TimeStats", "count working sum min max mean median median_lo median_hi median_exact "
                 "budgeted used_budgeted budget used_share")
TimeStats.__doc__ = """Processing time of the resolved dossiers of a group, in seconds (working
time with a calendar, else calendar time). The median is exact up to 64 dossiers, then bounded
by [median_lo, median_hi] (fixed histogram bins; see docs/indicator.md)."""

Evaluation = collections.namedtuple("Evaluation",
                                    "scores counts derived total indices grade sources")
Evaluation.__doc__ = """TT 01/2018 evaluation: ``scores`` nine values rounded to one decimal
(None without data), ``total``, ``grade`` ('excellent' … 'weak', None without data);
``sources`` says where each index came from: 'dossiers' (recorded or per-dossier scores, or no
data), 'counts' (the unit's counts) or 'catalog' (the procedure catalog, with the counts for
index 9)."""

Score766 = collections.namedtuple("Score766",
                                  "total max share grade groups items times_applied "
                                  "times_missing")
Score766.__doc__ = """766 score: points ``total`` of ``max`` (indicators with data), ``share``,
``grade``, ``groups`` {name: (points, max)} and ``items`` {id: (points, Rate)};
``times_applied`` the ids whose rate was multiplied by their multiplier's (3.3 × 1.4),
``times_missing`` those left unmultiplied because the multiplier had no rate."""

TargetCheck = collections.namedtuple("TargetCheck", "rate kind bound actual passed gap")
TargetCheck.__doc__ = """A target against a group: ``passed`` True, False, or None when not
applicable; ``gap`` > 0 is the shortfall of a missed target, ≤ 0 the margin."""

Difference = collections.namedtuple("Difference", "kind code field a b")
Difference.__doc__ = """A reconciliation difference: ``kind`` 'only_a', 'only_b', 'mismatch',
'duplicate'; for a mismatch the ``field`` and the values ``a`` and ``b``; for a duplicate the
side in ``field``."""


def _keys(by):
    keys, period = 0, 0
    for name in by:
        if name in _KEYS:
            keys |= _KEYS[name]
        elif name in _PERIODS:
            if period:
                raise ValueError("at most one period in 'by'")
            keys |= 8
            period = _PERIODS[name]
        else:
            raise ValueError(f"unknown key {name!r} (unit, field, procedure, day, week, month, "
                             "quarter, year)")
    return keys, period


class Aggregate:
    """A mergeable aggregate. ``by``: names among 'unit', 'field', 'procedure' and one period
    'day', 'week', 'month', 'quarter', 'year'. ``as_of``: the report instant (default now).
    ``policy``: status policy names (see ``Dossier.status``). Working time is counted on
    ``calendar`` (default: the national calendar) unless ``clock=False``; a ``catalog``
    (``tthc.Catalog``) fills fields, limits, fees and 4-at-place eligibility."""

    def __init__(self, by=("unit",), as_of=None, policy=(), calendar=None, hours=None,
                 deadline_policy=None, catalog=None, clock=True, _handle=None):
        self._keep = []
        if _handle is not None:
            self._h = _handle
            return
        keys, period = _keys(by)
        if as_of is None:
            as_of = _dt.datetime.now(_dt.timezone.utc)
        h = _p()
        check(lib.tthc_agg_new(keys, period, to_seconds(as_of), ctypes.byref(h)))
        self._h = h
        check(lib.tthc_agg_set_policy(h, _policy_flags(policy)))
        if clock:
            c, keep = _clock(calendar, hours, deadline_policy)
            self._keep.append(keep)
            check(lib.tthc_agg_set_clock(h, ctypes.byref(c)))
        if catalog is not None:
            self._keep.append(catalog)
            check(lib.tthc_agg_set_catalog(h, catalog._h))

    def __del__(self):
        if getattr(self, "_h", None):
            lib.tthc_agg_free(self._h)
            self._h = None

    def add(self, dossier):
        """Count a ``tthc.Dossier``."""
        err = ErrorStruct()
        check(lib.tthc_agg_add(self._h, dossier._h, ctypes.byref(err)), err)

    def add_many(self, dossiers):
        """Count every dossier of an iterable; returns the aggregate."""
        for d in dossiers:
            self.add(d)
        return self

    def add_feedback(self, unit, feedback):
        """Count a ``tthc.Feedback`` for ``unit`` (needs the calendar)."""
        s = _feedback_struct(feedback)
        check(lib.tthc_agg_add_feedback(self._h, unit.encode() if unit else None,
                                        ctypes.byref(s)))

    def merge(self, other):
        """Add everything of ``other`` (built with the same keys, instant and policy)."""
        check(lib.tthc_agg_merge(self._h, other._h))
        self._keep.extend(other._keep)
        return self

    def rollup(self, by):
        """A new aggregate over fewer keys (e.g. unit × month → unit)."""
        keys, _ = _keys(by)
        h = _p()
        check(lib.tthc_agg_rollup(self._h, keys, ctypes.byref(h)))
        r = Aggregate(_handle=h)
        r._keep = list(self._keep)
        return r

    @property
    def skipped(self):
        """Dossiers left out: test, cancelled, future (received after as_of), error."""
        return {n: lib.tthc_agg_skipped(self._h, i) for i, n in enumerate(_SKIPS)}

    def __len__(self):
        return lib.tthc_agg_group_count(self._h)

    @property
    def groups(self):
        """The groups, as :class:`Group` objects, in key order."""
        return [Group(self, i) for i in range(len(self))]

    def __iter__(self):
        return iter(self.groups)

    def find(self, unit=None, field=None, procedure=None, period=None):
        """The group with that key (``period``: any date in the period), or None."""
        out = ctypes.c_size_t()
        st = lib.tthc_agg_find(self._h, unit.encode() if unit else None,
                               field.encode() if field else None,
                               procedure.encode() if procedure else None,
                               to_day_number(period) if period else 0, ctypes.byref(out))
        if st == 8:  # ENOTFOUND
            return None
        check(st)
        return Group(self, out.value)


class Group:
    """One group of an aggregate (valid until the aggregate changes)."""

    def __init__(self, agg, index):
        self._agg, self._i = agg, index
        k = _Key()
        check(lib.tthc_agg_group(agg._h, index, ctypes.byref(k)))
        self.unit, self.field, self.procedure = (k.unit.decode(), k.field.decode(),
                                                 k.procedure.decode())
        self.period = k.label.decode() or None
        self.period_start = from_day_number(k.period_start) if self.period else None
        self.period_end = from_day_number(k.period_end) if self.period else None

    def __repr__(self):
        key = ", ".join(f"{n}={getattr(self, n)!r}" for n in ("unit", "field", "procedure",
                                                              "period") if getattr(self, n))
        return f"<Group {key}>"

    @property
    def counts(self):
        """Every count of the group as a dict name -> int (:data:`COUNTS`)."""
        out = {}
        v = _i64()
        for i, n in enumerate(COUNTS):
            check(lib.tthc_agg_count(self._agg._h, self._i, i, ctypes.byref(v)))
            out[n] = v.value
        return out

    def rate(self, name):
        """The :class:`Rate` ``name`` (or its index) of :data:`RATES`."""
        rid = RATES.index(name) if isinstance(name, str) else name
        r = _Rate()
        check(lib.tthc_agg_rate(self._agg._h, self._i, rid, ctypes.byref(r)))
        return _rate(r)

    @property
    def rates(self):
        """Every rate as a dict name -> :class:`Rate`."""
        return {n: self.rate(i) for i, n in enumerate(RATES)}

    @property
    def time(self):
        """The processing time of the resolved dossiers (:class:`TimeStats`)."""
        t = _Time()
        check(lib.tthc_agg_time(self._agg._h, self._i, ctypes.byref(t)))
        return TimeStats(t.count, bool(t.working), t.sum, t.min, t.max, t.mean, t.median,
                         t.median_lo, t.median_hi, bool(t.median_exact), t.budgeted,
                         t.used_budgeted, t.budget, _rate(t.used_share))

    @property
    def evaluation(self):
        """The TT 01/2018 citizen evaluation (:class:`Evaluation`)."""
        e = _Eval()
        check(lib.tthc_agg_eval(self._agg._h, self._i, ctypes.byref(e)))
        return _evaluation(e)

    def evaluate(self, catalog=None, *, level=None, online_procs_pct=None,
                 online_high_pct=None, online_low_pct=None, full_counter_pct=None,
                 one_stop_all=None):
        """The TT 01/2018 evaluation with the unit-level indices 5 and 9 derived from the
        unit's ``catalog`` (``tthc.Catalog``; docs/indicator.md states the rules). The policy
        (defaults in brackets): ``level`` the unit's level name ('commune' …; [None]:
        the whole catalog), ``online_procs_pct`` [20], ``online_high_pct`` [30],
        ``online_low_pct`` [15], ``full_counter_pct`` {level: percent} [central 20, province
        20, district 50, commune 100], ``one_stop_all`` True/False/[None] (did the One-stop
        receive and return every dossier of its procedures?)."""
        policy = {"level": level, "online_procs_pct": online_procs_pct,
                  "online_high_pct": online_high_pct, "online_low_pct": online_low_pct,
                  "full_counter_pct": full_counter_pct, "one_stop_all": one_stop_all}
        e = _Eval()
        check(lib.tthc_agg_eval_ex(self._agg._h, self._i, catalog._h if catalog else None,
                                   ctypes.byref(_eval_policy(policy)), ctypes.byref(e)))
        return _evaluation(e)

    def score766(self, table=None, external=None, na_zero=False, catalog=None,
                 by_procedure=None, level=None):
        """The 766 score with ``table`` (default: the built-in one). ``external``: {id: Rate or
        fraction} for the indicators whose data are not in dossiers. With a ``catalog``, the
        external indicators it gives (1.3, 3.1, and 3.2 and 3.5 when ``by_procedure`` is an
        aggregate of the same dossiers keyed by this one's keys plus 'procedure') are derived
        for the unit's procedures (``level``: a level name, default the whole catalog); a rate in
        ``external`` wins."""
        table = table or Index766.default()
        ext = None
        if external or catalog is not None:
            ext = (_Rate * max(len(table), 1))()
            for i, item in enumerate(table.items):
                v = (external or {}).get(item.id)
                if v is not None:
                    ext[i] = (v if isinstance(v, Rate) else Rate.of(round(v * 10**6), 10**6))._c()
        if catalog is not None:
            pol = _eval_policy({"level": level})
            check(lib.tthc_index766_catalog_rates(
                table._h, catalog._h, ctypes.byref(pol),
                by_procedure._h if by_procedure is not None else None,
                self._agg._h if by_procedure is not None else None, self._i, ext))
        r = _Result766()
        check(lib.tthc_index766_score(table._h, self._agg._h, self._i, ext, 1 if na_zero else 0,
                                      ctypes.byref(r)))
        ids = [table.items[i].id for i in range(r.items)]
        return Score766(r.total, r.max, r.share, GRADES[r.grade],
                        {GROUPS_766[g]: (r.group_total[g], r.group_max[g]) for g in range(5)},
                        {ids[i]: (r.item_points[i], _rate(r.item_rate[i]))
                         for i in range(r.items)},
                        tuple(x for i, x in enumerate(ids) if r.times_applied >> i & 1),
                        tuple(x for i, x in enumerate(ids) if r.times_missing >> i & 1))

    def check(self, targets):
        """Every target of a ``Targets`` set against this group."""
        out = []
        for k in range(len(targets)):
            c = _Check()
            check(lib.tthc_targets_check(targets._h, k, self._agg._h, self._i, ctypes.byref(c)))
            out.append(TargetCheck(RATES[c.rate], "max" if c.is_max else "min", c.bound,
                                   _rate(c.actual), None if c.pass_ < 0 else bool(c.pass_),
                                   c.gap))
        return out


_SOURCES = ("dossiers", "counts", "catalog")


def _evaluation(e):
    return Evaluation(tuple(None if t < 0 else t / 10 for t in e.tenths), tuple(e.n),
                      tuple(bool(x) for x in e.derived), e.total_tenths / 10, e.indices,
                      GRADES[e.grade], tuple(_SOURCES[x] for x in e.derived))


def _eval_policy(kw):
    """A tthc_eval_policy from keywords (see Group.evaluate)."""
    from .procedure import LEVELS
    p = _EvalPolicy()
    check(lib.tthc_eval_policy_default(ctypes.byref(p)))
    if kw.get("level") is not None:
        if kw["level"] not in LEVELS:
            raise ValueError(f"unknown level {kw['level']!r} ({', '.join(LEVELS[1:])})")
        p.level = LEVELS.index(kw["level"])
    for name in ("online_procs_pct", "online_high_pct", "online_low_pct"):
        if kw.get(name) is not None:
            setattr(p, name, kw[name])
    for level, pct in (kw.get("full_counter_pct") or {}).items():
        if level not in LEVELS[1:]:
            raise ValueError(f"unknown level {level!r} ({', '.join(LEVELS[1:])})")
        p.full_counter_pct[LEVELS.index(level)] = pct
    one = kw.get("one_stop_all")
    p.one_stop_all = -1 if one is None else int(bool(one))
    return p


def evaluation_score(sums, counts):
    """TT 01/2018 scoring of nine index sums and counts (each score 0, 1, 2)."""
    s, n, e = (_i64 * 9)(*sums), (_i64 * 9)(*counts), _Eval()
    check(lib.tthc_eval_score(s, n, ctypes.byref(e)))
    return _evaluation(e)


Item766 = collections.namedtuple("Item766", "id name group rate points threshold times")
Item766.__doc__ = """An indicator of a 766 table; ``times`` is the id of the indicator whose
rate multiplies its own (3.3 × 1.4 in the built-in table), or None."""


class Index766:
    """A 766 point table: ``Index766.default()`` (per-indicator points are documented defaults,
    not the decision's table) or ``Index766.from_json(text)``."""

    def __init__(self, _handle):
        self._h = _handle
        self.items = []
        it = _Item766()
        for i in range(lib.tthc_index766_count(_handle)):
            check(lib.tthc_index766_item_get(_handle, i, ctypes.byref(it)))
            times = lib.tthc_index766_item_times(_handle, i)
            self.items.append(Item766(it.id.decode(), it.name_vi.decode(), GROUPS_766[it.group],
                                      it.rate.decode() if it.rate else None, it.points,
                                      it.threshold, times.decode() if times else None))

    @classmethod
    def default(cls):
        """The built-in point table (documented defaults)."""
        h = _p()
        check(lib.tthc_index766_default(ctypes.byref(h)))
        return cls(h)

    @classmethod
    def from_json(cls, text):
        """A point table from JSON text (docs/indicator.md)."""
        raw = text.encode() if isinstance(text, str) else text
        h, err = _p(), ErrorStruct()
        check(lib.tthc_index766_from_json(raw, len(raw), ctypes.byref(h), ctypes.byref(err)), err)
        return cls(h)

    def to_json(self):
        """The table as JSON text (what :meth:`from_json` reads)."""
        out = _p()
        check(lib.tthc_index766_to_json_alloc(self._h, ctypes.byref(out)))
        try:
            return ctypes.string_at(out).decode()
        finally:
            lib.tthc_free(out)

    def read_external(self, text):
        """External rates from JSON ({"1.4": 0.97, "3.5": "80%"}: fractions, kept to 10⁻⁶, or
        exact percentage strings) as {id: Rate}, checked against the table."""
        raw = text.encode() if isinstance(text, str) else text
        ext, err = (_Rate * max(len(self), 1))(), ErrorStruct()
        check(lib.tthc_index766_external_from_json(self._h, raw, len(raw), ext,
                                                   ctypes.byref(err)), err)
        return {it.id: _rate(ext[i]) for i, it in enumerate(self.items) if ext[i].den > 0}

    def points(self, item, rate):
        """Points of indicator ``item`` (index or id) for ``rate`` (a Rate or a fraction)."""
        i = item if isinstance(item, int) else [x.id for x in self.items].index(item)
        r = (rate if isinstance(rate, Rate) else Rate.of(round(rate * 10**9), 10**9))._c()
        out = ctypes.c_double()
        check(lib.tthc_index766_item_points(self._h, i, ctypes.byref(r), ctypes.byref(out)))
        return out.value

    def __len__(self):
        return len(self.items)

    def __del__(self):
        if getattr(self, "_h", None):
            lib.tthc_index766_free(self._h)
            self._h = None


class Targets:
    """A target set: ``Targets.from_json('{"targets": [{"rate": "online", "min": 0.85}]}')``."""

    def __init__(self, _handle):
        self._h = _handle
        self.name = lib.tthc_targets_name(_handle).decode()

    @classmethod
    def from_json(cls, text):
        """A target set from JSON text."""
        raw = text.encode() if isinstance(text, str) else text
        h, err = _p(), ErrorStruct()
        check(lib.tthc_targets_from_json(raw, len(raw), ctypes.byref(h), ctypes.byref(err)), err)
        return cls(h)

    @classmethod
    def load(cls, path):
        """A target set from a JSON file."""
        with open(path, "rb") as f:
            return cls.from_json(f.read())

    def __len__(self):
        return lib.tthc_targets_count(self._h)

    def __del__(self):
        if getattr(self, "_h", None):
            lib.tthc_targets_free(self._h)
            self._h = None


def rank(scores):
    """Competition ranks ("1224") of scores, highest first; None/NaN rank last."""
    n = len(scores)
    arr = (ctypes.c_double * max(n, 1))(*[math.nan if s is None else s for s in scores])
    out = (_i32 * max(n, 1))()
    check(lib.tthc_rank(arr, n, out))
    return [out[i] for i in range(n)]


def format_rank(rank_, n):
    """"01/16": the rank zero-padded to the width of n (at least two digits)."""
    buf = ctypes.create_string_buffer(32)
    check(lib.tthc_rank_format(rank_, n, buf, len(buf), None))
    return buf.value.decode()


def format_percent(fraction, decimals=2):
    """0.8703 → "87,03%"."""
    buf = ctypes.create_string_buffer(64)
    check(lib.tthc_percent_format(fraction, decimals, buf, len(buf), None))
    return buf.value.decode()


class Reconciliation:
    """Compare two records of the same dossiers by code: ``add(0, d)`` for side A,
    ``add(1, d)`` for B, then ``differences()``. ``instants`` compares to the second (default:
    dates); ``fields`` limits the compared fields (names of ``Reconciliation.FIELDS``)."""

    FIELDS = _enumerate(lib.tthc_recon_field_name)
    KINDS = (None,) + _enumerate(lib.tthc_recon_kind_name, 1)

    def __init__(self, instants=False, fields=None):
        mask = 0
        for f in fields or ():
            mask |= 1 << self.FIELDS.index(f)
        h = _p()
        check(lib.tthc_recon_new(1 if instants else 0, mask, ctypes.byref(h)))
        self._h = h

    def add(self, side, dossier):
        """Add a dossier to side 0 (A) or 1 (B)."""
        check(lib.tthc_recon_add(self._h, side, dossier._h))

    def add_many(self, side, dossiers):
        """Add every dossier of an iterable to one side."""
        for d in dossiers:
            self.add(side, d)

    def differences(self):
        """Every difference as :class:`Difference` tuples (ends the adding)."""
        check(lib.tthc_recon_finish(self._h))
        out, it = [], _ReconItem()
        for i in range(lib.tthc_recon_count(self._h)):
            check(lib.tthc_recon_get(self._h, i, ctypes.byref(it)))
            out.append(Difference(self.KINDS[it.kind], it.code.decode(), it.field.decode(),
                                  it.a.decode(), it.b.decode()))
        return out

    def counts(self):
        """(dossiers in A, dossiers in B)."""
        return lib.tthc_recon_side_count(self._h, 0), lib.tthc_recon_side_count(self._h, 1)

    def __del__(self):
        if getattr(self, "_h", None):
            lib.tthc_recon_free(self._h)
            self._h = None


def report_dates(rule, start, first, last, calendar=None):
    """Deadlines of a recurring report between the dates ``first`` and ``last``: a list of
    ``(nominal, due)`` pairs, ``due`` being the nominal date or the working day before it when
    it is a day off. ``rule`` is an iCalendar RRULE ("FREQ=MONTHLY;BYMONTHDAY=20") recurring
    from ``start``.

    >>> import datetime as dt
    >>> report_dates("FREQ=MONTHLY;BYMONTHDAY=20", dt.date(2025, 1, 1), dt.date(2025, 7, 1),
    ...              dt.date(2025, 7, 31))
    [(datetime.date(2025, 7, 20), datetime.date(2025, 7, 18))]
    """
    cal = calendar if calendar is not None else national_calendar()
    raw = rule.encode()
    count, err = ctypes.c_size_t(), ErrorStruct()
    args = (raw, len(raw), to_day_number(start), cal._handle(), to_day_number(first),
            to_day_number(last))
    st = lib.tthc_schedule_dates(*args, None, None, 0, ctypes.byref(count), ctypes.byref(err))
    if st not in (0, 7):  # OK, ENOSPC
        check(st, err)
    n = count.value
    nom, due = (_i32 * max(n, 1))(), (_i32 * max(n, 1))()
    check(lib.tthc_schedule_dates(*args, nom, due, n, ctypes.byref(count), ctypes.byref(err)), err)
    return [(from_day_number(nom[i]), from_day_number(due[i])) for i in range(n)]
