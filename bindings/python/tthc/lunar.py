"""The Vietnamese lunar calendar (libtthc's lunar module).

Every conversion takes a ``convention``: ``"vietnam"`` (the default: the calendar Vietnam used,
UTC+8 reckoning up to lunar year 1967 and UTC+7 from Tết 1968), ``"utc7"`` (UTC+7 for every
year, Hồ Ngọc Đức's tables) or ``"utc8"`` (the Chinese calendar). Solar dates 1800-01-01 to
2199-12-31; outside, :class:`tthc.OutOfRangeError`.

>>> import datetime, tthc
>>> tthc.lunar.to_lunar(datetime.date(2025, 1, 29))
LunarDate(year=2025, month=1, day=1, leap=False)
>>> tthc.lunar.to_solar(2025, 6, 1, leap=True)
datetime.date(2025, 7, 25)
>>> tthc.lunar.leap_month(2025), tthc.lunar.month_length(2024, 12)
(6, 29)
>>> tthc.lunar.can_chi(datetime.date(2025, 1, 29))
CanChi(year='Ất Tỵ', month='Mậu Dần', day='Mậu Tuất')
>>> tthc.lunar.format_lunar(tthc.lunar.to_lunar(datetime.date(2025, 1, 29)))
'mùng 1 tháng Giêng năm Ất Tỵ'
"""
import collections
import ctypes
import datetime as _dt

from ._lib import DateError, Error, check, declare, lib
from .date import from_day_number, to_day_number

__all__ = ["LunarDate", "CanChi", "MonthInfo", "SolarTerm", "CONVENTIONS", "to_lunar",
           "to_solar", "to_solar_regular", "leap_month", "month_length", "month_info",
           "new_moon", "can_chi", "year_name", "cycle_name", "month_name", "format_lunar",
           "solar_terms", "solar_term_name", "DATE_MIN", "DATE_MAX"]

#: Convention names and their C values (tthc_lunar_convention).
CONVENTIONS = {"vietnam": 0, "utc7": 1, "utc8": 2}
DATE_MIN = _dt.date(1800, 1, 1)  #: first solar date of the conversions
DATE_MAX = _dt.date(2199, 12, 31)  #: last solar date of the conversions

LunarDate = collections.namedtuple("LunarDate", "year month day leap")
LunarDate.__doc__ = "A lunar date: year, month (1-12), day (1-30), leap (True in the leap month)."
CanChi = collections.namedtuple("CanChi", "year month day")
CanChi.__doc__ = "Can-chi names of a day's lunar year, lunar month and the day itself."
MonthInfo = collections.namedtuple("MonthInfo", "first_day length lunation new_moon utc_offset")
MonthInfo.__doc__ = ("A lunar month: first solar day, length (29/30), Meeus lunation number, "
                     "the new moon (aware UTC datetime) and the reckoning's UTC offset.")
SolarTerm = collections.namedtuple("SolarTerm", "name longitude major date instant")
SolarTerm.__doc__ = ("A solar term (tiết khí): Vietnamese name, solar longitude (degrees), "
                     "major (trung khí), local date it begins, instant (aware UTC datetime).")


class _LunarDate(ctypes.Structure):
    _fields_ = [("year", ctypes.c_int32), ("month", ctypes.c_int8), ("day", ctypes.c_int8),
                ("leap", ctypes.c_int8)]


class _MonthInfo(ctypes.Structure):
    _fields_ = [("first_day", ctypes.c_int32), ("length", ctypes.c_int32),
                ("lunation", ctypes.c_int32), ("new_moon_unix", ctypes.c_int64),
                ("utc_offset", ctypes.c_int32)]


class _CanChi(ctypes.Structure):
    _fields_ = [("year", ctypes.c_char_p), ("month", ctypes.c_char_p), ("day", ctypes.c_char_p),
                ("year_index", ctypes.c_int8), ("month_index", ctypes.c_int8),
                ("day_index", ctypes.c_int8)]


class _SolarTerm(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("longitude", ctypes.c_int32),
                ("major", ctypes.c_int32), ("date", ctypes.c_int32),
                ("unix_ut", ctypes.c_int64)]


