"""Dossiers (libtthc's dossier and io modules): dossier codes, the append-only event log and its
state machine, the status of a dossier at any instant, feedback records, and streaming JSON Lines
and CSV files.

Instants are naive ``datetime.datetime`` in Vietnam time (an aware one is converted). Event
kinds, channels and states are the C library's names ("accepted", "online", "processing" …).
An impossible event raises ``tthc.StateError`` with the reason and leaves the dossier unchanged.

>>> import datetime as dt, tthc
>>> d = tthc.Dossier("000.00.31.H26-250303-0001", dt.datetime(2025, 3, 3, 9, 0), unit="UBND xã A")
>>> d.accept(dt.datetime(2025, 3, 3, 9, 0), due=dt.datetime(2025, 3, 7, 17, 0))
>>> d.issue_result(dt.datetime(2025, 3, 6, 15, 0), electronic=True)
>>> d.status(dt.datetime(2025, 4, 1)).category
'early'
>>> [e.kind for e in d]
['accepted', 'result_issued']
>>> tthc.parse_code("H26.101.02-260130-070012345").sequence
12345
"""
import collections
import ctypes
import datetime as _dt

from ._lib import ErrorStruct, check, declare, error_for, lib
from .calendar import Calendar
from .date import from_day_number, from_seconds, to_day_number, to_seconds
from .deadline import Limit, WorkingHours, Policy, _LimitStruct, _lim, national_calendar

__all__ = ["Dossier", "Event", "Status", "DossierCode", "parse_code", "format_code",
           "read_dossiers", "write_dossiers", "Feedback", "feedback_status", "FeedbackStatus",
           "EVENT_KINDS", "STATES", "CATEGORIES", "CHANNELS"]

_p = ctypes.c_void_p
_i32 = ctypes.c_int32
_i64 = ctypes.c_int64
_i64_p = ctypes.POINTER(_i64)
_err_p = ctypes.POINTER(ErrorStruct)
_size_p = ctypes.POINTER(ctypes.c_size_t)
_NONE = -(2 ** 63)  # TTHC_DATETIME_NONE


class _Code(ctypes.Structure):
    _fields_ = [("layout", ctypes.c_int), ("agency", ctypes.c_char * 24), ("date", _i32),
                ("system", ctypes.c_int), ("sequence", ctypes.c_uint64),
                ("sequence_digits", ctypes.c_int)]


class _Event(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_int), ("at", _i64), ("due", _i64), ("text", ctypes.c_char_p),
                ("channel", ctypes.c_int), ("flags", ctypes.c_uint), ("reserved_", _i64 * 4)]


class _Status(ctypes.Structure):
    _fields_ = [("state", ctypes.c_int), ("category", ctypes.c_int), ("accepted_at", _i64),
                ("original_due", _i64), ("appointment", _i64), ("due", _i64),
                ("finished_at", _i64), ("used_seconds", _i64), ("paused_seconds", _i64),
                ("supplement_seconds", _i64), ("supplement_rounds", ctypes.c_int),
                ("pauses", ctypes.c_int), ("apology_issued", ctypes.c_int),
                ("apology_in_time", ctypes.c_int), ("apology_owed", ctypes.c_int),
                ("closed_in_time", ctypes.c_int), ("result_electronic", ctypes.c_int),
                ("result_digitised", ctypes.c_int), ("paid_online", ctypes.c_int),
                ("return_channel", ctypes.c_int), ("working_seconds", _i64),
                ("budget_seconds", _i64), ("reserved_", _i64 * 3)]


class _Clock(ctypes.Structure):
    _fields_ = [("cal", _p), ("hours", _p), ("policy", _p), ("reserved_", _p * 3)]


class _Feedback(ctypes.Structure):
    _fields_ = [("received_at", _i64), ("refused_at", _i64), ("supplement_at", _i64),
                ("handled_at", _i64), ("published_at", _i64), ("classified", ctypes.c_int),
                ("disliked", ctypes.c_int), ("raised_again", ctypes.c_int),
                ("reserved_", _i64 * 4)]


class _FeedbackStatus(ctypes.Structure):
    _fields_ = [("stage", ctypes.c_int), ("on_time", ctypes.c_int), ("late_step", ctypes.c_int),
                ("satisfied", ctypes.c_int), ("refuse_by", _i32), ("supplement_by", _i32),
                ("handle_by", _i32), ("publish_by", _i32), ("reserved_", _i64 * 2)]


