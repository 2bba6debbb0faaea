"""Working calendars (libtthc's calendar and ical modules).

A :class:`Calendar` is the compiled national calendar (or your own) over whole years: built-in
official schedules 2019-2026, the holiday law of each era elsewhere, Saturday + Sunday rest,
plus whatever a :class:`CalendarBuilder` added (local days, schedules loaded from JSON, .ics
files). Working-day arithmetic is O(1). A calendar is immutable and may be shared by threads.

>>> import datetime as dt, tthc
>>> cal = tthc.Calendar.vietnam(2025, 2026)
>>> cal.is_working_day(dt.date(2025, 1, 29)), cal.year_status(2025)
(False, 'official')
>>> cal.add_working_days(dt.date(2025, 1, 24), 5)
datetime.date(2025, 2, 7)
>>> [e.kind for e in cal.entries(dt.date(2026, 1, 1), dt.date(2026, 1, 31))]
['holiday', 'swap_off', 'makeup_workday']
>>> cal.day(dt.date(2026, 1, 10)).name_vi
'Làm bù ngày 02/01/2026'
"""
import collections
import ctypes

from ._lib import ErrorStruct, check, declare, lib
from .date import from_day_number, to_day_number

__all__ = ["Calendar", "CalendarBuilder", "Entry", "KINDS", "STATUSES", "MIN_YEAR", "MAX_YEAR"]

MIN_YEAR, MAX_YEAR = 1800, 2199  #: years a calendar with the national base may cover
#: day kinds by C value (tthc_day_kind)
KINDS = ("workday", "weekly_rest", "holiday", "compensatory", "swap_off", "makeup_workday",
         "local")
STATUSES = ("rules", "official", "custom")  #: year statuses by C value (tthc_year_status)
_FLAGS = {"rules_only": 1, "culture_day": 2, "empty": 4}

Entry = collections.namedtuple("Entry", "date kind name_vi name_en source")
Entry.__doc__ = ("A dated calendar entry: date (datetime.date), kind ('holiday', "
                 "'compensatory', 'swap_off', 'makeup_workday', 'local'), Vietnamese and "
                 "English names, legal source.")

_p = ctypes.c_void_p
_i32_p = ctypes.POINTER(ctypes.c_int32)
_int_p = ctypes.POINTER(ctypes.c_int)
_err_p = ctypes.POINTER(ErrorStruct)
declare([
    ("tthc_cal_add_workdays", ctypes.c_int, [_p, ctypes.c_int32, ctypes.c_int32, _i32_p]),
    ("tthc_cal_build", ctypes.c_int, [_p, ctypes.POINTER(_p)]),
    ("tthc_cal_builder_add_day", ctypes.c_int, [_p, ctypes.c_int32, ctypes.c_int,
                                                ctypes.c_char_p, ctypes.c_char_p,
                                                ctypes.c_char_p]),
    ("tthc_cal_builder_free", None, [_p]),
    ("tthc_cal_builder_load_json", ctypes.c_int, [_p, ctypes.c_char_p, ctypes.c_size_t, _err_p]),
    ("tthc_cal_builder_new", ctypes.c_int, [ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                            ctypes.POINTER(_p)]),
    ("tthc_cal_builder_remove_day", ctypes.c_int, [_p, ctypes.c_int32]),
    ("tthc_cal_builder_set_weekly_rest", ctypes.c_int, [_p, ctypes.c_uint]),
    ("tthc_cal_builder_set_year_status", ctypes.c_int, [_p, ctypes.c_int, ctypes.c_int]),
    ("tthc_cal_count_workdays", ctypes.c_int, [_p, ctypes.c_int32, ctypes.c_int32, _i32_p]),
    ("tthc_cal_day", ctypes.c_int, [_p, ctypes.c_int32, _int_p, ctypes.POINTER(_p)]),
    ("tthc_cal_entry_count", ctypes.c_int, [_p, ctypes.c_int32, ctypes.c_int32,
                                            ctypes.POINTER(ctypes.c_size_t)]),
    ("tthc_cal_entry_date", ctypes.c_int32, [_p]),
    ("tthc_cal_entry_kind", ctypes.c_int, [_p]),
    ("tthc_cal_entry_name_en", ctypes.c_char_p, [_p]),
    ("tthc_cal_entry_name_vi", ctypes.c_char_p, [_p]),
    ("tthc_cal_entry_source", ctypes.c_char_p, [_p]),
    ("tthc_cal_first_date", ctypes.c_int32, [_p]),
    ("tthc_cal_free", None, [_p]),
    ("tthc_cal_is_workday", ctypes.c_int, [_p, ctypes.c_int32, _int_p]),
    ("tthc_cal_iter_free", None, [_p]),
    ("tthc_cal_iter_new", ctypes.c_int, [_p, ctypes.c_int32, ctypes.c_int32, ctypes.POINTER(_p)]),
    ("tthc_cal_iter_next", _p, [_p]),
    ("tthc_cal_last_date", ctypes.c_int32, [_p]),
    ("tthc_cal_memory", ctypes.c_size_t, [_p]),
    ("tthc_cal_month_nth_workday", ctypes.c_int, [_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                                  _i32_p]),
    ("tthc_cal_month_workdays", ctypes.c_int, [_p, ctypes.c_int, ctypes.c_int, _i32_p]),
    ("tthc_cal_new_vietnam", ctypes.c_int, [ctypes.c_int, ctypes.c_int, ctypes.POINTER(_p)]),
    ("tthc_cal_next_workday", ctypes.c_int, [_p, ctypes.c_int32, _i32_p]),
    ("tthc_cal_prev_workday", ctypes.c_int, [_p, ctypes.c_int32, _i32_p]),
    ("tthc_cal_weekly_rest", ctypes.c_uint, [_p]),
    ("tthc_cal_year_status", ctypes.c_int, [_p, ctypes.c_int, _int_p]),
    ("tthc_day_kind_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_day_kind_parse", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, _int_p]),
    ("tthc_ical_export_alloc", ctypes.c_int, [_p, ctypes.c_int32, ctypes.c_int32,
                                              ctypes.POINTER(_p),
                                              ctypes.POINTER(ctypes.c_size_t)]),
    ("tthc_ical_import", ctypes.c_int, [_p, ctypes.c_char_p, ctypes.c_size_t, _err_p]),
    ("tthc_year_status_name", ctypes.c_char_p, [ctypes.c_int]),
])

