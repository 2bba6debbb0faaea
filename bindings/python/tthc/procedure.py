"""Procedure catalogs and internal processes (libtthc's procedure module).

A :class:`Catalog` holds procedure records (thủ tục hành chính) loaded from JSON
(docs/procedure.md) or built from dicts; it is immutable and may be shared between threads.
Search is accent- and case-insensitive, iteration is in Vietnamese dictionary order. A
:class:`Procedure` gives the record's fields, its statutory limits per channel, its internal
:class:`Process`, the 4-at-place (4 tại chỗ) eligibility, per-step due instants on the working
calendar and the 30–50 % reduction targets. Time budgets are working minutes (a working day is
``Rules()["minutes_per_day"]`` = 480 by default).

>>> import datetime as dt, os, tthc
>>> cat = tthc.Catalog.load(os.path.join(os.environ["TTHC_TEST_DATA"], "catalog_commune.json"))
>>> [m.procedure.code for m in cat.search("KHAI SINH")][:2]
['1.001193', '1.004884']
>>> p = cat["1.001731"]
>>> p.limit().phrase, p.limit().value, p.fourplace(complete=True).eligible
('05 ngày làm việc', 5, True)
>>> p.reduction_targets()
[(30, 1680), (50, 1200)]
>>> [s.due for s in p.plan(dt.datetime(2025, 3, 4, 14, 0)).steps][:2]
[datetime.datetime(2025, 3, 6, 14, 0), datetime.datetime(2025, 3, 11, 14, 0)]
"""
import collections
import ctypes
import datetime as _dt

from . import deadline as _deadline
from ._lib import STATUS, ErrorStruct, check, declare, lib
from .date import from_day_number, from_seconds, to_day_number, to_seconds

__all__ = ["Catalog", "Procedure", "Process", "Rules", "PublishedLimit", "Fee", "Document",
           "LegalBasis", "Decision", "Step", "PlannedStep", "Plan", "Eligibility", "SameDay",
           "Match", "reason_text", "check_code", "extract_code", "online_from_legacy",
           "parse_budget", "limit_minutes", "reduction_target", "reduction_achieved",
           "publication_deadlines", "publication_check", "CHANNELS", "LEVELS", "ONLINE", "STEP_KINDS", "MATCHES",
           "REASONS", "RULES"]


# tthc_limit and its functions are declared once, by the deadline binding.
_Limit = _deadline._LimitStruct


_p = ctypes.c_void_p
_pp = ctypes.POINTER(ctypes.c_void_p)
_s = ctypes.c_char_p
_sp = ctypes.POINTER(ctypes.c_char_p)
_sz = ctypes.c_size_t
_szp = ctypes.POINTER(ctypes.c_size_t)
_i = ctypes.c_int
_ip = ctypes.POINTER(ctypes.c_int)
_u = ctypes.c_uint
_up = ctypes.POINTER(ctypes.c_uint)
_i32 = ctypes.c_int32
_i32p = ctypes.POINTER(ctypes.c_int32)
_i64 = ctypes.c_int64
_i64p = ctypes.POINTER(ctypes.c_int64)
_err_p = ctypes.POINTER(ErrorStruct)
_lim_p = ctypes.POINTER(_Limit)

