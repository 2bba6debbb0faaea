"""Dates and Vietnam local date-times (libtthc's date module).

A ``datetime.date`` crosses over as a day number (days since 1970-01-01); a naive
``datetime.datetime`` is taken as Vietnam local time (UTC+7); an aware one is converted to it.

>>> import datetime, tthc
>>> tthc.parse_datetime("2025-01-24T09:10Z")
datetime.datetime(2025, 1, 24, 16, 10)
>>> tthc.iso_week(datetime.date(2025, 1, 29))
(2025, 5)
"""
import ctypes
import datetime as _dt

from ._lib import ErrorStruct, check, declare, lib

__all__ = ["parse_date", "parse_datetime", "format_date", "format_datetime", "iso_week",
           "weekday", "day_of_year", "VN_TZ", "to_day_number", "from_day_number",
           "to_seconds", "from_seconds"]

_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
VN_TZ = _dt.timezone(_dt.timedelta(hours=7), "ICT")  #: Vietnam's time zone, UTC+7

_date_p = ctypes.POINTER(ctypes.c_int32)
_err_p = ctypes.POINTER(ErrorStruct)
_int_p = ctypes.POINTER(ctypes.c_int)
declare([
    ("tthc_date_add_days", ctypes.c_int, [ctypes.c_int32, ctypes.c_int64, _date_p]),
    ("tthc_date_day_of_year", ctypes.c_int, [ctypes.c_int32, _int_p]),
    ("tthc_date_days_in_month", ctypes.c_int, [ctypes.c_int, ctypes.c_int]),
    ("tthc_date_diff_days", ctypes.c_int64, [ctypes.c_int32, ctypes.c_int32]),
    ("tthc_date_format", ctypes.c_int, [ctypes.c_int32, ctypes.c_char_p, ctypes.c_size_t,
                                        ctypes.POINTER(ctypes.c_size_t)]),
    ("tthc_date_from_ymd", ctypes.c_int, [ctypes.c_int, ctypes.c_int, ctypes.c_int, _date_p]),
    ("tthc_date_is_leap_year", ctypes.c_int, [ctypes.c_int]),
    ("tthc_date_is_valid", ctypes.c_int, [ctypes.c_int32]),
    ("tthc_date_iso_week", ctypes.c_int, [ctypes.c_int32, _int_p, _int_p]),
    ("tthc_date_parse", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, _date_p, _err_p]),
    ("tthc_date_to_ymd", ctypes.c_int, [ctypes.c_int32, _int_p, _int_p, _int_p]),
    ("tthc_date_weekday", ctypes.c_int, [ctypes.c_int32]),
    ("tthc_datetime_date", ctypes.c_int32, [ctypes.c_int64]),
    ("tthc_datetime_format", ctypes.c_int, [ctypes.c_int64, ctypes.c_uint, ctypes.c_char_p,
                                            ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]),
    ("tthc_datetime_from_unix", ctypes.c_int, [ctypes.c_int64, ctypes.POINTER(ctypes.c_int64)]),
    ("tthc_datetime_make", ctypes.c_int, [ctypes.c_int32, ctypes.c_int, ctypes.c_int,
                                          ctypes.c_int, ctypes.POINTER(ctypes.c_int64)]),
    ("tthc_datetime_parse", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                           ctypes.POINTER(ctypes.c_int64), _err_p]),
    ("tthc_datetime_split", ctypes.c_int, [ctypes.c_int64, _date_p, _int_p, _int_p, _int_p]),
    ("tthc_datetime_time_of_day", ctypes.c_int32, [ctypes.c_int64]),
    ("tthc_datetime_to_unix", ctypes.c_int64, [ctypes.c_int64]),
])


def to_day_number(d):
    """Day number (days since 1970-01-01) of a ``datetime.date``."""
    if isinstance(d, _dt.datetime):
        d = d.date()
    if not isinstance(d, _dt.date):
        raise TypeError(f"expected datetime.date, got {type(d).__name__}")
    return d.toordinal() - _EPOCH_ORDINAL


def from_day_number(n):
    """``datetime.date`` of a day number."""
    return _dt.date.fromordinal(int(n) + _EPOCH_ORDINAL)


def to_seconds(t):
    """libtthc local seconds of a ``datetime.datetime`` (naive = Vietnam time)."""
    if isinstance(t, _dt.datetime):
        if t.tzinfo is not None:
            t = t.astimezone(VN_TZ).replace(tzinfo=None)
        return (to_day_number(t.date()) * 86400 + t.hour * 3600 + t.minute * 60 + t.second)
    if isinstance(t, _dt.date):
        return to_day_number(t) * 86400
    raise TypeError(f"expected datetime.datetime, got {type(t).__name__}")


def from_seconds(s):
    """Naive ``datetime.datetime`` (Vietnam time) of libtthc local seconds."""
    days, rem = divmod(int(s), 86400)
    return _dt.datetime.combine(from_day_number(days), _dt.time()) + _dt.timedelta(seconds=rem)


def _bytes(text):
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray)):
        return bytes(text)
    raise TypeError(f"expected str, got {type(text).__name__}")


def parse_date(text):
    """Parse "YYYY-MM-DD" into a ``datetime.date``; raises a :class:`tthc.Error` subclass
    (``ParseError``, ``DateError``, ``OutOfRangeError``) carrying the library's message."""
    b = _bytes(text)
    out, err = ctypes.c_int32(), ErrorStruct()
    check(lib.tthc_date_parse(b, len(b), ctypes.byref(out), ctypes.byref(err)), err)
    return from_day_number(out.value)


def parse_datetime(text):
    """Parse an ISO 8601 local date-time (optional offset) or "yyyyMMddHHmmss" into a naive
    ``datetime.datetime`` in Vietnam time."""
    b = _bytes(text)
    out, err = ctypes.c_int64(), ErrorStruct()
    check(lib.tthc_datetime_parse(b, len(b), ctypes.byref(out), ctypes.byref(err)), err)
    return from_seconds(out.value)


def format_date(d):
    """"YYYY-MM-DD" of a ``datetime.date`` (as the library formats it)."""
    buf = ctypes.create_string_buffer(11)
    check(lib.tthc_date_format(to_day_number(d), buf, len(buf), None))
    return buf.value.decode()


def format_datetime(t, seconds=False, offset=False, compact=False):
    """Format a ``datetime.datetime``: "2025-01-24T16:10", with ``seconds`` ":05", with
    ``offset`` "+07:00"; ``compact`` gives "20250124161005"."""
    flags = (1 if seconds else 0) | (2 if offset else 0) | (4 if compact else 0)
    buf = ctypes.create_string_buffer(26)
    check(lib.tthc_datetime_format(to_seconds(t), flags, buf, len(buf), None))
    return buf.value.decode()


def iso_week(d):
    """(ISO year, ISO week) of a date."""
    y, w = ctypes.c_int(), ctypes.c_int()
    check(lib.tthc_date_iso_week(to_day_number(d), ctypes.byref(y), ctypes.byref(w)))
    return y.value, w.value


def weekday(d):
    """ISO weekday of a date: 1 = Monday (Thứ Hai) … 7 = Sunday (Chủ nhật)."""
    return lib.tthc_date_weekday(to_day_number(d))


def day_of_year(d):
    """Day of the year, 1–366."""
    out = ctypes.c_int()
    check(lib.tthc_date_day_of_year(to_day_number(d), ctypes.byref(out)))
    return out.value