# The kind and status names come from the library, not from this file.
assert KINDS == tuple(lib.tthc_day_kind_name(i).decode() for i in range(len(KINDS)))
assert STATUSES == tuple(lib.tthc_year_status_name(i).decode() for i in range(len(STATUSES)))


def _text(value, what):
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"{what}: expected str, got {type(value).__name__}")


def _kind(kind):
    b = _text(kind, "kind")
    out = ctypes.c_int()
    check(lib.tthc_day_kind_parse(b, len(b), ctypes.byref(out)))
    return out.value


def _rest_mask(days):
    mask = 0
    for d in days:
        if not isinstance(d, int) or not 1 <= d <= 7:
            raise ValueError("weekly rest days are ISO weekdays 1 (Monday) - 7 (Sunday), "
                             f"not {d!r}")
        mask |= 1 << d
    return mask


def _entry(p):
    return Entry(from_day_number(lib.tthc_cal_entry_date(p)), KINDS[lib.tthc_cal_entry_kind(p)],
                 lib.tthc_cal_entry_name_vi(p).decode(), lib.tthc_cal_entry_name_en(p).decode(),
                 lib.tthc_cal_entry_source(p).decode())


class _Owned:
    """An owned C handle: ``close()`` (also on ``with`` exit and collection) frees it once."""
    _free = None  # the C function releasing the handle, set by subclasses
    _h = None

    def _handle(self):
        if not self._h:
            raise ValueError(f"the {type(self).__name__} is closed")
        return self._h

    def close(self):
        """Release the C object now (else when the Python object is collected)."""
        if self._h:
            type(self)._free(self._h)
            self._h = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