declare([
    ("tthc_catalog_at", _p, [_p, _sz]),
    ("tthc_catalog_build", _i, [_p, _pp]),
    ("tthc_catalog_builder_add", _i, [_p, _p]),
    ("tthc_catalog_builder_free", None, [_p]),
    ("tthc_catalog_builder_new", _i, [_pp]),
    ("tthc_catalog_builder_set_info", _i, [_p, _s, _s]),
    ("tthc_catalog_builder_set_rules", _i, [_p, _p]),
    ("tthc_catalog_count", _sz, [_p]),
    ("tthc_catalog_filter", _i, [_p, _s, _u, _u, _pp, _sz, _szp]),
    ("tthc_catalog_free", None, [_p]),
    ("tthc_catalog_get", _i, [_p, _s, _pp]),
    ("tthc_catalog_load_file", _i, [_s, _pp, _err_p]),
    ("tthc_catalog_load_json", _i, [_s, _sz, _pp, _err_p]),
    ("tthc_catalog_rules", _p, [_p]),
    ("tthc_catalog_search", _i, [_p, _s, _sz, _pp, _ip, _sz, _szp]),
    ("tthc_catalog_source", _s, [_p]),
    ("tthc_catalog_title", _s, [_p]),
    ("tthc_catalog_to_json_alloc", _i, [_p, _u, _pp, _szp]),
    ("tthc_channel_name", _s, [_i]),
    ("tthc_fourplace_check", _i, [_p, _i, _p, _i, _ip, _up]),
    ("tthc_fourplace_plan", _i, [_p, _i, _p, _p, _p, _i64, _i, _ip, _up, _i64p]),
    ("tthc_fourplace_reason_name", _s, [_u]),
    ("tthc_fourplace_reason_text", _s, [_u, _i]),
    ("tthc_match_name", _s, [_i]),
    ("tthc_online_from_legacy", _i, [_i, _i, _ip]),
    ("tthc_online_name", _s, [_i]),
    ("tthc_proc_add_document", _i, [_p, _s, _i, _i]),
    ("tthc_proc_add_fee", _i, [_p, _u, _i, _i64, _s]),
    ("tthc_proc_add_legal_basis", _i, [_p, _s]),
    ("tthc_proc_add_result", _i, [_p, _s]),
    ("tthc_proc_agency", _s, [_p]),
    ("tthc_proc_code", _s, [_p]),
    ("tthc_proc_code_check", _i, [_s, _sz, _err_p]),
    ("tthc_proc_code_extract", _i, [_s, _sz, ctypes.c_char_p, _err_p]),
    ("tthc_proc_decision", _i, [_p, _sp, _i32p]),
    ("tthc_proc_document", _i, [_p, _sz, _sp, _ip, _ip]),
    ("tthc_proc_document_count", _sz, [_p]),
    ("tthc_proc_fee", _i, [_p, _sz, _up, _ip, _i64p, _sp]),
    ("tthc_proc_fee_count", _sz, [_p]),
    ("tthc_proc_field_code", _s, [_p]),
    ("tthc_proc_field_name", _s, [_p]),
    ("tthc_proc_free", None, [_p]),
    ("tthc_proc_interagency", _i, [_p]),
    ("tthc_proc_legal_basis", _i, [_p, _sz, _sp, _sp, _sp, _i32p]),
    ("tthc_proc_legal_basis_count", _sz, [_p]),
    ("tthc_proc_level_name", _s, [_i]),
    ("tthc_proc_level_name_vi", _s, [_i]),
    ("tthc_proc_level_of", _i, [_p]),
    ("tthc_proc_limit", _i, [_p, _i, _lim_p, _sp]),
    ("tthc_proc_limit_minutes", _i, [_Limit, _p, _i32p]),
    ("tthc_proc_limit_note", _s, [_p]),
    ("tthc_proc_name", _s, [_p]),
    ("tthc_proc_new", _i, [_s, _s, _pp, _err_p]),
    ("tthc_proc_online", _i, [_p]),
    ("tthc_proc_process", _p, [_p]),
    ("tthc_proc_result", _s, [_p, _sz]),
    ("tthc_proc_result_count", _sz, [_p]),
    ("tthc_proc_rule_name", _s, [_i]),
    ("tthc_proc_rules_add_field", _i, [_p, _s]),
    ("tthc_proc_rules_clear_fields", None, [_p]),
    ("tthc_proc_rules_copy", _i, [_p, _pp]),
    ("tthc_proc_rules_field", _s, [_p, _sz]),
    ("tthc_proc_rules_field_count", _sz, [_p]),
    ("tthc_proc_rules_free", None, [_p]),
    ("tthc_proc_rules_get", _i, [_p, _i, _i64p]),
    ("tthc_proc_rules_new", _i, [_pp]),
    ("tthc_proc_rules_set", _i, [_p, _i, _i64]),
    ("tthc_proc_set_agency", _i, [_p, _s]),
    ("tthc_proc_set_decision", _i, [_p, _s, _i32]),
    ("tthc_proc_set_field", _i, [_p, _s, _s]),
    ("tthc_proc_set_interagency", _i, [_p, _i]),
    ("tthc_proc_set_level", _i, [_p, _i]),
    ("tthc_proc_set_limit", _i, [_p, _u, _Limit, _s]),
    ("tthc_proc_set_limit_note", _i, [_p, _s]),
    ("tthc_proc_set_limit_text", _i, [_p, _u, _s, _err_p]),
    ("tthc_proc_set_online", _i, [_p, _i]),
    ("tthc_proc_set_process", _i, [_p, _p]),
    ("tthc_proc_set_source", _i, [_p, _s]),
    ("tthc_proc_source", _s, [_p]),
    ("tthc_proc_to_json_alloc", _i, [_p, _u, _pp, _szp]),
    ("tthc_process_add_step", _i, [_p, _i, _s, _s, _i32, _i, _s]),
    ("tthc_process_fit", _i, [_p, _Limit, _p, _ip, _i32p, _i32p]),
    ("tthc_process_free", None, [_p]),
    ("tthc_process_new", _i, [_pp]),
    ("tthc_process_parse_budget", _i, [_s, _sz, _i32, _i32p, _ip, _err_p]),
    ("tthc_process_plan", _i, [_p, _p, _p, _p, _lim_p, _i64, _i64p, _i64p, _sz, _szp, _i64p]),
    ("tthc_process_scale", _i, [_p, _i32, _p, _pp]),
    ("tthc_process_step", _i, [_p, _sz, _ip, _sp, _sp, _i32p, _ip, _sp]),
    ("tthc_process_step_count", _sz, [_p]),
    ("tthc_process_step_kind_name", _s, [_i]),
    ("tthc_process_total", _i32, [_p]),
    ("tthc_publication_check", _i, [_p, _i32, _i, _i, _i32, _p, _ip, _i32p]),
    ("tthc_publication_deadlines", _i, [_p, _i32, _i, _p, _i32p, _i32p]),
    ("tthc_reduction_achieved", _i, [_i32, _i32p, _sz, _i32p, _i32p]),
    ("tthc_reduction_target", _i, [_i32, _i, _p, _i32p]),
])


def _names(fn, stop=None):
    out, i = [], 0
    while True:
        n = fn(i)
        if n is None or n == b"?" or (stop is not None and i >= stop):
            return tuple(out)
        out.append(n.decode())
        i += 1


CHANNELS = _names(lib.tthc_channel_name)          #: "direct", "online", "postal"
LEVELS = _names(lib.tthc_proc_level_name)         #: "unknown", "central" … "commune"
ONLINE = _names(lib.tthc_online_name)             #: "none", "partial", "full", "unknown"
STEP_KINDS = _names(lib.tthc_process_step_kind_name)  #: "receive" … "other"
MATCHES = _names(lib.tthc_match_name)             #: "exact", "prefix", "all_words", "some_words"
RULES = _names(lib.tthc_proc_rule_name)           #: rule keys ("minutes_per_day" …)
#: 4-at-place reason flag -> key ("field_listed" …)
REASONS = {1 << i: lib.tthc_fourplace_reason_name(1 << i).decode() for i in range(32)
           if lib.tthc_fourplace_reason_name(1 << i)}