_ev_p = ctypes.POINTER(_Event)
declare([
    ("tthc_dossier_append", ctypes.c_int, [_p, _ev_p, _err_p]),
    ("tthc_dossier_category_label_vi", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_dossier_category_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_dossier_clear_limit", ctypes.c_int, [_p]),
    ("tthc_dossier_clone", ctypes.c_int, [_p, ctypes.POINTER(_p)]),
    ("tthc_dossier_code_format", ctypes.c_int, [ctypes.POINTER(_Code), ctypes.c_char_p,
                                                ctypes.c_size_t, _size_p]),
    ("tthc_dossier_code_parse", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                               ctypes.POINTER(_Code), _err_p]),
    ("tthc_dossier_event_count", ctypes.c_size_t, [_p]),
    ("tthc_dossier_event_get", ctypes.c_int, [_p, ctypes.c_size_t, _ev_p]),
    ("tthc_dossier_event_kind_from_name", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                                         ctypes.POINTER(ctypes.c_int)]),
    ("tthc_dossier_event_kind_label_vi", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_dossier_event_kind_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_dossier_free", None, [_p]),
    ("tthc_dossier_get_evaluation", ctypes.c_int, [_p, ctypes.c_int,
                                                   ctypes.POINTER(ctypes.c_int)]),
    ("tthc_dossier_get_int", ctypes.c_int, [_p, ctypes.c_int, _i64_p]),
    ("tthc_dossier_get_limit", ctypes.c_int, [_p, ctypes.POINTER(_LimitStruct)]),
    ("tthc_dossier_get_text", ctypes.c_char_p, [_p, ctypes.c_int]),
    ("tthc_dossier_new", ctypes.c_int, [ctypes.c_char_p, _i64, ctypes.POINTER(_p)]),
    ("tthc_dossier_reset", ctypes.c_int, [_p, ctypes.c_char_p, _i64]),
    ("tthc_dossier_set_evaluation", ctypes.c_int, [_p, ctypes.c_int, ctypes.c_int]),
    ("tthc_dossier_set_int", ctypes.c_int, [_p, ctypes.c_int, _i64]),
    ("tthc_dossier_set_limit", ctypes.c_int, [_p, _LimitStruct]),
    ("tthc_dossier_set_text", ctypes.c_int, [_p, ctypes.c_int, ctypes.c_char_p]),
    ("tthc_dossier_state_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_dossier_status_at", ctypes.c_int, [_p, _i64, ctypes.c_uint, ctypes.POINTER(_Clock),
                                              ctypes.POINTER(_Status)]),
    ("tthc_feedback_status_at", ctypes.c_int, [ctypes.POINTER(_Feedback), _p, _i64,
                                               ctypes.POINTER(_FeedbackStatus)]),
    ("tthc_io_dossier_from_json", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, _p, _err_p]),
    ("tthc_io_dossier_to_json_alloc", ctypes.c_int, [_p, ctypes.POINTER(_p)]),
    ("tthc_io_reader_body", ctypes.c_int, [_p, _size_p, _i64_p]),
    ("tthc_io_reader_bytes", _i64, [_p]),
    ("tthc_io_reader_free", None, [_p]),
    ("tthc_io_reader_new_mem", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int,
                                              ctypes.c_uint, ctypes.POINTER(_p), _err_p]),
    ("tthc_io_reader_new_mem_like", ctypes.c_int, [_p, ctypes.c_char_p, ctypes.c_size_t, _i64,
                                                   _i64, ctypes.POINTER(_p)]),
    ("tthc_io_reader_next", ctypes.c_int, [_p, _p, ctypes.POINTER(ctypes.c_int), _err_p]),
    ("tthc_io_reader_open", ctypes.c_int, [ctypes.c_char_p, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_p), _err_p]),
    ("tthc_io_reader_records", _i64, [_p]),
    ("tthc_io_split", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                                     _size_p, _i64_p]),
    ("tthc_io_writer_close", ctypes.c_int, [_p]),
    ("tthc_io_writer_open", ctypes.c_int, [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_p),
                                           _err_p]),
    ("tthc_io_writer_write", ctypes.c_int, [_p, _p]),
])


