"""The ``tthc`` command over the Python package: ``python3 -m tthc COMMAND …``.

It mirrors the C command (examples/tthc): the same subcommands, options, output and exit
status (0 success, 1 bad input, 2 usage), computed through this package's API rather than by
running the C program. ``--json`` output is byte for byte the C command's.

>>> main(["date", "2025-01-29"])
2025-01-29 Thứ Tư (Wednesday), ISO week 2025-W05, day 29 of the year
0
>>> main(["workdays", "--add", "5", "2025-01-24", "--json"])
{"date":"2025-01-24","n":5,"result":"2025-02-07"}
0
"""
import datetime as _dt
import os
import re
import sys

from . import calendar as _calendar
from . import deadline as _deadline
from . import lunar as _lunar
from . import text as _text
from ._lib import Error
from .date import (format_date, format_datetime, from_day_number, parse_date, parse_datetime,
                   to_day_number)
from . import strerror, version, version_number

__all__ = ["main", "COMMANDS", "OK", "BAD_INPUT", "USAGE"]

OK, BAD_INPUT, USAGE = 0, 1, 2  #: exit status: success, bad input, usage error

#: (name, one-line summary) of every subcommand, as examples/tthc/commands.def lists them.
COMMANDS = (
    ("amount", "an amount of money in Vietnamese words, as on fee receipts"),
    ("catalog", "search, show and plan the procedures of a JSON catalog"),
    ("date", "weekday, ISO week and day of year of a date; days between two dates"),
    ("deadline", "due instant of a dossier from its receipt and statutory limit"),
    ("dossier", "timeline and status of one dossier in a JSON Lines or CSV file"),
    ("holidays", "days off and make-up working days of a year, official or by the rules"),
    ("indicators", "service indicators, 766 index, ranks and targets over dossier files"),
    ("lunar", "Vietnamese lunar calendar: solar <-> lunar, can-chi, months, solar terms"),
    ("normalize", "normalise Vietnamese text (NFC, tone marks, legacy encodings, search keys)"),
    ("reconcile", "compare two records of the same dossiers (system vs paper register)"),
    ("refs", "find legal document references (Nghị định số 61/2018/NĐ-CP …) in a text"),
    ("version", "print the library version"),
    ("workday", "is a date a working day, and if not, why"),
    ("workdays", "working days between two dates; N working days after a date"),
)