_ENOTFOUND = next(k for k, v in STATUS.items() if v == "ENOTFOUND")
_ISSUERS = ("province", "ministry")
_PLACES = ("counter", "online")
_FEE_KINDS = ("fee", "charge")



class PublishedLimit(_deadline.Limit):
    """A statutory limit as a record publishes it: a :class:`tthc.Limit` (``value``, ``unit``,
    ``flags``, ``cutoff``) that also keeps the published ``phrase``."""

    def __new__(cls, limit, phrase):
        self = super().__new__(cls, *limit)
        self.phrase = phrase
        return self

    def __repr__(self):
        return (f"PublishedLimit(phrase={self.phrase!r}, value={self.value!r}, "
                f"unit={self.unit!r}, flags={self.flags!r}, cutoff={self.cutoff!r})")

Fee = collections.namedtuple("Fee", "channels kind amount description")
Fee.__doc__ = "A fee: channels (tuple), kind ('fee' = phí, 'charge' = lệ phí), đồng, text."
Document = collections.namedtuple("Document", "name originals copies")
LegalBasis = collections.namedtuple("LegalBasis", "text number type date")
LegalBasis.__doc__ = ("A legal basis as published, and the reference found in it: number "
                      "('123/2015/NĐ-CP'), type ('Nghị định') and date, each None if not found.")
Decision = collections.namedtuple("Decision", "number date")
Step = collections.namedtuple("Step", "kind description role minutes counted budget")
Step.__doc__ = ("A process step: kind ('receive' …), what is done, who does it, working "
                "minutes, counted (False for the return step), the published budget text.")
PlannedStep = collections.namedtuple("PlannedStep", "kind role minutes counted start due")
Plan = collections.namedtuple("Plan", "start due steps")
Plan.__doc__ = ("Due instants for a dossier: start of the statutory clock, statutory due "
                "(None without a limit) and the planned steps.")
Eligibility = collections.namedtuple("Eligibility", "eligible reasons")
SameDay = collections.namedtuple("SameDay", "eligible reasons dues")
SameDay.__doc__ = ("A same-day (4 tại chỗ) plan: eligible, reason keys, and the due instants "
                   "of receive, appraise, approve, return (a dict) or None.")
Match = collections.namedtuple("Match", "procedure match")


def _b(text, what="text"):
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray)):
        return bytes(text)
    raise TypeError(f"{what} must be str, not {type(text).__name__}")


def _ob(text, what="text"):
    return None if text is None else _b(text, what)


def _d(raw):
    return None if raw is None else raw.decode("utf-8")


def _index(value, names, what):
    try:
        return names.index(value)
    except ValueError:
        raise ValueError(f"{what} must be one of {', '.join(names)}, not {value!r}") from None


def _channel_mask(channels):
    if channels is None:
        return 7
    if isinstance(channels, str):
        channels = (channels,)
    mask = 0
    for ch in channels:
        mask |= 1 << _index(ch, CHANNELS, "channel")
    return mask


def _channels_of(mask):
    return tuple(ch for i, ch in enumerate(CHANNELS) if mask & (1 << i))


def _reasons(mask):
    return [name for flag, name in sorted(REASONS.items()) if mask & flag]


def _rules_handle(rules):
    if rules is None:
        return None
    if not isinstance(rules, Rules):
        raise TypeError("rules must be a tthc.Rules")
    return rules._h


def _calendar_for(calendar, when):
    """The calendar given, or the national one from the year before ``when`` to two after."""
    if calendar is not None:
        return calendar
    from .calendar import MAX_YEAR, MIN_YEAR, Calendar
    return Calendar.vietnam(max(MIN_YEAR, when.year - 1), min(MAX_YEAR, when.year + 2))


def _alloc_str(fn, *args):
    out = ctypes.c_void_p()
    check(fn(*args, ctypes.byref(out), None))
    try:
        return ctypes.string_at(out.value).decode("utf-8")
    finally:
        lib.tthc_free(out)


def _as_limit(limit):
    """The C tthc_limit of a phrase or a :class:`tthc.Limit` (a :class:`PublishedLimit` too)."""
    if isinstance(limit, _deadline.Limit):
        return limit._struct()
    return _deadline.parse_limit(limit)._struct()


# ---- functions ---------------------------------------------------------------------------

def reason_text(reason, vi=False):
    """One sentence saying what a 4-at-place reason key (:data:`REASONS`) means, in English or
    (``vi``) Vietnamese.

    >>> reason_text("after_cutoff"), reason_text("after_cutoff", vi=True)
    ('received after the cut-off', 'tiếp nhận sau giờ giới hạn')
    """
    flag = next((f for f, name in REASONS.items() if name == reason), None)
    if flag is None:
        raise ValueError(f"unknown 4-at-place reason {reason!r}")
    return _d(lib.tthc_fourplace_reason_text(flag, 1 if vi else 0))


def check_code(code):
    """Raise :class:`tthc.ParseError` unless ``code`` is a national code ``D.DDDDDD``."""
    b, err = _b(code, "code"), ErrorStruct()
    check(lib.tthc_proc_code_check(b, len(b), ctypes.byref(err)), err)