def _names(fn):
    out, i = [], 0
    while True:
        n = fn(i)
        if n is None:
            if i == 0:
                i += 1
                continue
            return out
        out.append(n.decode())
        i += 1


EVENT_KINDS = tuple(_names(lib.tthc_dossier_event_kind_name))  #: "accepted", "step_done" …
STATES = tuple(_names(lib.tthc_dossier_state_name))            #: "received", "processing" …
CATEGORIES = tuple(_names(lib.tthc_dossier_category_name))     #: "pending", "on_track" …
CHANNELS = ("direct", "online", "postal")                       #: submission channels
ONLINE_KINDS = ("none", "partial", "full", "unknown")
RETURN_CHANNELS = (None, "counter", "post", "electronic")
_FLAGS = ("test", "cancelled", "digitised", "reused_data", "vneid", "disliked", "feedback",
          "complaint")
_TEXTS = {"code": 0, "procedure": 1, "unit": 2, "field": 3, "receiving_unit": 4}
_INTS = {"received_at": 0, "channel": 1, "online": 2, "flags": 3, "fee": 4,
         "result_document": 5, "four_at_place": 6}
_POLICY = {"by_instant": 1, "restart": 2, "multi_ok": 4}
FORMATS = {None: 0, "jsonl": 1, "csv": 2}


def _t(value):
    return _NONE if value is None else to_seconds(value)


def _dt_or_none(v):
    return None if v == _NONE else from_seconds(v)


def _kind_id(kind):
    if isinstance(kind, int):
        return kind
    try:
        return EVENT_KINDS.index(kind) + 1
    except ValueError:
        raise ValueError(f"unknown event kind {kind!r} (one of {', '.join(EVENT_KINDS)})") from None


class Event(collections.namedtuple("Event", "kind at due text channel flags")):
    """One event: ``kind`` (a name of ``EVENT_KINDS``), ``at``, ``due`` (an appointment or
    None), ``text`` (reason or step, or None), ``channel`` (result_returned: 'counter', 'post',
    'electronic'; paid_online: the gateway 1 or 2), ``flags`` (a frozenset of 'electronic',
    'digitised', 'late')."""

    @property
    def label_vi(self):
        """Vietnamese label ("Tiếp nhận", "Tạm dừng" …)."""
        return lib.tthc_dossier_event_kind_label_vi(_kind_id(self.kind)).decode()


Status = collections.namedtuple(
    "Status",
    "state category category_vi accepted_at original_due appointment due finished_at used "
    "working budget paused supplementation supplement_rounds pauses apology_issued "
    "apology_in_time apology_owed closed_in_time result_electronic result_digitised paid_online "
    "return_channel")
Status.__doc__ = """Status of a dossier at an instant. Durations are ``datetime.timedelta``
(``used``: calendar time excluding pauses and supplementation; ``working``/``budget``: working
time counted on the calendar, None without a calendar or when unknown)."""


def _clock(calendar, hours, deadline_policy):
    cal = calendar if calendar is not None else national_calendar()
    if not isinstance(cal, Calendar):
        raise TypeError(f"calendar must be a tthc.Calendar, not {type(cal).__name__}")
    if hours is not None and not isinstance(hours, WorkingHours):
        raise TypeError("hours must be a tthc.WorkingHours")
    if deadline_policy is not None and not isinstance(deadline_policy, Policy):
        raise TypeError("deadline_policy must be a tthc.Policy")
    c = _Clock()
    c.cal = cal._handle()
    c.hours = hours._handle() if hours is not None else None
    c.policy = deadline_policy._handle() if deadline_policy is not None else None
    return c, (cal, hours, deadline_policy)  # keep the objects alive while C borrows them


def _policy_flags(policy):
    if isinstance(policy, int):
        return policy
    flags = 0
    for name in policy or ():
        try:
            flags |= _POLICY[name]
        except KeyError:
            raise ValueError(f"unknown status policy {name!r} (by_instant, restart, multi_ok)") \
                from None
    return flags