_int_p = ctypes.POINTER(ctypes.c_int)
_i32_p = ctypes.POINTER(ctypes.c_int32)
declare([
    ("tthc_lunar_can_chi", ctypes.c_int, [ctypes.c_int32, ctypes.c_int, ctypes.POINTER(_CanChi)]),
    ("tthc_lunar_cycle_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_lunar_format", ctypes.c_int, [_LunarDate, ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.c_size_t)]),
    ("tthc_lunar_from_solar", ctypes.c_int, [ctypes.c_int32, ctypes.c_int,
                                             ctypes.POINTER(_LunarDate)]),
    ("tthc_lunar_leap_month", ctypes.c_int, [ctypes.c_int32, ctypes.c_int, _int_p]),
    ("tthc_lunar_month_describe", ctypes.c_int, [ctypes.c_int32, ctypes.c_int, ctypes.c_int,
                                                 ctypes.c_int, ctypes.POINTER(_MonthInfo)]),
    ("tthc_lunar_month_length", ctypes.c_int, [ctypes.c_int32, ctypes.c_int, ctypes.c_int,
                                               ctypes.c_int, _int_p]),
    ("tthc_lunar_month_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_lunar_new_moon", ctypes.c_int, [ctypes.c_int32, ctypes.POINTER(ctypes.c_int64)]),
    ("tthc_lunar_solar_term_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_lunar_solar_terms", ctypes.c_int, [ctypes.c_int32, ctypes.c_int,
                                              ctypes.POINTER(_SolarTerm)]),
    ("tthc_lunar_to_solar", ctypes.c_int, [_LunarDate, ctypes.c_int, _i32_p]),
    ("tthc_lunar_to_solar_regular", ctypes.c_int, [ctypes.c_int32, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_int, _i32_p, _int_p]),
    ("tthc_lunar_year_name", ctypes.c_char_p, [ctypes.c_int32]),
])

_UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)


def _conv(convention):
    try:
        return CONVENTIONS[convention]
    except (KeyError, TypeError):
        raise ValueError(f"unknown lunar convention {convention!r}: expected one of "
                         f"{', '.join(CONVENTIONS)}") from None