def extract_code(text):
    """The national code at the start of a local notation ("1.000593.000.00.00.H37")."""
    b, err, out = _b(text, "code"), ErrorStruct(), ctypes.create_string_buffer(9)
    check(lib.tthc_proc_code_extract(b, len(b), out, ctypes.byref(err)), err)
    return out.value.decode()


def online_from_legacy(level, presence_required=False):
    """Map a pre-2022 online level 1–4 to "none", "partial" or "full" (FACTS §5)."""
    out = ctypes.c_int()
    check(lib.tthc_online_from_legacy(int(level), 1 if presence_required else 0,
                                      ctypes.byref(out)))
    return ONLINE[out.value]


def parse_budget(text, minutes_per_day=480):
    """Parse a step budget ("0,5 ngày", "04 giờ", "Không tính thời gian") into
    ``(working minutes, counted)``."""
    b, err = _b(text, "budget"), ErrorStruct()
    m, c = ctypes.c_int32(), ctypes.c_int()
    check(lib.tthc_process_parse_budget(b, len(b), int(minutes_per_day), ctypes.byref(m),
                                        ctypes.byref(c), ctypes.byref(err)), err)
    return m.value, bool(c.value)


def limit_minutes(limit, rules=None):
    """A statutory limit (a phrase such as "05 ngày làm việc") in working minutes; raises
    :class:`tthc.Error` (EUNSUPPORTED) for calendar days and months."""
    out = ctypes.c_int32()
    check(lib.tthc_proc_limit_minutes(_as_limit(limit), _rules_handle(rules), ctypes.byref(out)))
    return out.value


def reduction_target(limit_minutes_, percent, rules=None):
    """The limit after a ``percent`` reduction, rounded as the rules say (working minutes)."""
    out = ctypes.c_int32()
    check(lib.tthc_reduction_target(int(limit_minutes_), int(percent), _rules_handle(rules),
                                    ctypes.byref(out)))
    return out.value


def reduction_achieved(limit_minutes_, actual):
    """``(mean minutes, reduction in percent)`` of actual processing times (working minutes)
    against the limit; the percentage is negative when the mean exceeds the limit."""
    values = [int(a) for a in actual]
    arr = (ctypes.c_int32 * max(1, len(values)))(*values)
    mean, bp = ctypes.c_int32(), ctypes.c_int32()
    check(lib.tthc_reduction_achieved(int(limit_minutes_), arr, len(values), ctypes.byref(mean),
                                      ctypes.byref(bp)))
    return mean.value, bp.value / 100


def publication_deadlines(decision, issuer="province", calendar=None, rules=None):
    """``(counter_by, online_by)``: the last dates to post a procedure at the counter and
    online after the publishing decision of ``decision`` (datetime.date)."""
    cal = _calendar_for(calendar, decision)
    c, o = ctypes.c_int32(), ctypes.c_int32()
    check(lib.tthc_publication_deadlines(cal._handle(), to_day_number(decision),
                                         _index(issuer, _ISSUERS, "issuer"),
                                         _rules_handle(rules), ctypes.byref(c), ctypes.byref(o)))
    return from_day_number(c.value), from_day_number(o.value)


def publication_check(decision, posted, place="online", issuer="province", calendar=None,
                      rules=None):
    """``(on_time, working days late)`` for a procedure posted on ``posted``."""
    cal = _calendar_for(calendar, decision)
    ok, late = ctypes.c_int(), ctypes.c_int32()
    check(lib.tthc_publication_check(cal._handle(), to_day_number(decision),
                                     _index(issuer, _ISSUERS, "issuer"),
                                     _index(place, _PLACES, "place"), to_day_number(posted),
                                     _rules_handle(rules), ctypes.byref(ok), ctypes.byref(late)))
    return bool(ok.value), late.value


# ---- rules -------------------------------------------------------------------------------

class Rules:
    """A rule set: 4-at-place conditions and fields, reduction targets and rounding,
    publication windows, the length of a working day. ``Rules()`` has the documented defaults;
    read and set numbers by key (:data:`RULES`): ``rules["reduction_low"] = 40``; times are
    minutes, the cut-off seconds after midnight."""

    def __init__(self, _copy_of=None):
        h = ctypes.c_void_p()
        check(lib.tthc_proc_rules_copy(_copy_of, ctypes.byref(h)))
        self._h = h

    def __del__(self):
        if getattr(self, "_h", None):
            lib.tthc_proc_rules_free(self._h)
            self._h = None

    def copy(self):
        """An independent copy."""
        return Rules(self._h)

    def __getitem__(self, key):
        out = ctypes.c_int64()
        check(lib.tthc_proc_rules_get(self._h, _index(key, RULES, "rule"), ctypes.byref(out)))
        return out.value

    def __setitem__(self, key, value):
        check(lib.tthc_proc_rules_set(self._h, _index(key, RULES, "rule"), int(value)))

    def keys(self):
        """The rule keys (:data:`RULES`)."""
        return RULES

    def as_dict(self):
        """Every rule as a dict key -> number."""
        return {k: self[k] for k in RULES}

    @property
    def fields(self):
        """The 4-at-place fields (lĩnh vực), as given."""
        return [_d(lib.tthc_proc_rules_field(self._h, i))
                for i in range(lib.tthc_proc_rules_field_count(self._h))]

    def add_field(self, name):
        """Add a 4-at-place field (lĩnh vực) by name."""
        check(lib.tthc_proc_rules_add_field(self._h, _b(name, "field")))

    def clear_fields(self):
        """Remove every 4-at-place field."""
        lib.tthc_proc_rules_clear_fields(self._h)

    def __repr__(self):
        return f"Rules({self.as_dict()!r}, fields={self.fields!r})"