class Dossier:
    """A dossier and its append-only event log.

    Attributes (read and write): ``code``, ``procedure``, ``unit``, ``field``,
    ``receiving_unit``, ``received_at``, ``channel`` ('direct', 'online', 'postal' or None),
    ``online`` ('none', 'partial', 'full', 'unknown'), ``flags`` (a set of 'test', 'cancelled',
    'digitised', 'reused_data', 'vneid', 'disliked', 'feedback', 'complaint'), ``fee`` (None,
    0, 1, 2), ``result_document`` and ``four_at_place`` (None, True, False), ``limit``
    (a ``tthc.Limit``, a phrase, or None).
    """

    def __init__(self, code=None, received_at=None, **attrs):
        h = _p()
        check(lib.tthc_dossier_new(code.encode() if code else None,
                                   to_seconds(received_at) if received_at else 0,
                                   ctypes.byref(h)))
        self._h = h
        for k, v in attrs.items():
            if not hasattr(type(self), k):
                raise TypeError(f"unknown dossier attribute {k!r}")
            setattr(self, k, v)

    @classmethod
    def _adopt(cls, h):
        d = cls.__new__(cls)
        d._h = h
        return d

    def __del__(self):
        if getattr(self, "_h", None):
            lib.tthc_dossier_free(self._h)
            self._h = None

    def copy(self):
        """A deep copy."""
        h = _p()
        check(lib.tthc_dossier_clone(self._h, ctypes.byref(h)))
        return Dossier._adopt(h)

    # ---- attributes --------------------------------------------------------------------------
    def _text(name):  # noqa: N805 (a property factory)
        def get(self):
            return lib.tthc_dossier_get_text(self._h, _TEXTS[name]).decode()

        def put(self, value):
            check(lib.tthc_dossier_set_text(self._h, _TEXTS[name],
                                            value.encode() if value else None))
        return property(get, put, doc=f"The dossier's {name.replace('_', ' ')} ('' if not set).")

    code = _text("code")
    procedure = _text("procedure")
    unit = _text("unit")
    field = _text("field")
    receiving_unit = _text("receiving_unit")

    def _get(self, key):
        out = _i64()
        check(lib.tthc_dossier_get_int(self._h, _INTS[key], ctypes.byref(out)))
        return out.value

    def _set(self, key, value):
        check(lib.tthc_dossier_set_int(self._h, _INTS[key], value))

    @property
    def received_at(self):
        """The receipt instant (naive, Vietnam time)."""
        return from_seconds(self._get("received_at"))

    @received_at.setter
    def received_at(self, value):
        self._set("received_at", to_seconds(value))

    @property
    def channel(self):
        """How it was submitted: 'direct', 'online', 'postal' or None."""
        v = self._get("channel")
        return None if v < 0 else CHANNELS[v]

    @channel.setter
    def channel(self, value):
        self._set("channel", -1 if value is None else CHANNELS.index(value))

    @property
    def online(self):
        """The procedure's online level: 'none', 'partial', 'full' or 'unknown'."""
        return ONLINE_KINDS[self._get("online")]

    @online.setter
    def online(self, value):
        self._set("online", ONLINE_KINDS.index(value))

    @property
    def flags(self):
        """A set of 'test', 'cancelled', 'digitised', 'reused_data', 'vneid', 'disliked', 'feedback', 'complaint'."""
        v = self._get("flags")
        return {n for i, n in enumerate(_FLAGS) if v & (1 << i)}

    @flags.setter
    def flags(self, names):
        v = 0
        for n in names:
            v |= 1 << _FLAGS.index(n)
        self._set("flags", v)

    @property
    def fee(self):
        """Fee status: None (unknown), 0 (no fee), 1 (fee-bearing), 2 (fee-bearing, but the fee
        synced to the portal is 0: left out of 766 3.6 and 3.5)."""
        v = self._get("fee")
        return None if v < 0 else v

    @fee.setter
    def fee(self, value):
        self._set("fee", -1 if value is None else int(value))

    def _tri(key):  # noqa: N805
        def get(self):
            v = self._get(key)
            return None if v < 0 else bool(v)

        def put(self, value):
            self._set(key, -1 if value is None else int(bool(value)))
        return property(get, put, doc=f"{key.replace('_', ' ').capitalize()}: True, False or "
                                      "None (unknown).")

    result_document = _tri("result_document")
    four_at_place = _tri("four_at_place")

    @property
    def limit(self):
        """The statutory limit (a ``tthc.Limit``) or None."""
        out = _LimitStruct()
        st = lib.tthc_dossier_get_limit(self._h, ctypes.byref(out))
        return None if st == 8 else (check(st), Limit._from_struct(out))[1]  # 8: ENOTFOUND

    @limit.setter
    def limit(self, value):
        if value is None:
            check(lib.tthc_dossier_clear_limit(self._h))
        else:
            check(lib.tthc_dossier_set_limit(self._h, _lim(value)))

    def evaluation(self, index):
        """The citizen's TT 01/2018 score for index 1-9 (0, 1, 2), or None."""
        out = ctypes.c_int()
        check(lib.tthc_dossier_get_evaluation(self._h, index, ctypes.byref(out)))
        return None if out.value < 0 else out.value

    def set_evaluation(self, index, score):
        """Record the score (0, 1, 2, or None to clear) of TT 01/2018 index 1-9."""
        check(lib.tthc_dossier_set_evaluation(self._h, index, -1 if score is None else score))

    # ---- events --------------------------------------------------------------------------------
    def append(self, kind, at, due=None, text=None, channel=None, electronic=False,
               digitised=False):
        """Append an event after checking it against the state machine. Raises
        ``tthc.StateError`` (impossible event: the message says why) or ``ValueError``
        (missing reason or appointment …); the dossier is then unchanged."""
        ev = _Event()
        ev.kind = _kind_id(kind)
        ev.at = to_seconds(at)
        ev.due = _t(due)
        ev.text = text.encode() if text else None
        if isinstance(channel, str):
            channel = RETURN_CHANNELS.index(channel)
        ev.channel = channel or 0
        ev.flags = (1 if electronic else 0) | (2 if digitised else 0)
        err = ErrorStruct()
        check(lib.tthc_dossier_append(self._h, ctypes.byref(ev), ctypes.byref(err)), err)

    def accept(self, at, due=None):
        """Accepted (tiếp nhận), with the appointment written on the receipt."""
        self.append("accepted", at, due=due)

    def done_step(self, at, step=None):
        """A step of the internal process is done (``step`` names it)."""
        self.append("step_done", at, text=step)

    def request_supplement(self, at, reason=None):
        """Supplementation requested: the clock stops."""
        self.append("supplement_requested", at, text=reason)

    def receive_supplement(self, at, due=None):
        """The complete dossier arrives (with a new appointment if given)."""
        self.append("supplement_received", at, due=due)

    def pause(self, at, reason):
        """The clock stops for a reason the law allows."""
        self.append("paused", at, text=reason)

    def resume(self, at, reason=None):
        """The clock runs again."""
        self.append("resumed", at, text=reason)

    def refuse(self, at, reason):
        """The dossier is refused, with the reason."""
        self.append("refused", at, text=reason)

    def issue_result(self, at, electronic=False, digitised=False):
        """The result is issued (electronic and/or digitised)."""
        self.append("result_issued", at, electronic=electronic, digitised=digitised)

    def apologise(self, at, new_due, reason=None):
        """An apology with the one re-appointment the law allows."""
        self.append("apology", at, due=new_due, text=reason)

    def return_result(self, at, channel="counter"):
        """The result is handed over: 'counter', 'post' or 'electronic'."""
        self.append("result_returned", at, channel=channel)

    def withdraw(self, at, reason=None):
        """The applicant withdraws the dossier."""
        self.append("withdrawn", at, text=reason)

    def pay_online(self, at, gateway=1):
        """The fee is paid online through ``gateway`` 1 or 2."""
        self.append("paid_online", at, channel=gateway)

    def __len__(self):
        return lib.tthc_dossier_event_count(self._h)

    def __getitem__(self, i):
        if i < 0:
            i += len(self)
        ev = _Event()
        check(lib.tthc_dossier_event_get(self._h, i, ctypes.byref(ev)))
        kind = EVENT_KINDS[ev.kind - 1]
        ch = ev.channel
        if kind == "result_returned":
            ch = RETURN_CHANNELS[ch] if 0 <= ch < 4 else ch
        elif kind != "paid_online":
            ch = None
        flags = frozenset(n for b, n in ((1, "electronic"), (2, "digitised"), (4, "late"))
                          if ev.flags & b)
        return Event(kind, from_seconds(ev.at), _dt_or_none(ev.due),
                     ev.text.decode() if ev.text else None, ch, flags)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    # ---- status --------------------------------------------------------------------------------
    def status(self, at=None, policy=(), calendar=None, hours=None, deadline_policy=None,
               clock=True):
        """Status at instant ``at`` (default: now). ``policy``: names among 'by_instant',
        'restart', 'multi_ok' (docs/dossier.md). With ``clock`` (default) working time is
        counted on ``calendar`` (default: the national calendar) with ``hours`` and the
        ``deadline_policy`` (a ``tthc.Policy``), and a statutory limit gives the due instant of
        a dossier without an appointment."""
        if at is None:
            at = _dt.datetime.now(_dt.timezone.utc)
        out = _Status()
        keep = None
        if clock:
            c, keep = _clock(calendar, hours, deadline_policy)
            cp = ctypes.byref(c)
        else:
            cp = None
        check(lib.tthc_dossier_status_at(self._h, to_seconds(at), _policy_flags(policy), cp,
                                         ctypes.byref(out)))
        del keep
        td = _dt.timedelta

        def span(v):
            return None if v < 0 else td(seconds=v)
        return Status(
            STATES[out.state], CATEGORIES[out.category],
            lib.tthc_dossier_category_label_vi(out.category).decode(),
            _dt_or_none(out.accepted_at), _dt_or_none(out.original_due),
            _dt_or_none(out.appointment), _dt_or_none(out.due), _dt_or_none(out.finished_at),
            td(seconds=out.used_seconds), span(out.working_seconds), span(out.budget_seconds),
            td(seconds=out.paused_seconds), td(seconds=out.supplement_seconds),
            out.supplement_rounds, out.pauses, bool(out.apology_issued),
            bool(out.apology_in_time), bool(out.apology_owed), bool(out.closed_in_time),
            bool(out.result_electronic), bool(out.result_digitised), out.paid_online or None,
            RETURN_CHANNELS[out.return_channel] if 0 <= out.return_channel < 4 else None)

    # ---- JSON ------------------------------------------------------------------------------------
    def to_json(self):
        """The dossier as one JSON object (the JSON Lines form of docs/io.md)."""
        out = _p()
        check(lib.tthc_io_dossier_to_json_alloc(self._h, ctypes.byref(out)))
        try:
            return ctypes.string_at(out).decode()
        finally:
            lib.tthc_free(out)

    @classmethod
    def from_json(cls, text):
        """A dossier from one JSON object (portal field names accepted)."""
        d = cls()
        raw = text.encode() if isinstance(text, str) else text
        err = ErrorStruct()
        check(lib.tthc_io_dossier_from_json(raw, len(raw), d._h, ctypes.byref(err)), err)
        return d

    def __repr__(self):
        return f"<Dossier {self.code!r} {len(self)} events>"