_WEEKDAY_VI = ("", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAY_EN = ("", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
               "Sunday")
_CAL_MIN, _CAL_MAX = _calendar.MIN_YEAR, _calendar.MAX_YEAR


# ---- output, errors, options ---------------------------------------------------------------

def _out(s="", end="\n"):
    sys.stdout.write(s + end)


def _report(cmd, code, msg):
    sys.stdout.flush()
    sys.stderr.write(f"tthc {cmd}: {msg}\n")
    sys.stderr.flush()
    return code


def _usage_error(cmd, msg):
    return _report(cmd, USAGE, msg)


def _input_error(cmd, msg):
    return _report(cmd, BAD_INPUT, msg)


def _status_error(cmd, exc):
    """The library's message of a failed call (its ``tthc_error`` text, else its status)."""
    return _input_error(cmd, str(exc))


def _jstr(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif o < 0x20:
            out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(o, f"\\u{o:04X}"))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _jreal(x):
    """A double as jansson writes it: %.17g, a ".0" when it looks like an integer, the
    exponent without "+" or leading zeros."""
    s = "%.17g" % x
    if "." not in s and "e" not in s:
        s += ".0"
    m = re.match(r"(.*e)([+-]?)0*(\d+)$", s)
    if m:
        s = m.group(1) + ("-" if m.group(2) == "-" else "") + m.group(3)
    return s


def dumps(v):
    """Compact JSON exactly as the C command prints it (jansson, key order preserved)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _jreal(v)
    if isinstance(v, str):
        return _jstr(v)
    if isinstance(v, dict):
        return "{" + ",".join(_jstr(k) + ":" + dumps(x) for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(dumps(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as JSON")


def _print_json(v):
    _out(dumps(v))
    return OK


class _Opts:
    """Parsed options: attributes named after the options ("--to-solar" -> to_solar)."""

    def __init__(self, table):
        self.help = False
        self.pos = []
        for name, takes_value in table:
            setattr(self, _attr(name), None if takes_value else False)


def _attr(name):
    return name.lstrip("-").replace("-", "_")


def _parse(cmd, args, table, maxpos):
    """Options anywhere on the line (``--opt VALUE`` or ``--opt=VALUE``), positionals
    collected; ``--help``/``-h``; a lone ``--`` ends the options; "-3" is a positional.
    Returns None after printing a usage error (as the C command's cli_parse)."""
    o = _Opts(table)
    kinds = dict(table)
    only_pos = False
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if only_pos or not (len(a) > 1 and a[0] == "-" and a[1] not in "0123456789"):
            if len(o.pos) >= maxpos:
                _usage_error(cmd, f"unexpected argument '{a}' (see tthc {cmd} --help)")
                return None
            o.pos.append(a)
            continue
        if a == "--":
            only_pos = True
            continue
        if a in ("--help", "-h"):
            o.help = True
            continue
        name, eq, value = a.partition("=")
        if name not in kinds:
            _usage_error(cmd, f"unknown option '{a}' (see tthc {cmd} --help)")
            return None
        if kinds[name]:
            if not eq:
                if i >= len(args):
                    _usage_error(cmd, f"option {name} needs a value")
                    return None
                value = args[i]
                i += 1
            setattr(o, _attr(name), value)
        else:
            if eq:
                _usage_error(cmd, f"option {name} takes no value")
                return None
            setattr(o, _attr(name), True)
    return o


def _options(cmd, args, table, maxpos, help_text):
    """The parsed options of a command, or its exit status: 2 after a usage error, 0 after
    printing ``help_text`` for --help."""
    o = _parse(cmd, args, table, maxpos)
    if o is None:
        return USAGE
    if o.help:
        _out(help_text)
        return OK
    return o


def _arg_bytes(arg):
    """A command-line argument as the bytes the user typed."""
    return os.fsencode(arg)


def _parse_arg(cmd, arg, parse):
    """``parse`` of an argument, or None after printing the library's message."""
    try:
        return parse(_arg_bytes(arg))
    except Error as e:
        _status_error(cmd, e)
        return None


def _parse_date(cmd, arg):
    return _parse_arg(cmd, arg, parse_date)


def _parse_datetime(cmd, arg):
    return _parse_arg(cmd, arg, parse_datetime)


def _strtol(s):
    """An int as C's strtol(s, &end, 10) reads all of s, or None."""
    m = re.fullmatch(r"[ \t\n\v\f\r]*([+-]?[0-9]+)", s)
    return int(m.group(1)) if m else None


def _cdiv(a, b):
    """Quotient and remainder as C's / and % (towards zero)."""
    q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
    return q, a - q * b


def _pad(s, width):
    """s padded with spaces to ``width`` characters."""
    return s + " " * max(0, width - len(s))


def _bpad(s, width):
    """s padded to ``width`` bytes of UTF-8 (what printf's %-Ns does)."""
    return s + " " * max(0, width - len(s.encode("utf-8")))


# ---- calendars (--calendar, --schedule, --culture-day) --------------------------------------

_CAL_TABLE = (("--calendar", True), ("--schedule", True), ("--culture-day", False))
_CAL_HELP = (
    "  --calendar FILE.ics  add or override days from an iCalendar file (see docs/ical.md)\n"
    "  --schedule FILE.json load yearly schedules, e.g. next year's announcement\n"
    "                       (schema in docs/calendar.md)\n"
    "  --culture-day        count 24/11 (Ngày Văn hóa Việt Nam, pending law) as a holiday\n")


def _read_file(cmd, path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except IsADirectoryError:
        _input_error(cmd, f"cannot read {path}")
    except OSError as e:
        _input_error(cmd, f"cannot open {path}: {e.strerror}")
    return None


def _cal_build(cmd, first, last, o):
    """(exit code, calendar) for [first, last] with the calendar options of ``o``."""
    try:
        b = _calendar.CalendarBuilder(first, last, "vietnam", bool(o.culture_day))
    except Error as e:
        return _status_error(cmd, e), None
    with b:
        for path, load in ((o.schedule, b.load_json), (o.calendar, b.import_ics)):
            if path is None:
                continue
            text = _read_file(cmd, path)
            if text is None:
                return BAD_INPUT, None
            try:
                load(text)
            except Error as e:
                return _input_error(cmd, f"{path}: {e}"), None
        try:
            return OK, b.build()
        except Error as e:
            return _status_error(cmd, e), None


def _year_of(day):
    try:
        return from_day_number(day).year
    except (ValueError, OverflowError):
        return None


def _cal_build_span(cmd, lo, hi, o):
    """The calendar covering the years of day numbers lo..hi with a year of margin."""
    y0, y1 = _year_of(lo) or 0, _year_of(hi) or 0
    if y0 > _CAL_MAX or y1 < _CAL_MIN:
        return _input_error(cmd, f"dates in {y0}-{y1} are outside the supported years "
                                 f"{_CAL_MIN}-{_CAL_MAX}"), None
    return _cal_build(cmd, max(y0 - 1, _CAL_MIN), min(y1 + 1, _CAL_MAX), o)


def _parse_year(cmd, arg):
    y = _strtol(arg)
    if y is None:
        _input_error(cmd, f"invalid year '{arg}': expected a number such as 2025")
        return None
    if not _CAL_MIN <= y <= _CAL_MAX:
        _input_error(cmd, f"year {y} is outside the supported range {_CAL_MIN}-{_CAL_MAX}")
        return None
    return y


# ---- version, date, amount, refs -------------------------------------------------------------

_VERSION_HELP = (
    "usage: tthc version [--json]\nPrint the version of the linked libtthc.")


def cmd_version(args):
    o = _options("version", args, (("--json", False),), 0, _VERSION_HELP)
    if isinstance(o, int):
        return o
    if o.json:
        return _print_json({"version": version(), "number": version_number()})
    _out(version())
    return OK


_DATE_HELP = (
    "usage: tthc date DATE [--json]\n"
    "       tthc date FROM TO [--json]\n"
    "With one date (YYYY-MM-DD): its weekday, ISO week and day of the year.\n"
    "With two: the number of calendar days from FROM to TO (TO - FROM).")


def cmd_date(args):
    o = _options("date", args, (("--json", False),), 2, _DATE_HELP)
    if isinstance(o, int):
        return o
    if not o.pos:
        return _usage_error("date", "expected a date (see tthc date --help)")
    from .date import day_of_year, iso_week, weekday
    a = _parse_date("date", o.pos[0])
    if a is None:
        return BAD_INPUT
    if len(o.pos) == 1:
        s, wd, (iy, wk), doy = format_date(a), weekday(a), iso_week(a), day_of_year(a)
        if o.json:
            return _print_json({"date": s, "weekday": wd, "weekday_vi": _WEEKDAY_VI[wd],
                                "weekday_en": _WEEKDAY_EN[wd],
                                "iso_week": {"year": iy, "week": wk}, "day_of_year": doy})
        _out(f"{s} {_WEEKDAY_VI[wd]} ({_WEEKDAY_EN[wd]}), ISO week {iy}-W{wk:02d}, "
             f"day {doy} of the year")
        return OK
    b = _parse_date("date", o.pos[1])
    if b is None:
        return BAD_INPUT
    days = to_day_number(b) - to_day_number(a)
    if o.json:
        return _print_json({"from": format_date(a), "to": format_date(b), "days": days})
    _out(str(days))
    return OK


_AMOUNT_UNITS = (" đồng", "đồng", " đ", "đ")


_AMOUNT_HELP = (
    "usage: tthc amount AMOUNT [--dong] [--southern] [--json]\n"
    "Writes an amount in Vietnamese words as fee receipts do: tthc amount 1.005.000 "
    "prints\n"
    "\"Một triệu không trăm linh năm nghìn\". AMOUNT is written the Vietnamese way "
    "(1.005.000\n"
    "or 1005000); a trailing \"đồng\" or \"đ\" (or --dong) appends \"đồng\". "
    "--southern says\n"
    "\"ngàn\" and \"lẻ\" instead of \"nghìn\" and \"linh\".")


def cmd_amount(args):
    o = _options("amount", args, (("--json", False), ("--dong", False), ("--southern", False)),
                 1, _AMOUNT_HELP)
    if isinstance(o, int):
        return o
    if not o.pos:
        return _usage_error("amount", "expected an amount (see tthc amount --help)")
    raw, dong = _arg_bytes(o.pos[0]), o.dong
    for unit in _AMOUNT_UNITS:
        u = unit.encode()
        if len(raw) > len(u) and raw.endswith(u):
            raw, dong = raw[:-len(u)], True
            break
    try:
        value = _text.parse_number(raw.decode("utf-8", "surrogateescape")).value
    except Error as e:
        return _status_error("amount", e)
    if value.as_tuple().exponent != 0:
        return _input_error("amount", f"the amount {o.pos[0]} has decimals; amounts in words "
                                      "are whole dong")
    units = int(value)
    words = _text.amount_words(units, capitalize=True, dong=dong, southern=o.southern)
    if o.json:
        return _print_json({"amount": units, "formatted": _text.format_number(units),
                            "words": words})
    _out(words)
    return OK


def _decode_replacing(data):
    """(text, byte offset of each character plus the end) of UTF-8 ``data``; invalid bytes
    become U+FFFD."""
    chars, offs, pos = [], [], 0
    while pos < len(data):
        try:
            piece, bad = data[pos:].decode("utf-8"), None
        except UnicodeDecodeError as e:
            piece, bad = data[pos:pos + e.start].decode("utf-8"), (pos + e.start, pos + e.end)
        for ch in piece:
            chars.append(ch)
            offs.append(pos)
            pos += len(ch.encode("utf-8"))
        if bad:
            chars.append("\ufffd")
            offs.append(bad[0])
            pos = bad[1]
    offs.append(pos)
    return "".join(chars), offs


_REFS_HELP = (
    "usage: tthc refs < TEXT\n"
    "Prints one JSON object per legal document reference found in the text on stdin:\n"
    "{\"text\",\"type\",\"number\",\"year\",\"issuer\",\"symbol\",\"date\",\"offset\"}\n"
    "(offset: byte offset in the input; number, year, type, date: null when absent).")


def cmd_refs(args):
    o = _options("refs", args, (), 0, _REFS_HELP)
    if isinstance(o, int):
        return o
    text, offs = _decode_replacing(sys.stdin.buffer.read())
    # Search the NFC form (tones as written) and map positions back to the input bytes.
    try:
        nfc, cmap = _text.normalize(text, tone=None, replace_invalid=True, with_map=True)
    except Error as e:
        return _status_error("refs", e)
    for r in _text.find_refs(nfc):
        _print_json({"text": r.text, "type": r.type, "number": r.number, "year": r.year,
                     "issuer": r.issuer, "symbol": r.symbol,
                     "date": format_date(r.date) if r.date else None,
                     "offset": offs[cmap[r.offset]]})
    return OK


# ---- normalize -------------------------------------------------------------------------------

_NORMALIZE_HELP = (
    "usage: tthc normalize [--from utf8|tcvn3|vni|viscii|viqr|auto] [--nfc|--nfd]\n"
    "                      [--tone traditional|modern] [--fold] [--key]\n"
    "Reads text on stdin and writes it normalised to stdout, line by line (a final CR of a\n"
    "line is dropped). Without options: --from utf8 --nfc --tone traditional.\n"
    "  --from ENC   decode the input from a legacy encoding first; auto detects it over the\n"
    "               whole input (and fails when it cannot tell)\n"
    "  --tone       tone-mark placement: traditional (hòa, khỏe, thủy) or modern (hoà, khoẻ, "
    "thuỷ)\n"
    "  --fold       print the search key instead (no diacritics, lowercase, single spaces)\n"
    "  --key        print the collation key in hex instead (sorts in Vietnamese order)\n"
    "A line that cannot be read is reported on stderr with its number; the other lines are\n"
    "still written, and the exit status is 1.")


def _normalize_line(line, lineno, enc, form, tone, fold, key):
    try:
        norm = _text.normalize(_text.decode(line, enc), form=form, tone=tone)
        if fold:
            _out(_text.fold(norm))
        elif key:
            _out(_text.collation_key(norm).hex())
        else:
            _out(norm)
        return 0
    except Error as e:
        sys.stdout.flush()
        sys.stderr.write(f"tthc normalize: line {lineno}: {e}\n")
        return 1


def cmd_normalize(args):
    o = _options("normalize", args, (("--from", True), ("--nfc", False), ("--nfd", False),
                                   ("--tone", True), ("--fold", False), ("--key", False)), 0,
                 _NORMALIZE_HELP)
    if isinstance(o, int):
        return o
    src, tone = getattr(o, "from") or "utf8", o.tone or "traditional"
    if o.nfc and o.nfd:
        return _usage_error("normalize", "--nfc and --nfd exclude each other")
    if o.fold and o.key:
        return _usage_error("normalize", "--fold and --key exclude each other")
    if tone not in ("modern", "traditional"):
        return _usage_error("normalize", f"--tone must be traditional or modern, not '{tone}'")
    auto = src == "auto"
    if not auto:
        try:
            _text.decode(b"", src)
            known = src != "unicode"
        except ValueError:
            known = False
        if not known:
            return _usage_error("normalize", "--from must be utf8, tcvn3, vni, viscii, viqr or "
                                             f"auto, not '{src}'")
    form = "NFD" if o.nfd else "NFC"
    bad = 0
    if not auto:  # stream: each line is written as soon as it is read
        for lineno, line in enumerate(sys.stdin.buffer, 1):
            line = line[:-1] if line.endswith(b"\n") else line
            line = line[:-1] if line.endswith(b"\r") else line
            bad |= _normalize_line(line, lineno, src, form, tone, o.fold, o.key)
        return BAD_INPUT if bad else OK
    data = sys.stdin.buffer.read()
    enc, _conf, second = _text.detect(data)
    if enc is None:
        if second is not None:
            return _input_error("normalize", "cannot tell the input's encoding: it reads as "
                                             f"{second} about as well as another encoding; use "
                                             "--from")
        return _input_error("normalize", "cannot tell the input's encoding (it does not read as "
                                         "Vietnamese in any of them); use --from")
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the text ends with a newline: no empty last line
    for lineno, line in enumerate(lines, 1):
        line = line[:-1] if line.endswith(b"\r") else line
        bad |= _normalize_line(line, lineno, enc, form, tone, o.fold, o.key)
    return BAD_INPUT if bad else OK


# ---- holidays, workday, workdays -------------------------------------------------------------

_HOLIDAYS_HELP = (
    "usage: tthc holidays YEAR [--json|--ics] [--calendar FILE.ics] [--schedule FILE.json]\n"
    "                          [--culture-day]\n"
    "The days off and make-up working days of YEAR (1800-2199) for civil servants with a\n"
    "Saturday + Sunday week: holidays, compensatory days (nghỉ bù), swapped days off, make-up\n"
    "working days (làm bù) and local days. Ordinary weekends are not listed.\n"
    "The status says whether the days are the announced schedule ('official') or computed\n"
    "from the Labor Code in force that year ('rules').\n"
    "  --json               "
    "{\"year\":…,\"status\":…,\"days\":[{\"date\",\"kind\",\"name_vi\",\"name_en\"}]}\n"
    "  --ics                an iCalendar (RFC 5545) file of the year\n" + _CAL_HELP)

_STATUS_TEXT = {
    "official": "official (announced schedule)",
    "rules": "rules (computed from the Labor Code in force; no announced schedule built in or "
             "loaded)",
}


def cmd_holidays(args):
    o = _options("holidays", args, (("--json", False), ("--ics", False)) + _CAL_TABLE, 1,
                 _HOLIDAYS_HELP)
    if isinstance(o, int):
        return o
    if not o.pos:
        return _usage_error("holidays", "expected a year (see tthc holidays --help)")
    if o.json and o.ics:
        return _usage_error("holidays", "--json and --ics cannot be used together")
    year = _parse_year("holidays", o.pos[0])
    if year is None:
        return BAD_INPUT
    rc, cal = _cal_build("holidays", year, year, o)
    if rc != OK:
        return rc
    with cal:
        st = cal.year_status(year)
        if o.json:
            return _print_json({"year": year, "status": st, "days": [
                {"date": format_date(e.date), "kind": e.kind, "name_vi": e.name_vi,
                 "name_en": e.name_en} for e in cal.entries()]})
        if o.ics:
            try:
                _out(cal.to_ics(), end="")
            except Error as e:
                return _status_error("holidays", e)
            return OK
        _out(f"{year}: {_STATUS_TEXT.get(st, 'custom')}")
        from .date import weekday
        for e in cal.entries():
            wd = _WEEKDAY_VI[weekday(e.date)]
            _out(f"{format_date(e.date)} {_pad(wd, 8)} {e.kind:<14} {e.name_vi} / {e.name_en}")
    return OK


_WORKDAY_HELP = (
    "usage: tthc workday DATE [--json] [--calendar FILE.ics] [--schedule FILE.json]\n"
    "                         [--culture-day]\n"
    "Whether DATE (YYYY-MM-DD, 1800-2199) is a working day for civil servants with a\n"
    "Saturday + Sunday week, and if not why: a holiday, a compensatory day, a swapped "
    "day off,\n"
    "a local day off or the weekly rest. A make-up Saturday is a working day. Exit "
    "status 0\n"
    "either way. (To count or add working days, see tthc workdays.)\n" + _CAL_HELP)


def cmd_workday(args):
    cmd = "workday"
    o = _options(cmd, args, (("--json", False),) + _CAL_TABLE, 1, _WORKDAY_HELP)
    if isinstance(o, int):
        return o
    if not o.pos:
        return _usage_error(cmd, "expected a date (see tthc workday --help)")
    d = _parse_date(cmd, o.pos[0])
    if d is None:
        return BAD_INPUT
    if not _CAL_MIN <= d.year <= _CAL_MAX:
        return _input_error(cmd, f"{o.pos[0]} is outside the supported years "
                                 f"{_CAL_MIN}-{_CAL_MAX}")
    rc, cal = _cal_build(cmd, d.year, d.year, o)
    if rc != OK:
        return rc
    with cal:
        work, kind, e, st = cal.is_working_day(d), cal.kind(d), cal.day(d), cal.year_status(d.year)
    ds = format_date(d)
    if o.json:
        return _print_json({"date": ds, "workday": work, "kind": kind, "year_status": st,
                            "name_vi": e.name_vi if e else None,
                            "name_en": e.name_en if e else None,
                            "source": e.source if e else None})
    from .date import weekday
    wd = weekday(d)
    line = (f"{ds} {_WEEKDAY_VI[wd]} ({_WEEKDAY_EN[wd]}): "
            f"{'working day' if work else 'not a working day'}")
    if e:
        line += f" — {kind}: {e.name_vi} / {e.name_en}"
    elif not work:
        line += " — weekly rest"
    _out(f"{line} [{d.year}: {st}]")
    if e and e.source:
        _out(f"source: {e.source}")
    return OK


_WORKDAYS_HELP = (
    "usage: tthc workdays FROM TO [--json]\n"
    "       tthc workdays --add N DATE [--json]\n"
    "With FROM and TO (YYYY-MM-DD): the number of working days from FROM to TO inclusive on\n"
    "the national calendar (negative when TO is before FROM).\n"
    "With --add: the date N working days after DATE (N may be negative: before DATE; N = 0:\n"
    "DATE itself if it is a working day, else the next working day).\n" + _CAL_HELP)


def cmd_workdays(args):
    cmd = "workdays"
    o = _options(cmd, args, (("--add", True), ("--json", False)) + _CAL_TABLE, 2,
                 _WORKDAYS_HELP)
    if isinstance(o, int):
        return o
    if o.add is not None:
        if len(o.pos) != 1:
            return _usage_error(cmd, "--add N needs exactly one DATE (see tthc workdays --help)")
        n = _strtol(o.add)
        if n is None or not -1000000 <= n <= 1000000:
            return _usage_error(cmd, "--add expects an integer from -1000000 to 1000000, not "
                                     f"'{o.add}'")
        d = _parse_date(cmd, o.pos[0])
        if d is None:
            return BAD_INPUT
        day, span = to_day_number(d), abs(n) * 2 + 30
        rc, cal = _cal_build_span(cmd, day - span if n < 0 else day,
                                  day if n < 0 else day + span, o)
        if rc != OK:
            return rc
        try:
            with cal:
                r = cal.add_working_days(d, n)
        except Error as e:
            return _input_error(cmd, f"{strerror(e.status)}: {n} working days from {o.pos[0]}")
        if o.json:
            return _print_json({"date": format_date(d), "n": n, "result": format_date(r)})
        _out(format_date(r))
        return OK
    if len(o.pos) != 2:
        return _usage_error(cmd, "expected FROM and TO (see tthc workdays --help)")
    a = _parse_date(cmd, o.pos[0])
    b = _parse_date(cmd, o.pos[1]) if a is not None else None
    if b is None:
        return BAD_INPUT
    lo, hi = sorted((to_day_number(a), to_day_number(b)))
    rc, cal = _cal_build_span(cmd, lo, hi, o)
    if rc != OK:
        return rc
    try:
        with cal:
            n = cal.count_working_days(a, b)
    except Error as e:
        return _status_error(cmd, e)
    if o.json:
        return _print_json({"from": o.pos[0], "to": o.pos[1], "workdays": n})
    _out(str(n))
    return OK


# ---- lunar -------------------------------------------------------------------------------------

_LUNAR_HELP = (
    "usage: tthc lunar DATE [--json]                  solar date -> lunar date\n"
    "       tthc lunar --to-solar Y-M-D [--leap] [--json]   lunar date -> solar date\n"
    "       tthc lunar --range FROM TO --csv          one CSV line per day\n"
    "       tthc lunar --months YEAR [--json]         the months of lunar year YEAR\n"
    "       tthc lunar --terms YEAR [--json]          the 24 solar terms of Gregorian YEAR\n"
    "Every form takes --convention vietnam|utc7|utc8 (default vietnam: UTC+8 reckoning up to\n"
    "lunar year 1967, UTC+7 from Tết 1968; utc7 is Hồ Ngọc Đức's reckoning for every year;\n"
    "utc8 the Chinese calendar). Dates are YYYY-MM-DD; a lunar date is written year-month-day\n"
    "(\"2025-06-15\", with --leap for the leap month). Range: 1800-01-01 to 2199-12-31.\n"
    "The CSV header is solar,year,month,day,leap (leap 0/1).")
_LUNAR_RANGE = "1800-01-01 to 2199-12-31"


def _instant(t, offset=None):
    """"2025-01-29T12:35:54Z" of an aware UTC datetime, or "…+07:00" at a UTC offset."""
    if offset is not None:
        t = t + offset
    s = f"{format_date(t.date())}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
    if offset is None:
        return s + "Z"
    return s + f"+{int(offset.total_seconds()) // 3600:02d}:00"


def _lunar_pair(d, ld, conv, json_out, lunar_first):
    try:
        cc = _lunar.can_chi(d, conv)
    except Error as e:
        return _status_error("lunar", e)
    s = format_date(d)
    if json_out:
        return _print_json({"solar": s, "lunar": {"year": ld.year, "month": ld.month,
                                                  "day": ld.day, "leap": ld.leap},
                            "can_chi": {"year": cc.year, "month": cc.month, "day": cc.day}})
    from .date import weekday
    words = _lunar.format_lunar(ld)
    num = f"{ld.day}/{ld.month}/{ld.year} âm lịch" + (", tháng nhuận" if ld.leap else "")
    wd = _WEEKDAY_VI[weekday(d)]
    if lunar_first:
        _out(f"{words} ({num}) = {s} {wd}")
    else:
        _out(f"{s} {wd} = {words} ({num})")
    _out(f"ngày {cc.day}, tháng {cc.month}, năm {cc.year}")
    return OK


def _lunar_to_solar(arg, leap, conv, json_out):
    m = re.fullmatch(r"([0-9]{1,4})-([0-9]{1,2})-([0-9]{1,2})", arg)
    if not m:
        return _input_error("lunar", f"invalid lunar date \"{arg}\": expected YEAR-MONTH-DAY, "
                                     "e.g. 2025-01-01")
    y, mo, d = (int(g) for g in m.groups())
    if not 1 <= mo <= 12:
        return _input_error("lunar", f"invalid lunar date \"{arg}\": month {mo} is out of "
                                     "range 1-12")
    if not 1 <= d <= 30:
        return _input_error("lunar", f"invalid lunar date \"{arg}\": day {d} is out of range "
                                     "1-30")
    try:
        solar = _lunar.to_solar(y, mo, d, leap, conv)
    except Error as e:
        return _input_error("lunar", _lunar_why_not(e, y, mo, d, leap, conv))
    return _lunar_pair(solar, _lunar.LunarDate(y, mo, d, leap), conv, json_out, True)


def _lunar_why_not(e, y, mo, d, leap, conv):
    def quietly(fn, *a):
        try:
            return fn(*a)
        except Error:
            return None
    if e.name == "EDATE" and leap:
        lm = quietly(_lunar.leap_month, y, conv)
        if lm is not None and lm != mo:
            if lm:
                return f"lunar year {y} has no leap month {mo} (its leap month is {lm})"
            return f"lunar year {y} has no leap month"
    if e.name == "EDATE":
        n = quietly(_lunar.month_length, y, mo, leap, conv)
        if n is not None:
            return (f"day {d} does not exist: {'leap ' if leap else ''}month {mo} of lunar "
                    f"year {y} has {n} days")
    if e.name == "ERANGE":
        return (f"lunar date {y}-{mo}-{d} is outside the supported range (solar dates "
                f"{_LUNAR_RANGE})")
    return strerror(e.status)


def _lunar_range(a, b, conv):
    start = _parse_date("lunar", a)
    end = _parse_date("lunar", b) if start is not None else None
    if end is None:
        return BAD_INPUT
    if end < start:
        return _input_error("lunar", f"the range ends ({b}) before it begins ({a})")
    if start < _lunar.DATE_MIN or end > _lunar.DATE_MAX:
        return _input_error("lunar", f"the range {a}..{b} leaves the supported range "
                                     f"{_LUNAR_RANGE}")
    rows = ["solar,year,month,day,leap"]
    day = _dt.timedelta(days=1)
    while start <= end:
        ld = _lunar.to_lunar(start, conv)
        rows.append(f"{format_date(start)},{ld.year},{ld.month},{ld.day},{int(ld.leap)}")
        start += day
    _out("\n".join(rows))
    return OK


def _lunar_year(arg):
    y = _strtol(arg)
    if y is None or not -99999 <= y <= 99999:
        _input_error("lunar", f"invalid year \"{arg}\": expected a number such as 2025")
        return None
    return y


def _lunar_year_query(arg, fn, conv, out_of_range):
    """(exit code, year, fn(year, conv)) for a YEAR argument; ``out_of_range`` is the message
    (with {year}) when the library says ERANGE."""
    year = _lunar_year(arg)
    if year is None:
        return BAD_INPUT, None, None
    try:
        return OK, year, fn(year, conv)
    except Error as e:
        if e.name == "ERANGE":
            return _input_error("lunar", out_of_range.format(year=year)), None, None
        return _status_error("lunar", e), None, None


def _lunar_months(arg, conv, json_out):
    rc, year, lm = _lunar_year_query(arg, _lunar.leap_month, conv, "lunar year {year} is "
                                     "outside the supported range 1799-2199")
    if rc != OK:
        return rc
    if not json_out:
        _out(f"Lunar year {year} ({_lunar.year_name(year)}), {conv} reckoning, "
             f"{'13 months' if lm else '12 months'}")
    months, skipped = [], 0
    for i in range(13 if lm else 12):
        m, leap = (i if lm and i > lm - 1 else i + 1), bool(lm and i == lm)
        try:
            mi = _lunar.month_info(year, m, leap, conv)
        except Error as e:
            if e.name == "ERANGE":  # months of 1799 before 1800, of 2199 after 2199
                skipped += 1
                continue
            return _status_error("lunar", e)
        first, ut, local = (format_date(mi.first_day), _instant(mi.new_moon),
                            _instant(mi.new_moon, mi.utc_offset))
        if json_out:
            months.append({"month": m, "leap": leap, "first_day": first, "length": mi.length,
                           "new_moon": ut, "new_moon_local": local})
        else:
            name = f"  tháng {_lunar.month_name(m)}{' nhuận' if leap else ''}"
            _out(f"{_pad(name, 24)}{first}  {mi.length} ngày  sóc (new moon) {ut} = {local}")
    if json_out:
        return _print_json({"year": year, "can_chi": _lunar.year_name(year), "convention": conv,
                            "leap_month": lm, "months": months})
    if skipped:
        _out(f"  ({skipped} month{'s' if skipped > 1 else ''} outside 1800-01-01..2199-12-31 "
             "not shown)")
    return OK


def _lunar_terms(arg, conv, json_out):
    rc, year, terms = _lunar_year_query(arg, _lunar.solar_terms, conv, "year {year} is outside "
                                        "the range of the solar terms, 1001-2999")
    if rc != OK:
        return rc
    if json_out:
        return _print_json({"year": year, "convention": conv, "terms": [
            {"name": t.name, "longitude": t.longitude, "major": t.major,
             "date": format_date(t.date), "instant": _instant(t.instant)} for t in terms]})
    _out(f"Solar terms (tiết khí) of {year}, {conv} reckoning")
    for t in terms:
        _out(f"  {format_date(t.date)}  {_pad(t.name, 12)}{t.longitude:3d}°  "
             f"{'trung khí' if t.major else 'tiết khí '}  {_instant(t.instant)}")
    return OK


def cmd_lunar(args):
    o = _options("lunar", args, (("--json", False), ("--csv", False), ("--leap", False),
                               ("--range", False), ("--to-solar", True), ("--convention", True),
                               ("--months", True), ("--terms", True)), 3,
                 _LUNAR_HELP)
    if isinstance(o, int):
        return o
    conv = "vietnam" if o.convention is None else o.convention
    if conv not in _lunar.CONVENTIONS:
        return _usage_error("lunar", f"unknown convention '{conv}' (expected vietnam, utc7 or "
                                     "utc8)")
    modes = sum(x is not None for x in (o.to_solar, o.months, o.terms)) + o.range
    if modes > 1:
        return _usage_error("lunar", "--to-solar, --range, --months and --terms exclude each "
                                     "other")
    if o.leap and o.to_solar is None:
        return _usage_error("lunar", "--leap goes with --to-solar")
    if o.csv and not o.range:
        return _usage_error("lunar", "--csv goes with --range")
    if o.range:
        if o.json:
            return _usage_error("lunar", "--range writes CSV only (use --csv)")
        if len(o.pos) != 2:
            return _usage_error("lunar", "--range needs two dates: --range FROM TO --csv")
        return _lunar_range(o.pos[0], o.pos[1], conv)
    if modes == 1 and o.pos:
        return _usage_error("lunar", f"unexpected argument '{o.pos[0]}' (see tthc lunar --help)")
    if o.to_solar is not None:
        return _lunar_to_solar(o.to_solar, o.leap, conv, o.json)
    if o.months is not None:
        return _lunar_months(o.months, conv, o.json)
    if o.terms is not None:
        return _lunar_terms(o.terms, conv, o.json)
    if len(o.pos) != 1:
        return _usage_error("lunar", "expected one date (see tthc lunar --help)")
    d = _parse_date("lunar", o.pos[0])
    if d is None:
        return BAD_INPUT
    try:
        ld = _lunar.to_lunar(d, conv)
    except Error as e:
        if e.name == "ERANGE":
            return _input_error("lunar", f"{o.pos[0]} is outside the supported range "
                                         f"{_LUNAR_RANGE}")
        return _status_error("lunar", e)
    return _lunar_pair(d, ld, conv, o.json, False)


# ---- deadline ----------------------------------------------------------------------------------

_DEADLINE_HELP = (
    "usage: tthc deadline --received DATETIME --limit PHRASE [--cutoff HH:MM|none]\n"
    "                     [--hours SESSIONS] [--same-time] [--explain [--vi]] [--json]\n"
    "       tthc deadline --batch [--cutoff HH:MM|none] [--hours SESSIONS] [--same-time]\n"
    "       tthc deadline --elapsed FROM TO [--hours SESSIONS] [--json]\n"
    "The due instant of a dossier received at DATETIME with the statutory limit PHRASE\n"
    "(\"05 ngày làm việc\", \"Trong ngày\", \"04 giờ làm việc\", \"15 ngày\", \"01 tháng\" ...)\n"
    "on the national working calendar. The clock starts at the receipt if it is inside working\n"
    "hours and not after the cut-off (15:00 by default; a cut-off stated in the phrase applies\n"
    "unless --cutoff is given), else at the next working session. Days are counted from the "
    "day\n"
    "after the start day; the dossier is due at the end of the due day's working hours\n"
    "(--same-time: at the start's clock time). --hours sets the daily sessions\n"
    "(default 08:00-12:00,13:00-17:00). --explain adds the trace (--vi: in Vietnamese).\n"
    "--batch reads CSV lines received,limit (an optional header line received,limit; a limit\n"
    "with commas may be quoted) from stdin and writes received,limit,due; a bad line is "
    "reported\n"
    "on stderr with its number and skipped (exit status 1).\n"
    "--elapsed prints the working time between two instants.\n"
    "Calendar options:\n" + _CAL_HELP)
_DEADLINE_TABLE = (("--received", True), ("--limit", True), ("--cutoff", True),
                   ("--hours", True), ("--elapsed", True), ("--json", False),
                   ("--explain", False), ("--batch", False), ("--same-time", False),
                   ("--vi", False)) + _CAL_TABLE
_NUM2 = r"[ \t\n\v\f\r]*([+-]?[0-9]|[0-9]{1,2})"  # what sscanf's %2d reads


def _fmt_instant(t):
    """"2025-02-10T17:00", with seconds only when they are not zero."""
    return format_datetime(t, seconds=bool(t.second))


def _deadline_setup(o):
    """(exit code, policy, hours) from the options."""
    pol, hours = _deadline.Policy(), _deadline.WorkingHours()
    if o.cutoff is not None:
        if o.cutoff in ("none", "off"):
            pol.cutoff = None
        else:
            m = re.fullmatch(_NUM2 + ":" + _NUM2, o.cutoff)
            h, mi = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
            if not (0 <= h <= 24 and 0 <= mi <= 59) or (h == 24 and mi):
                return _usage_error("deadline", "--cutoff expects HH:MM (00:00-24:00) or none, "
                                                f"not '{o.cutoff}'"), None, None
            pol.cutoff = _dt.timedelta(hours=h, minutes=mi)
        pol.phrase_cutoff = False
    if o.same_time:
        pol.due_time = "same_time"
    if o.hours is not None:
        try:
            hours.set_sessions(_arg_bytes(o.hours))
        except Error as e:
            return _status_error("deadline", e), None, None
    return OK, pol, hours


def _span_days(limit):
    """Days the limit may span, to size the calendar."""
    v = int(limit.value)
    return {"working_days": v * 2 + 60, "working_hours": v // 4 + 60,
            "calendar_days": v + 60, "months": v * 31 + 60}.get(limit.unit, 60)


def _limit_json(limit):
    return {"value": limit.value, "unit": limit.unit}


def _step_json(s, vi):
    o = {"step": s["step"]}
    if s["step"] in ("received", "start", "due"):
        o["at"] = _fmt_instant(s["at"])
        if s["step"] != "received":
            o["reason"] = s["reason"]
    elif s["step"] == "count":
        o["from"], o["to"] = format_date(s["start_day"]), format_date(s["last_day"])
    else:
        o["date"], o["day_kind"] = format_date(s["date"]), s["day_kind"]
        if s["entry"] is not None:
            o["entry"] = s["entry"] if vi else s["entry_en"]
        if s["step"] == "roll":
            o["to"] = format_date(s["to"])
    o["text"] = s["text_vi"] if vi else s["text"]
    return o


def _deadline_single(o):
    received = _parse_datetime("deadline", o.received)
    if received is None:
        return BAD_INPUT
    try:
        limit = _deadline.parse_limit(_arg_bytes(o.limit))
    except Error as e:
        return _status_error("deadline", e)
    rc, pol, hours = _deadline_setup(o)
    if rc != OK:
        return rc
    d = to_day_number(received)
    rc, cal = _cal_build_span("deadline", d, d + _span_days(limit), o)
    if rc != OK:
        return rc
    with cal:
        try:
            r = _deadline.explain(received, limit, calendar=cal, hours=hours, policy=pol)
        except Error as e:
            days = to_day_number(cal.last_date) - to_day_number(cal.first_date) + 1
            return _input_error("deadline", f"{strerror(e.status)} (the calendar covers {days} "
                                            "days around the receipt)")
    if o.json:
        j = {"received": _fmt_instant(received), "start": _fmt_instant(r["start"]),
             "limit": _limit_json(limit), "due": _fmt_instant(r["due"])}
        if o.explain:
            j["explain"] = [_step_json(s, o.vi) for s in r["explain"]]
        return _print_json(j)
    _out(_fmt_instant(r["due"]))
    for s in r["explain"] if o.explain else ():
        _out("  " + (s["text_vi"] if o.vi else s["text"]))
    return OK


def _deadline_elapsed(o, to_arg):
    a = _parse_datetime("deadline", o.elapsed)
    b = _parse_datetime("deadline", to_arg) if a is not None else None
    if b is None:
        return BAD_INPUT
    rc, pol, hours = _deadline_setup(o)
    if rc != OK:
        return rc
    lo, hi = sorted((to_day_number(a), to_day_number(b)))
    rc, cal = _cal_build_span("deadline", lo, hi, o)
    if rc != OK:
        return rc
    with cal:
        try:
            td = _deadline.working_time_between(a, b, calendar=cal, hours=hours)
        except Error as e:
            return _status_error("deadline", e)
    secs = int(td.total_seconds())
    days, h, m = _deadline.split_working_time(td, hours)
    if o.json:
        return _print_json({"from": o.elapsed, "to": to_arg, "seconds": secs, "days": days,
                            "hours": h, "minutes": m})
    _out(f"{'-' if secs < 0 else ''}{abs(days)} working day{'' if abs(days) == 1 else 's'} "
         f"{abs(h)} h {abs(m):02d} min ({secs / 3600.0:.2f} working hours)")
    return OK


def _trim(b):
    return b.strip(b" \t")


def _split_line(line):
    """(received, limit, None) of a CSV line, or (None, None, why)."""
    rec, comma, lim = line.partition(b",")
    if not comma:
        return None, None, "expected two fields: received,limit"
    rec, lim = _trim(rec), _trim(lim)
    if lim.startswith(b'"'):
        out, i = bytearray(), 1
        while True:
            if i >= len(lim):
                return None, None, "unterminated quoted field"
            if lim[i:i + 1] == b'"':
                if lim[i + 1:i + 2] == b'"':
                    out += b'"'
                    i += 2
                    continue
                i += 1
                break
            out += lim[i:i + 1]
            i += 1
        if lim[i:].strip(b" \t"):
            return None, None, "unexpected text after a quoted field"
        lim = bytes(out)
    return rec, lim, None


def _csv_field(b):
    if b and any(c in b for c in (b",", b'"', b";")):
        return b'"' + b.replace(b'"', b'""') + b'"'
    return b


class _BatchCalendar:
    """The calendar of --batch, rebuilt with a margin when a line needs other years."""

    def __init__(self, o):
        self.o, self.cal = o, None

    def ensure(self, lo, hi):
        """"ok", "range" (years the calendar cannot cover) or "failed" (message printed)."""
        c = self.cal
        if c is not None and to_day_number(c.first_date) <= lo and hi <= to_day_number(
                c.last_date):
            return "ok"
        y0, y1 = _year_of(lo), _year_of(hi)
        if y0 is None or y1 is None or y0 < _CAL_MIN or y1 > _CAL_MAX:
            return "range"
        if c is not None:
            y0, y1 = min(y0, c.first_date.year), max(y1, c.last_date.year)
        rc, cal = _cal_build("deadline", max(y0 - 5, _CAL_MIN), min(y1 + 5, _CAL_MAX), self.o)
        if rc != OK:
            return "failed"
        if c is not None:
            c.close()
        self.cal = cal
        return "ok"


def _deadline_batch(o):
    rc, pol, hours = _deadline_setup(o)
    if rc != OK:
        return rc
    out, cals, bad, failed = sys.stdout.buffer, _BatchCalendar(o), 0, False
    sys.stdout.flush()
    for lineno, line in enumerate(sys.stdin.buffer, 1):
        line = line.rstrip(b"\r\n")
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        t = _trim(line)
        if not t:
            continue
        if lineno == 1 and t.lower() == b"received,limit":
            out.write(b"received,limit,due\n")
            continue
        rec, lim, why = _split_line(line)
        if why is None:
            try:
                received = parse_datetime(rec)
                limit = _deadline.parse_limit(lim)
                d = to_day_number(received)
                got = cals.ensure(d, d + _span_days(limit))
                if got == "failed":
                    failed = True
                    break
                if got == "range":
                    why = (f"{rec[:40].decode('utf-8', 'replace')} is too close to or outside "
                           f"the years the calendar supports ({_CAL_MIN}-{_CAL_MAX})")
                else:
                    try:
                        due = _deadline.due(received, limit, calendar=cals.cal, hours=hours,
                                            policy=pol)
                    except Error as e:
                        why = (f"{strerror(e.status)}: the due date of "
                               f"\"{lim[:100].decode('utf-8', 'replace')}\" cannot be computed "
                               "on the calendar")
            except Error as e:
                why = str(e)
        if why is not None:
            bad += 1
            out.flush()
            sys.stderr.write(f"tthc deadline: line {lineno}: {why}\n")
            continue
        out.write(_csv_field(rec) + b"," + _csv_field(lim) + b"," +
                  _fmt_instant(due).encode() + b"\n")
    out.flush()
    if cals.cal is not None:
        cals.cal.close()
    return BAD_INPUT if failed or bad else OK


def cmd_deadline(args):
    o = _options("deadline", args, _DEADLINE_TABLE, 1, _DEADLINE_HELP)
    if isinstance(o, int):
        return o
    if o.batch:
        if o.received is not None or o.limit is not None or o.elapsed is not None or o.pos:
            return _usage_error("deadline", "--batch reads stdin: no --received, --limit or "
                                            "arguments")
        return _deadline_batch(o)
    if o.elapsed is not None:
        if len(o.pos) != 1:
            return _usage_error("deadline", "--elapsed FROM TO needs the instant TO")
        return _deadline_elapsed(o, o.pos[0])
    if o.pos:
        return _usage_error("deadline", f"unexpected argument '{o.pos[0]}' (see tthc deadline "
                                        "--help)")
    if o.received is None or o.limit is None:
        return _usage_error("deadline", "expected --received DATETIME and --limit PHRASE (see "
                                        "tthc deadline --help)")
    return _deadline_single(o)


# ---- catalog -----------------------------------------------------------------------------------

def cmd_catalog(args):
    from .cli_catalog import catalog  # it uses the helpers above
    return catalog(args)


def cmd_dossier(args):
    from .cli_dossier import dossier
    return dossier(args)


def cmd_indicators(args):
    from .cli_dossier import indicators
    return indicators(args)


def cmd_reconcile(args):
    from .cli_dossier import reconcile
    return reconcile(args)


# ---- entry -------------------------------------------------------------------------------------

def _usage(f):
    f.write("usage: tthc COMMAND [OPTIONS] [ARGS]\n"
            "Reference calculators for Vietnamese administrative procedures "
            f"(libtthc {version()}).\n\nCommands:\n")
    for name, summary in COMMANDS:
        f.write(f"  {name:<12} {summary}\n")
    f.write("\n`tthc COMMAND --help` describes one command. Most take --json.\n"
            "Exit status: 0 success, 1 bad input (message on stderr), 2 usage error.\n")


def _utf8_streams():
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")


def main(argv=None):
    """Run the command line ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    _utf8_streams()
    if not args:
        _usage(sys.stderr)
        return USAGE
    name = args[0]
    if name in ("help", "--help", "-h"):
        _usage(sys.stdout)
        return OK
    if name == "--version":
        name = "version"
    fn = globals().get("cmd_" + name) if name in dict(COMMANDS) else None
    if fn is None:
        sys.stderr.write(f"tthc: unknown command '{name}' (see tthc --help)\n")
        return USAGE
    try:
        return fn(args[1:])
    finally:
        sys.stdout.flush()