# ---- processes ---------------------------------------------------------------------------

class Process:
    """An internal process (quy trình nội bộ): ordered steps with budgets in working minutes.
    ``Process([{"kind": "receive", "budget": "0,5 ngày", "role": "Bộ phận Một cửa"}, …])``;
    a step may give ``minutes`` instead of ``budget`` and ``counted=False``."""

    def __init__(self, steps=(), minutes_per_day=480, _handle=None, _owner=None):
        if _handle is not None:
            self._h, self._owner = _handle, _owner  # borrowed from a record, or owned
            return
        h = ctypes.c_void_p()
        check(lib.tthc_process_new(ctypes.byref(h)))
        self._h, self._owner = h, None
        for s in steps:
            if isinstance(s, Step):
                s = s._asdict()
            self.add_step(minutes_per_day=minutes_per_day, **s)

    def __del__(self):
        if getattr(self, "_h", None) and self._owner is None:
            lib.tthc_process_free(self._h)
            self._h = None

    def add_step(self, kind, budget=None, minutes=None, counted=None, description=None,
                 role=None, minutes_per_day=480):
        """Append a step of ``kind`` (:data:`STEP_KINDS`) with a ``budget`` text ("0,5 ngày")
        or ``minutes`` of working time."""
        if self._owner is not None:
            raise ValueError("this process belongs to a catalog record and cannot change")
        if budget is not None:
            m, c = parse_budget(budget, minutes_per_day)
            if minutes is not None and minutes != m:
                raise ValueError("give either budget or minutes, not both")
            if counted is not None and bool(counted) != c:
                raise ValueError(f"counted={counted!r} contradicts the budget {budget!r}")
        else:
            m, c = int(minutes or 0), True if counted is None else bool(counted)
        self._add(kind, description, role, m, c, budget)

    def _add(self, kind, description, role, minutes, counted, budget):
        check(lib.tthc_process_add_step(self._h, _index(kind, STEP_KINDS, "kind"),
                                        _ob(description), _ob(role), int(minutes),
                                        1 if counted else 0, _ob(budget)))

    def copy(self):
        """An independent copy (the same steps, minutes and wording)."""
        c = Process()
        for s in self.steps:
            c._add(s.kind, s.description, s.role, s.minutes, s.counted, s.budget)
        return c

    def __len__(self):
        return lib.tthc_process_step_count(self._h)

    @property
    def steps(self):
        """The steps as :class:`Step` tuples, in order."""
        out = []
        for i in range(len(self)):
            k, m, c = ctypes.c_int(), ctypes.c_int32(), ctypes.c_int()
            d, r, bt = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_char_p()
            check(lib.tthc_process_step(self._h, i, ctypes.byref(k), ctypes.byref(d),
                                        ctypes.byref(r), ctypes.byref(m), ctypes.byref(c),
                                        ctypes.byref(bt)))
            out.append(Step(STEP_KINDS[k.value], _d(d.value), _d(r.value), m.value,
                            bool(c.value), _d(bt.value)))
        return out

    def __iter__(self):
        return iter(self.steps)

    @property
    def total(self):
        """Counted working minutes."""
        return lib.tthc_process_total(self._h)

    def fits(self, limit, rules=None):
        """Do the counted budgets fit ``limit`` (a phrase or :class:`tthc.Limit`)?"""
        ok, b, lm = ctypes.c_int(), ctypes.c_int32(), ctypes.c_int32()
        check(lib.tthc_process_fit(self._h, _as_limit(limit), _rules_handle(rules),
                                   ctypes.byref(ok), ctypes.byref(b), ctypes.byref(lm)))
        return bool(ok.value)

    def scale(self, target_minutes, rules=None):
        """A new process whose counted budgets add up to ``target_minutes``."""
        h = ctypes.c_void_p()
        check(lib.tthc_process_scale(self._h, int(target_minutes), _rules_handle(rules),
                                     ctypes.byref(h)))
        return Process(_handle=h)

    def plan(self, received, limit=None, calendar=None, policy=None):
        """:class:`Plan` of a dossier received at ``received`` (datetime, Vietnam time) on the
        national calendar (or ``calendar``): each step's start and due. ``policy`` (a
        :class:`tthc.Policy`) changes the intake rules (the cut-off …)."""
        cal = _calendar_for(calendar, received)
        lim = None if limit is None else _as_limit(limit)
        n = len(self)
        starts, dues = (ctypes.c_int64 * max(1, n))(), (ctypes.c_int64 * max(1, n))()
        count, stat = ctypes.c_size_t(), ctypes.c_int64()
        check(lib.tthc_process_plan(self._h, cal._handle(), None,
                                    None if policy is None else policy._handle(),
                                    None if lim is None else ctypes.byref(lim),
                                    to_seconds(received), starts, dues, n, ctypes.byref(count),
                                    ctypes.byref(stat)))
        steps = [PlannedStep(s.kind, s.role, s.minutes, s.counted, from_seconds(starts[i]),
                             from_seconds(dues[i])) for i, s in enumerate(self.steps)]
        start = steps[0].start if steps else None
        return Plan(start, from_seconds(stat.value) if lim is not None else None, steps)

    def __repr__(self):
        return f"Process({[tuple(s) for s in self.steps]!r})"


# ---- records and catalogs ----------------------------------------------------------------