def _int(name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if not -2**31 <= value < 2**31:
        raise OverflowError(f"{name} {value} does not fit in 32 bits")
    return value


def _small(name, value, lo, hi):
    """An int that goes into an int8 field: out-of-domain values become a C-side error."""
    value = _int(name, value)
    return value if lo <= value <= hi else (hi + 1 if value > hi else lo - 1)


def _unix(seconds):
    return _EPOCH + _dt.timedelta(seconds=seconds)


def _lunar_struct(year, month, day, leap):
    return _LunarDate(_int("year", year), _small("month", month, 0, 13),
                      _small("day", day, 0, 31), 1 if leap else 0)


def to_lunar(date, convention="vietnam"):
    """Lunar date of a ``datetime.date``: a :class:`LunarDate`."""
    out = _LunarDate()
    check(lib.tthc_lunar_from_solar(to_day_number(date), _conv(convention), ctypes.byref(out)))
    return LunarDate(out.year, out.month, out.day, bool(out.leap))


def to_solar(year, month, day, leap=False, convention="vietnam"):
    """``datetime.date`` of a lunar date. Raises :class:`tthc.DateError` when the leap month
    asked does not exist that year or the day is 30 in a 29-day month."""
    out = ctypes.c_int32()
    try:
        check(lib.tthc_lunar_to_solar(_lunar_struct(year, month, day, leap), _conv(convention),
                                      ctypes.byref(out)))
    except DateError as e:
        raise DateError(e.status, _why_not(year, month, day, leap, convention) or str(e)) from None
    return from_day_number(out.value)


def _why_not(year, month, day, leap, convention):
    """Say why a lunar date does not exist (the C call only returns EDATE)."""
    if not 1 <= month <= 12:
        return f"lunar month {month} is out of range 1-12"
    if not 1 <= day <= 30:
        return f"lunar day {day} is out of range 1-30"
    try:
        lm = leap_month(year, convention)
        if leap and lm != month:
            return (f"lunar year {year} has no leap month {month}"
                    + (f" (its leap month is {lm})" if lm else ""))
        n = month_length(year, month, leap, convention)
    except Error:
        return None
    return (f"day {day} does not exist: {'leap ' if leap else ''}month {month} of lunar year "
            f"{year} has {n} days")


def to_solar_regular(year, month, day, convention="vietnam"):
    """(date in the regular month, whether the year also has a leap month with that number)."""
    out, twin = ctypes.c_int32(), ctypes.c_int()
    check(lib.tthc_lunar_to_solar_regular(_int("year", year), _int("month", month),
                                          _int("day", day), _conv(convention), ctypes.byref(out),
                                          ctypes.byref(twin)))
    return from_day_number(out.value), bool(twin.value)


def leap_month(year, convention="vietnam"):
    """The leap month (1-12) of lunar year ``year``, 0 if it has none."""
    out = ctypes.c_int()
    check(lib.tthc_lunar_leap_month(_int("year", year), _conv(convention), ctypes.byref(out)))
    return out.value


def month_length(year, month, leap=False, convention="vietnam"):
    """Days (29 or 30) in lunar month ``month`` (the leap one if ``leap``) of ``year``."""
    out = ctypes.c_int()
    check(lib.tthc_lunar_month_length(_int("year", year), _int("month", month), 1 if leap else 0,
                                      _conv(convention), ctypes.byref(out)))
    return out.value


def month_info(year, month, leap=False, convention="vietnam"):
    """A :class:`MonthInfo`: where the month begins and the new moon that begins it."""
    out = _MonthInfo()
    check(lib.tthc_lunar_month_describe(_int("year", year), _int("month", month),
                                        1 if leap else 0, _conv(convention), ctypes.byref(out)))
    return MonthInfo(from_day_number(out.first_day), out.length, out.lunation,
                     _unix(out.new_moon_unix), _dt.timedelta(seconds=out.utc_offset))


def new_moon(lunation):
    """Instant (aware UTC datetime) of new moon number ``lunation`` (0 = 2000-01-06)."""
    out = ctypes.c_int64()
    check(lib.tthc_lunar_new_moon(_int("lunation", lunation), ctypes.byref(out)))
    return _unix(out.value)


def can_chi(date, convention="vietnam"):
    """Can-chi names (:class:`CanChi`) of a day, its lunar month and its lunar year. A leap
    month has the can-chi of the month it repeats."""
    out = _CanChi()
    check(lib.tthc_lunar_can_chi(to_day_number(date), _conv(convention), ctypes.byref(out)))
    return CanChi(out.year.decode(), out.month.decode(), out.day.decode())


def year_name(year):
    """Can-chi name of a lunar year: ``year_name(2025) == "Ất Tỵ"``."""
    return lib.tthc_lunar_year_name(_int("year", year)).decode()


def _name(raw, what, value):
    if raw is None:
        raise ValueError(f"no {what} {value!r}")
    return raw.decode()


def cycle_name(index):
    """Name of position ``index`` (0-59) of the sexagenary cycle (0 = "Giáp Tý")."""
    return _name(lib.tthc_lunar_cycle_name(_int("index", index)), "cycle position", index)


def month_name(month):
    """Vietnamese name of a lunar month: 1 "Giêng" … 12 "Chạp"."""
    return _name(lib.tthc_lunar_month_name(_int("month", month)), "lunar month", month)


def format_lunar(ld):
    """A lunar date in Vietnamese words: "mùng 1 tháng Giêng năm Ất Tỵ"."""
    buf = ctypes.create_string_buffer(96)
    check(lib.tthc_lunar_format(_lunar_struct(ld[0], ld[1], ld[2], ld[3]), buf, len(buf), None))
    return buf.value.decode()


def solar_terms(year, convention="vietnam"):
    """The 24 :class:`SolarTerm` of Gregorian ``year``, Tiểu hàn (about 5 January) first."""
    out = (_SolarTerm * 24)()
    check(lib.tthc_lunar_solar_terms(_int("year", year), _conv(convention), out))
    return [SolarTerm(t.name.decode(), t.longitude, bool(t.major), from_day_number(t.date),
                      _unix(t.unix_ut)) for t in out]


def solar_term_name(longitude):
    """Vietnamese name of the solar term at ``longitude`` degrees (a multiple of 15)."""
    return _name(lib.tthc_lunar_solar_term_name(_int("longitude", longitude)), "solar term at",
                 longitude)