# ---- codes ------------------------------------------------------------------------------------

class DossierCode(collections.namedtuple("DossierCode",
                                         "layout agency date system sequence digits")):
    """A dossier code: ``layout`` 2018 or 2026, ``agency`` identifier, receipt ``date``,
    ``system`` (AA of the 2026 layout, else None), ``sequence`` and its written ``digits``."""

    def __str__(self):
        return format_code(self)


def parse_code(text):
    """Parse and validate a dossier code of either layout (FACTS §4.8); raises ParseError with
    the column of the first wrong character."""
    raw = text.encode()
    out, err = _Code(), ErrorStruct()
    check(lib.tthc_dossier_code_parse(raw, len(raw), ctypes.byref(out), ctypes.byref(err)), err)
    return DossierCode(2018 if out.layout == 1 else 2026, out.agency.decode(),
                       from_day_number(out.date), out.system if out.system >= 0 else None,
                       out.sequence, out.sequence_digits)


def format_code(code=None, *, layout=None, agency=None, date=None, system=None, sequence=None,
                digits=4):
    """Write a dossier code (a ``DossierCode``, or its parts as keywords)."""
    if code is not None:
        layout, agency, date, system, sequence, digits = code
    c = _Code()
    c.layout = 1 if layout == 2018 else 2 if layout == 2026 else 0
    c.agency = agency.encode()
    c.date = to_day_number(date)
    c.system = -1 if system is None else system
    c.sequence = sequence
    c.sequence_digits = digits
    buf = ctypes.create_string_buffer(64)
    check(lib.tthc_dossier_code_format(ctypes.byref(c), buf, len(buf), None))
    return buf.value.decode()