class Procedure:
    """A record of a :class:`Catalog` (read-only; it keeps its catalog alive)."""

    def __init__(self, catalog, handle):
        self._cat, self._h = catalog, handle

    code = property(lambda self: _d(lib.tthc_proc_code(self._h)),
                    doc="National code D.DDDDDD ('1.001193').")
    name = property(lambda self: _d(lib.tthc_proc_name(self._h)), doc="Name of the procedure.")
    field = property(lambda self: _d(lib.tthc_proc_field_name(self._h)),
                     doc="Field (lĩnh vực) name or None.")
    field_code = property(lambda self: _d(lib.tthc_proc_field_code(self._h)),
                          doc="Code of the field or None.")
    level = property(lambda self: LEVELS[lib.tthc_proc_level_of(self._h)],
                     doc="Level: 'central', 'province', 'district', 'commune' or 'unknown'.")
    level_vi = property(
        lambda self: _d(lib.tthc_proc_level_name_vi(lib.tthc_proc_level_of(self._h))),
        doc="The level in Vietnamese ('cấp xã' …).")
    agency = property(lambda self: _d(lib.tthc_proc_agency(self._h)),
                      doc="Agency that settles it, or None.")
    online = property(lambda self: ONLINE[lib.tthc_proc_online(self._h)],
                      doc="Online level: 'none', 'partial', 'full' or 'unknown'.")
    interagency = property(lambda self: bool(lib.tthc_proc_interagency(self._h)),
                           doc="True for an inter-agency (liên thông) procedure.")
    source = property(lambda self: _d(lib.tthc_proc_source(self._h)),
                      doc="Where the record comes from (URL …) or None.")
    limit_note = property(lambda self: _d(lib.tthc_proc_limit_note(self._h)),
                          doc="Note on the limit as published, or None.")

    def limit(self, channel="direct"):
        """The statutory :class:`PublishedLimit` for ``channel``, or None if none is published."""
        lim, ph = _Limit(), ctypes.c_char_p()
        st = lib.tthc_proc_limit(self._h, _index(channel, CHANNELS, "channel"),
                                 ctypes.byref(lim), ctypes.byref(ph))
        if st == _ENOTFOUND:
            return None
        check(st)
        return PublishedLimit(_deadline.Limit._from_struct(lim), _d(ph.value))

    @property
    def fees(self):
        """The fees as :class:`Fee` tuples."""
        out = []
        for i in range(lib.tthc_proc_fee_count(self._h)):
            ch, k, a, d = ctypes.c_uint(), ctypes.c_int(), ctypes.c_int64(), ctypes.c_char_p()
            check(lib.tthc_proc_fee(self._h, i, ctypes.byref(ch), ctypes.byref(k),
                                    ctypes.byref(a), ctypes.byref(d)))
            out.append(Fee(_channels_of(ch.value), _FEE_KINDS[k.value], a.value, _d(d.value)))
        return out

    @property
    def documents(self):
        """The documents to submit as :class:`Document` tuples."""
        out = []
        for i in range(lib.tthc_proc_document_count(self._h)):
            n, o, c = ctypes.c_char_p(), ctypes.c_int(), ctypes.c_int()
            check(lib.tthc_proc_document(self._h, i, ctypes.byref(n), ctypes.byref(o),
                                         ctypes.byref(c)))
            out.append(Document(_d(n.value), o.value, c.value))
        return out

    @property
    def results(self):
        """What the applicant receives (texts)."""
        return [_d(lib.tthc_proc_result(self._h, i))
                for i in range(lib.tthc_proc_result_count(self._h))]

    @property
    def legal_bases(self):
        """The legal bases as :class:`LegalBasis` tuples."""
        out = []
        for i in range(lib.tthc_proc_legal_basis_count(self._h)):
            t, n, ty, d = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_int32()
            check(lib.tthc_proc_legal_basis(self._h, i, ctypes.byref(t), ctypes.byref(n),
                                            ctypes.byref(ty), ctypes.byref(d)))
            out.append(LegalBasis(_d(t.value), _d(n.value), _d(ty.value),
                                  from_day_number(d.value) if n.value and d.value else None))
        return out

    @property
    def decision(self):
        """The publishing :class:`Decision` or None."""
        n, d = ctypes.c_char_p(), ctypes.c_int32()
        if lib.tthc_proc_decision(self._h, ctypes.byref(n), ctypes.byref(d)) != 0:
            return None
        return Decision(_d(n.value), from_day_number(d.value))

    @property
    def process(self):
        """The internal :class:`Process` or None."""
        h = lib.tthc_proc_process(self._h)
        return Process(_handle=ctypes.c_void_p(h), _owner=self) if h else None

    def to_json(self, indent=False):
        """The record as JSON text (the element schema of "procedures")."""
        return _alloc_str(lib.tthc_proc_to_json_alloc, self._h, 1 if indent else 0)

    def _rules(self, rules):
        return _rules_handle(rules) if rules is not None else lib.tthc_catalog_rules(self._cat._h)

    def fourplace(self, channel="direct", complete=True, rules=None):
        """:class:`Eligibility` for 4-at-place (timing not considered); the catalog's rules
        unless ``rules`` is given."""
        ok, why = ctypes.c_int(), ctypes.c_uint()
        check(lib.tthc_fourplace_check(self._h, _index(channel, CHANNELS, "channel"),
                                       self._rules(rules), 1 if complete else 0, ctypes.byref(ok),
                                       ctypes.byref(why)))
        return Eligibility(bool(ok.value), _reasons(why.value))

    def same_day(self, received, channel="direct", complete=True, calendar=None, rules=None):
        """:class:`SameDay` plan for a dossier received at ``received``."""
        cal = _calendar_for(calendar, received)
        ok, why, dues = ctypes.c_int(), ctypes.c_uint(), (ctypes.c_int64 * 4)()
        check(lib.tthc_fourplace_plan(self._h, _index(channel, CHANNELS, "channel"),
                                      self._rules(rules), cal._handle(), None,
                                      to_seconds(received), 1 if complete else 0,
                                      ctypes.byref(ok), ctypes.byref(why), dues))
        d = None
        if ok.value:
            d = dict(zip(("receive", "appraise", "approve", "return"),
                         (from_seconds(x) for x in dues)))
        return SameDay(bool(ok.value), _reasons(why.value), d)

    def plan(self, received, channel="direct", calendar=None, policy=None):
        """:class:`Plan`: statutory due for ``channel`` and the due instant of each step of the
        internal process (no steps without one), under ``policy`` if given."""
        lim = self.limit(channel)
        proc = self.process
        if proc is None:
            return Process().plan(received, lim, calendar, policy)
        return proc.plan(received, lim, calendar, policy)

    def reduction_targets(self, channel="direct", rules=None):
        """``[(percent, minutes), …]`` for the rule set's two targets; [] when targets do not
        apply (no limit, a limit below the minimum or in calendar days)."""
        lim = self.limit(channel)
        if lim is None:
            return []
        r = self._rules(rules)
        m = ctypes.c_int32()
        if lib.tthc_proc_limit_minutes(_as_limit(lim), r, ctypes.byref(m)) != 0:
            return []
        out = []
        for key in ("reduction_low", "reduction_high"):
            pct = ctypes.c_int64()
            check(lib.tthc_proc_rules_get(r, RULES.index(key), ctypes.byref(pct)))
            t = ctypes.c_int32()
            if lib.tthc_reduction_target(m.value, pct.value, r, ctypes.byref(t)) != 0:
                return []
            out.append((pct.value, t.value))
        return out

    def __repr__(self):
        return f"<Procedure {self.code} {self.name!r}>"

    def __eq__(self, other):
        return isinstance(other, Procedure) and self._h.value == other._h.value

    def __hash__(self):
        return hash(self._h.value)