class CalendarBuilder(_Owned):
    """Collects the parts of a calendar; :meth:`build` compiles it.

    ``base`` is ``"vietnam"`` (built-in official schedules, the rules elsewhere),
    ``"rules"`` (the rules for every year) or ``"empty"`` (only what you add).
    ``culture_day`` switches on the pending 24/11 rule (Ngày Văn hóa Việt Nam)."""

    def __init__(self, first_year, last_year, base="vietnam", culture_day=False):
        flags = {"vietnam": 0, "rules": _FLAGS["rules_only"], "empty": _FLAGS["empty"]}.get(base)
        if flags is None:
            raise ValueError(f"base must be 'vietnam', 'rules' or 'empty', not {base!r}")
        if culture_day:
            flags |= _FLAGS["culture_day"]
        h = ctypes.c_void_p()
        check(lib.tthc_cal_builder_new(first_year, last_year, flags, ctypes.byref(h)))
        self._h = h

    def set_weekly_rest(self, days):
        """Weekly rest days as ISO weekdays, e.g. ``{6, 7}`` (default) or ``{7}``."""
        check(lib.tthc_cal_builder_set_weekly_rest(self._handle(), _rest_mask(days)))
        return self

    def add_day(self, date, kind, name_vi, name_en=None, source=None):
        """Add (or replace) the entry of ``date``: kind 'local', 'holiday', 'compensatory',
        'swap_off' or 'makeup_workday'."""
        check(lib.tthc_cal_builder_add_day(
            self._handle(), to_day_number(date), _kind(kind), _text(name_vi, "name_vi"),
            None if name_en is None else _text(name_en, "name_en"),
            None if source is None else _text(source, "source")))
        return self

    def remove_day(self, date):
        """Make ``date`` an ordinary day of the weekly pattern (drop its holiday, swap …)."""
        check(lib.tthc_cal_builder_remove_day(self._handle(), to_day_number(date)))
        return self

    def set_year_status(self, year, status):
        """Declare a year 'official', 'rules' or 'custom'."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        check(lib.tthc_cal_builder_set_year_status(self._handle(), year, STATUSES.index(status)))
        return self

    def load_json(self, text):
        """Load yearly schedules (JSON text, schema in docs/calendar.md). All or nothing;
        errors name the JSON path."""
        b = _text(text, "json")
        err = ErrorStruct()
        check(lib.tthc_cal_builder_load_json(self._handle(), b, len(b), ctypes.byref(err)), err)
        return self

    def import_ics(self, text):
        """Add the all-day events of an iCalendar text. All or nothing; errors carry the line."""
        b = _text(text, "ics")
        err = ErrorStruct()
        check(lib.tthc_ical_import(self._handle(), b, len(b), ctypes.byref(err)), err)
        return self

    def build(self):
        """The compiled :class:`Calendar` (the builder stays usable)."""
        h = ctypes.c_void_p()
        check(lib.tthc_cal_build(self._handle(), ctypes.byref(h)))
        return Calendar._wrap(h)


CalendarBuilder._free = staticmethod(lib.tthc_cal_builder_free)


class Calendar(_Owned):
    """A compiled working calendar. Build one with :meth:`vietnam`, :meth:`from_ics` or a
    :class:`CalendarBuilder`. Dates are ``datetime.date``; dates outside the calendar raise
    :class:`tthc.OutOfRangeError`."""

    def __init__(self):
        raise TypeError("use Calendar.vietnam(), Calendar.from_ics() or CalendarBuilder")

    @classmethod
    def _wrap(cls, h):
        self = object.__new__(cls)
        self._h = h
        return self

    @classmethod
    def vietnam(cls, first_year, last_year, culture_day=False, rules_only=False,
                weekly_rest=None, schedules=(), ics=()):
        """The national calendar for civil servants over [first_year, last_year]. Optional:
        the pending 24/11 rule, rules for every year, other weekly rest days, JSON schedule
        texts and .ics texts laid over it."""
        if not (culture_day or rules_only or weekly_rest or schedules or ics):
            h = ctypes.c_void_p()
            check(lib.tthc_cal_new_vietnam(first_year, last_year, ctypes.byref(h)))
            return cls._wrap(h)
        with CalendarBuilder(first_year, last_year, "rules" if rules_only else "vietnam",
                             culture_day) as b:
            if weekly_rest is not None:
                b.set_weekly_rest(weekly_rest)
            for s in ([schedules] if isinstance(schedules, (str, bytes)) else schedules):
                b.load_json(s)
            for t in ([ics] if isinstance(ics, (str, bytes)) else ics):
                b.import_ics(t)
            return b.build()

    @classmethod
    def from_ics(cls, text, first_year, last_year, base="empty"):
        """A calendar of the events of an iCalendar text (over ``base``, default none)."""
        with CalendarBuilder(first_year, last_year, base) as b:
            return b.import_ics(text).build()

    @property
    def first_date(self):
        """The first date the calendar covers (1 January of its first year)."""
        return from_day_number(lib.tthc_cal_first_date(self._handle()))

    @property
    def last_date(self):
        """The last date the calendar covers (31 December of its last year)."""
        return from_day_number(lib.tthc_cal_last_date(self._handle()))

    @property
    def weekly_rest(self):
        """Weekly rest days as a frozenset of ISO weekdays ({6, 7})."""
        m = lib.tthc_cal_weekly_rest(self._handle())
        return frozenset(d for d in range(1, 8) if m & (1 << d))

    @property
    def memory(self):
        """Bytes the compiled calendar holds."""
        return lib.tthc_cal_memory(self._handle())

    def is_working_day(self, date):
        """True if civil servants work on ``date`` (a make-up Saturday is one)."""
        out = ctypes.c_int()
        check(lib.tthc_cal_is_workday(self._handle(), to_day_number(date), ctypes.byref(out)))
        return bool(out.value)

    def kind(self, date):
        """Kind of day: 'workday', 'weekly_rest', 'holiday', 'compensatory', 'swap_off',
        'makeup_workday' or 'local'."""
        k = ctypes.c_int()
        check(lib.tthc_cal_day(self._handle(), to_day_number(date), ctypes.byref(k), None))
        return KINDS[k.value]

    def day(self, date):
        """The :class:`Entry` explaining ``date`` (why it is off, or a make-up day), or None
        for an ordinary working day or weekly rest day."""
        e = ctypes.c_void_p()
        check(lib.tthc_cal_day(self._handle(), to_day_number(date), None, ctypes.byref(e)))
        return _entry(e.value) if e.value else None

    def entries(self, start=None, end=None):
        """Iterate over the entries dated in [start, end] (default: the whole calendar)."""
        h = self._handle()
        a = to_day_number(start) if start is not None else lib.tthc_cal_first_date(h)
        z = to_day_number(end) if end is not None else lib.tthc_cal_last_date(h)
        it = ctypes.c_void_p()
        check(lib.tthc_cal_iter_new(h, a, z, ctypes.byref(it)))
        try:
            while True:
                p = lib.tthc_cal_iter_next(it)
                if not p:
                    return
                yield _entry(p)
        finally:
            lib.tthc_cal_iter_free(it)

    def entry_count(self, start, end):
        """How many entries are dated in [start, end]."""
        out = ctypes.c_size_t()
        check(lib.tthc_cal_entry_count(self._handle(), to_day_number(start), to_day_number(end),
                                       ctypes.byref(out)))
        return out.value

    def year_status(self, year):
        """'official' (announced schedule), 'rules' (computed from the law) or 'custom'."""
        out = ctypes.c_int()
        check(lib.tthc_cal_year_status(self._handle(), year, ctypes.byref(out)))
        return STATUSES[out.value]

    def _date_call(self, fn, *args):
        out = ctypes.c_int32()
        check(fn(self._handle(), *args, ctypes.byref(out)))
        return from_day_number(out.value)

    def add_working_days(self, date, n):
        """n > 0: the n-th working day after ``date``; n < 0: before; 0: ``date`` or the next
        working day. O(1)."""
        return self._date_call(lib.tthc_cal_add_workdays, to_day_number(date), n)

    def count_working_days(self, start, end):
        """Working days in [start, end] (negative if end < start). O(1)."""
        out = ctypes.c_int32()
        check(lib.tthc_cal_count_workdays(self._handle(), to_day_number(start),
                                          to_day_number(end), ctypes.byref(out)))
        return out.value

    def next_working_day(self, date):
        """The first working day after ``date``."""
        return self._date_call(lib.tthc_cal_next_workday, to_day_number(date))

    def previous_working_day(self, date):
        """The last working day before ``date``."""
        return self._date_call(lib.tthc_cal_prev_workday, to_day_number(date))

    def month_working_days(self, year, month):
        """Working days in a month."""
        out = ctypes.c_int32()
        check(lib.tthc_cal_month_workdays(self._handle(), year, month, ctypes.byref(out)))
        return out.value

    def nth_working_day(self, year, month, n):
        """The n-th working day of a month (1 = first, -1 = last)."""
        return self._date_call(lib.tthc_cal_month_nth_workday, year, month, n)

    def to_ics(self, start=None, end=None):
        """The entries of [start, end] (default: all) as an iCalendar text."""
        h = self._handle()
        a = to_day_number(start) if start is not None else lib.tthc_cal_first_date(h)
        z = to_day_number(end) if end is not None else lib.tthc_cal_last_date(h)
        p, n = ctypes.c_void_p(), ctypes.c_size_t()
        check(lib.tthc_ical_export_alloc(h, a, z, ctypes.byref(p), ctypes.byref(n)))
        try:
            return ctypes.string_at(p, n.value).decode("utf-8")
        finally:
            lib.tthc_free(p)


Calendar._free = staticmethod(lib.tthc_cal_free)