# ---- files --------------------------------------------------------------------------------------

def read_dossiers(source, format=None, strict=False, errors="raise"):
    """Iterate over the dossiers of a JSON Lines or CSV file (a path) or of ``bytes``/``str``
    content (then ``format`` 'jsonl' or 'csv' is required). ``errors='raise'`` stops at the
    first malformed record with its line and field; ``'skip'`` skips it, and a callable is
    called with the exception and the reading goes on."""
    fmt = FORMATS[format]
    h, err = _p(), ErrorStruct()
    if isinstance(source, (bytes, str)) and fmt and not _looks_like_path(source):
        data = source.encode() if isinstance(source, str) else source
        check(lib.tthc_io_reader_new_mem(data, len(data), fmt, 1 if strict else 0,
                                         ctypes.byref(h), ctypes.byref(err)), err)
    else:
        data = None
        check(lib.tthc_io_reader_open(str(source).encode(), fmt, 1 if strict else 0,
                                      ctypes.byref(h), ctypes.byref(err)), err)
    d = Dossier()
    try:
        got = ctypes.c_int()
        while True:
            st = lib.tthc_io_reader_next(h, d._h, ctypes.byref(got), ctypes.byref(err))
            if st != 0:
                exc = error_for(st, err)
                if errors == "raise" or st in (2, 11):  # ENOMEM, EIO
                    raise exc
                if callable(errors):
                    errors(exc)
                continue
            if not got.value:
                return
            yield d.copy()
    finally:
        lib.tthc_io_reader_free(h)
        del data