class Catalog:
    """A frozen catalog of procedure records. Load it with :meth:`load` (a JSON file),
    :meth:`from_json` or :meth:`build` (a list of dicts in the JSON schema)."""

    def __init__(self, _handle):
        self._h = _handle

    @classmethod
    def load(cls, path):
        """Load a JSON catalog file; errors carry the line, column and JSON path."""
        h, err = ctypes.c_void_p(), ErrorStruct()
        check(lib.tthc_catalog_load_file(_b(str(path), "path"), ctypes.byref(h),
                                         ctypes.byref(err)), err)
        return cls(h)

    @classmethod
    def from_json(cls, text):
        """A catalog from JSON text (the schema of docs/procedure.md)."""
        b, h, err = _b(text, "json"), ctypes.c_void_p(), ErrorStruct()
        check(lib.tthc_catalog_load_json(b, len(b), ctypes.byref(h), ctypes.byref(err)), err)
        return cls(h)

    @classmethod
    def build(cls, procedures, rules=None, title=None, source=None):
        """Build a catalog from dicts with the keys of the JSON schema (code, name, field, level,
        agency, limit, limit_note, fees, online, interagency, documents, results, legal_bases,
        decision, process, source); ``process`` may be a :class:`Process` or a list of steps."""
        b = ctypes.c_void_p()
        check(lib.tthc_catalog_builder_new(ctypes.byref(b)))
        try:
            for rec in procedures:
                check(lib.tthc_catalog_builder_add(b, _make_proc(rec)))
            check(lib.tthc_catalog_builder_set_rules(b, _rules_handle(rules)))
            check(lib.tthc_catalog_builder_set_info(b, _ob(title), _ob(source)))
            h = ctypes.c_void_p()
            check(lib.tthc_catalog_build(b, ctypes.byref(h)))
            return cls(h)
        finally:
            lib.tthc_catalog_builder_free(b)

    def close(self):
        """Free the catalog now (records taken from it must not be used afterwards)."""
        if getattr(self, "_h", None):
            lib.tthc_catalog_free(self._h)
            self._h = None

    def __del__(self):
        self.close()

    def __len__(self):
        return lib.tthc_catalog_count(self._h)

    def __iter__(self):
        """Records in Vietnamese dictionary order of their names."""
        for i in range(len(self)):
            yield Procedure(self, ctypes.c_void_p(lib.tthc_catalog_at(self._h, i)))

    def __getitem__(self, code):
        out = ctypes.c_void_p()
        check(lib.tthc_catalog_get(self._h, _b(code, "code"), ctypes.byref(out)))
        return Procedure(self, out)

    def get(self, code, default=None):
        """The record with national code ``code``, or ``default``."""
        out = ctypes.c_void_p()
        if lib.tthc_catalog_get(self._h, _b(code, "code"), ctypes.byref(out)) != 0:
            return default
        return Procedure(self, out)

    def __contains__(self, code):
        return self.get(code) is not None

    title = property(lambda self: _d(lib.tthc_catalog_title(self._h)),
                     doc="The catalog's title or None.")
    source = property(lambda self: _d(lib.tthc_catalog_source(self._h)),
                      doc="The catalog's source or None.")

    @property
    def rules(self):
        """A copy of the catalog's :class:`Rules`."""
        return Rules(lib.tthc_catalog_rules(self._h))

    def search(self, text):
        """Records whose name matches ``text`` accent- and case-insensitively, best first, as
        :class:`Match` (procedure, "exact" | "prefix" | "all_words" | "some_words")."""
        b, n = _b(text, "query"), ctypes.c_size_t()
        check(lib.tthc_catalog_search(self._h, b, len(b), None, None, 0, ctypes.byref(n)))
        res, m = (ctypes.c_void_p * max(1, n.value))(), (ctypes.c_int * max(1, n.value))()
        check(lib.tthc_catalog_search(self._h, b, len(b), res, m, n.value, ctypes.byref(n)))
        return [Match(Procedure(self, ctypes.c_void_p(res[i])), MATCHES[m[i]])
                for i in range(n.value)]

    def filter(self, field=None, level=None, online=None):
        """Records of a field (name or code, accent-insensitive), level(s) and online
        level(s), in dictionary order."""
        def mask(v, names, what):
            if v is None:
                return 0
            vs = (v,) if isinstance(v, str) else v
            return sum(1 << _index(x, names, what) for x in set(vs))
        lm, om = mask(level, LEVELS, "level"), mask(online, ONLINE, "online")
        f, n = _ob(field, "field"), ctypes.c_size_t()
        check(lib.tthc_catalog_filter(self._h, f, lm, om, None, 0, ctypes.byref(n)))
        res = (ctypes.c_void_p * max(1, n.value))()
        check(lib.tthc_catalog_filter(self._h, f, lm, om, res, n.value, ctypes.byref(n)))
        return [Procedure(self, ctypes.c_void_p(res[i])) for i in range(n.value)]

    def to_json(self, indent=False):
        """The catalog as JSON text in the schema :meth:`from_json` reads."""
        return _alloc_str(lib.tthc_catalog_to_json_alloc, self._h, 1 if indent else 0)

    def __repr__(self):
        return f"<Catalog of {len(self)} procedures>"


