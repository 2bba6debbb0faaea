"""libtthc for Python: Vietnamese administrative procedures — dates, calendars, deadlines,
text, catalogs and indicators — over the C library through ctypes (standard library only).

>>> import tthc
>>> tthc.version() == tthc.__version__
True
"""
from ._lib import (STATUS, DateError, EncodingError, Error, InvalidArgumentError,
                   NotFoundError, OutOfRangeError, ParseError, StateError)
from ._lib import lib as _clib
from .date import (VN_TZ, day_of_year, format_date, format_datetime, iso_week, parse_date,
                   parse_datetime, weekday)
from . import lunar
from .lunar import LunarDate
from . import calendar
from .calendar import Calendar, CalendarBuilder
from . import deadline
from .deadline import (Ledger, Limit, Policy, WorkingHours, add_working_days_many,
                       add_working_time, count_working_days_many, due, due_many, explain,
                       parse_limit, postal_arrival, postal_transit_days, split_working_time,
                       working_time_between)
from . import procedure
from .procedure import Catalog, Procedure, Process, Rules
from .text import (amount_words, collation_key, compare, decode, detect, encode, find_refs, fold,
                   format_date_vi, format_number, normalize, parse_date_vi, parse_number,
                   parse_ref, unencodable)
from . import dossier
from .dossier import (Dossier, DossierCode, Event, Feedback, FeedbackStatus, Status,
                      feedback_status, format_code, parse_code, read_dossiers, write_dossiers)
from . import indicator
from .indicator import (Aggregate, Group, Index766, Rate, Reconciliation, Targets,
                        evaluation_score, format_percent, format_rank, rank, report_dates)


def version():
    """Version of the loaded libtthc ("0.1.1")."""
    return _clib.tthc_version().decode()


def version_number():
    """Version of the loaded libtthc as one number, MAJOR * 10000 + MINOR * 100 + PATCH.

    >>> version_number() // 10000 == int(version().split(".")[0])
    True
    """
    return _clib.tthc_version_number()


def strerror(status):
    """The library's one-line description of a status code (an ``Error``'s ``status``).

    >>> strerror(0)
    'success'
    """
    return _clib.tthc_strerror(status).decode()


__version__ = version()