def _looks_like_path(source):
    return isinstance(source, str) and "\n" not in source and len(source) < 4096 and \
        not source.lstrip().startswith(("{", "["))


def write_dossiers(path, dossiers, format=None):
    """Write dossiers to ``path`` as JSON Lines or CSV (by extension unless ``format``)."""
    h, err = _p(), ErrorStruct()
    check(lib.tthc_io_writer_open(str(path).encode(), FORMATS[format], ctypes.byref(h),
                                  ctypes.byref(err)), err)
    try:
        for d in dossiers:
            check(lib.tthc_io_writer_write(h, d._h))
    finally:
        st = lib.tthc_io_writer_close(h)
    check(st)


# ---- feedback -----------------------------------------------------------------------------------

Feedback = collections.namedtuple(
    "Feedback", "received_at refused_at supplement_at handled_at published_at classified "
                "disliked raised_again",
    defaults=(None, None, None, None, False, False, False))
Feedback.__doc__ = """A feedback or petition (phản ánh, kiến nghị): instants (None if not
reached) and flags."""

FeedbackStatus = collections.namedtuple(
    "FeedbackStatus", "stage on_time late_step satisfied refuse_by supplement_by handle_by "
                      "publish_by")
_STAGES = ("open", "refused", "supplementing", "handled", "published")
_STEPS = (None, "refuse", "supplement", "handle", "publish")


def _feedback_struct(f):
    s = _Feedback()
    s.received_at, s.refused_at, s.supplement_at = (_t(f.received_at), _t(f.refused_at),
                                                    _t(f.supplement_at))
    s.handled_at, s.published_at = _t(f.handled_at), _t(f.published_at)
    s.classified, s.disliked, s.raised_again = (int(bool(f.classified)), int(bool(f.disliked)),
                                                int(bool(f.raised_again)))
    return s


def feedback_status(feedback, at, calendar=None):
    """Status of a ``Feedback`` at ``at``: deadlines (refuse 2, supplement 5, handle 15, publish
    2 working days) and whether they were kept."""
    cal = calendar if calendar is not None else national_calendar()
    out = _FeedbackStatus()
    s = _feedback_struct(feedback)
    check(lib.tthc_feedback_status_at(ctypes.byref(s), cal._handle(), to_seconds(at),
                                      ctypes.byref(out)))
    return FeedbackStatus(_STAGES[out.stage], bool(out.on_time), _STEPS[out.late_step],
                          bool(out.satisfied), from_day_number(out.refuse_by),
                          from_day_number(out.supplement_by), from_day_number(out.handle_by),
                          from_day_number(out.publish_by) if out.publish_by else None)