_KEYS = {"code", "name", "field", "level", "agency", "limit", "limit_note", "fees", "online",
         "interagency", "documents", "results", "legal_bases", "decision", "process", "source"}


def _make_proc(rec):
    """A new C record (owned by the caller) from a dict."""
    unknown = set(rec) - _KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    h, err = ctypes.c_void_p(), ErrorStruct()
    check(lib.tthc_proc_new(_b(rec["code"], "code"), _b(rec["name"], "name"), ctypes.byref(h),
                            ctypes.byref(err)), err)
    try:
        _fill_proc(h, rec)
    except BaseException:
        lib.tthc_proc_free(h)
        raise
    return h


def _fill_proc(h, rec):
    f = rec.get("field")
    if f is not None:
        code, name = (None, f) if isinstance(f, str) else (f.get("code"), f["name"])
        check(lib.tthc_proc_set_field(h, _ob(code), _b(name)))
    if "level" in rec:
        check(lib.tthc_proc_set_level(h, _index(rec["level"], LEVELS, "level")))
    if rec.get("agency") is not None:
        check(lib.tthc_proc_set_agency(h, _b(rec["agency"])))
    lim = rec.get("limit")
    if lim is not None:
        items = [(None, lim)] if isinstance(lim, str) else list(lim.items())
        for ch, phrase in items:
            err = ErrorStruct()
            check(lib.tthc_proc_set_limit_text(h, _channel_mask(ch), _b(phrase),
                                               ctypes.byref(err)), err)
    if rec.get("limit_note") is not None:
        check(lib.tthc_proc_set_limit_note(h, _b(rec["limit_note"])))
    for fee in rec.get("fees", ()):
        check(lib.tthc_proc_add_fee(h, _channel_mask(fee.get("channels")),
                                    _index(fee.get("kind", "charge"), _FEE_KINDS, "kind"),
                                    int(fee["amount"]), _ob(fee.get("description"))))
    on = rec.get("online")
    if on is not None:
        if isinstance(on, dict):
            on = online_from_legacy(on["legacy_level"], on.get("presence_required", False))
        check(lib.tthc_proc_set_online(h, _index(on, ONLINE, "online")))
    if "interagency" in rec:
        check(lib.tthc_proc_set_interagency(h, 1 if rec["interagency"] else 0))
    for doc in rec.get("documents", ()):
        if isinstance(doc, str):
            doc = {"name": doc}
        check(lib.tthc_proc_add_document(h, _b(doc["name"]), int(doc.get("originals", 1)),
                                         int(doc.get("copies", 0))))
    for r in rec.get("results", ()):
        check(lib.tthc_proc_add_result(h, _b(r)))
    for t in rec.get("legal_bases", ()):
        check(lib.tthc_proc_add_legal_basis(h, _b(t)))
    dec = rec.get("decision")
    if dec is not None:
        number, date = (dec["number"], dec["date"]) if isinstance(dec, dict) else dec
        if isinstance(date, str):
            date = _dt.date.fromisoformat(date)
        check(lib.tthc_proc_set_decision(h, _b(number), to_day_number(date)))
    pr = rec.get("process")
    if pr is not None:
        if not isinstance(pr, Process):
            pr = Process(pr["steps"] if isinstance(pr, dict) else pr)
        clone = pr.copy()  # the record takes ownership of its own copy
        handle, clone._h = clone._h, None
        check(lib.tthc_proc_set_process(h, handle))
    if rec.get("source") is not None:
        check(lib.tthc_proc_set_source(h, _b(rec["source"])))
