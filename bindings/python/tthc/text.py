"""Vietnamese text (libtthc's text module): NFC/NFD and tone-mark placement, search folding,
collation keys, legacy encodings (TCVN3, VNI, VISCII, VIQR), numbers and amounts in words,
dates in Vietnamese and legal document references.

Text goes in and out as ``str``; legacy-encoded data as ``bytes``. Offsets and maps are in
characters of the Python strings (the C library's byte offsets are converted).

>>> import tthc
>>> tthc.normalize("Uỷ ban nhân dân, hoà bình")
'Ủy ban nhân dân, hòa bình'
>>> tthc.fold("ĐOÀN  KẾT!")
'doan ket'
>>> tthc.amount_words(1005000)
'Một triệu không trăm linh năm nghìn'
"""
import collections
import ctypes
import decimal

from ._lib import EncodingError, ErrorStruct, check, declare, error_for, lib
from .date import from_day_number, to_day_number

__all__ = ["normalize", "fold", "collation_key", "compare", "decode", "encode", "unencodable",
           "detect", "parse_number", "format_number", "amount_words", "parse_date_vi",
           "format_date_vi", "parse_ref", "find_refs", "Number", "Ref", "ENCODINGS"]

NFD, TONE_MODERN, TONE_KEEP, REPLACE_INVALID, SUBSTITUTE = 1, 2, 4, 8, 16
ENCODINGS = ("utf8", "tcvn3", "vni", "viscii", "viqr")  #: names, in the order of tthc_encoding


class _Decimal(ctypes.Structure):
    _fields_ = [("units", ctypes.c_int64), ("scale", ctypes.c_int32)]


class _Ref(ctypes.Structure):
    _fields_ = [("offset", ctypes.c_size_t), ("length", ctypes.c_size_t),
                ("type", ctypes.c_char_p), ("number", ctypes.c_int64), ("year", ctypes.c_int32),
                ("symbol_offset", ctypes.c_size_t), ("symbol_length", ctypes.c_size_t),
                ("issuer_offset", ctypes.c_size_t), ("issuer_length", ctypes.c_size_t),
                ("date", ctypes.c_int32), ("has_date", ctypes.c_int32),
                ("reserved_", ctypes.c_ubyte * 32)]


_c, _sz, _szp, _err = ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ErrorStruct)
_u, _i32, _vp = ctypes.c_uint, ctypes.c_int32, ctypes.c_void_p
_xform = [_c, _sz, _u, _c, _sz, _szp, _szp, _err]
_xalloc = [_c, _sz, _u, ctypes.POINTER(_vp), _szp, _err]
declare([
    ("tthc_text_amount_words", ctypes.c_int, [ctypes.c_int64, _u, _c, _sz, _szp]),
    ("tthc_text_collation_key", ctypes.c_int, [_c, _sz, _u, _c, _sz, _szp, _err]),
    ("tthc_text_collation_key_alloc", ctypes.c_int, _xalloc),
    ("tthc_text_compare", ctypes.c_int, [_c, _sz, _c, _sz, _u, ctypes.POINTER(ctypes.c_int), _err]),
    ("tthc_text_date_format", ctypes.c_int, [_i32, _c, _sz, _u, _c, _sz, _szp]),
    ("tthc_text_date_parse", ctypes.c_int, [_c, _sz, ctypes.POINTER(_i32), _szp, _err]),
    ("tthc_text_decode", ctypes.c_int, [_c, _sz, ctypes.c_int, _u, _c, _sz, _szp, _szp, _err]),
    ("tthc_text_decode_alloc", ctypes.c_int, [_c, _sz, ctypes.c_int, _u, ctypes.POINTER(_vp), _szp, _err]),
    ("tthc_text_detect", ctypes.c_int, [_c, _sz, ctypes.POINTER(ctypes.c_int),
                                        ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_int)]),
    ("tthc_text_encode", ctypes.c_int, [_c, _sz, ctypes.c_int, _u, _c, _sz, _szp, _szp, _err]),
    ("tthc_text_encode_alloc", ctypes.c_int, [_c, _sz, ctypes.c_int, _u, ctypes.POINTER(_vp), _szp, _err]),
    ("tthc_text_encode_check", ctypes.c_int, [_c, _sz, ctypes.c_int, _szp,
                                              ctypes.POINTER(ctypes.c_uint32), _sz, _szp, _err]),
    ("tthc_text_encoding_from_name", ctypes.c_int, [_c, ctypes.POINTER(ctypes.c_int)]),
    ("tthc_text_encoding_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_text_fold", ctypes.c_int, _xform),
    ("tthc_text_fold_alloc", ctypes.c_int, _xalloc),
    ("tthc_text_normalize", ctypes.c_int, _xform),
    ("tthc_text_normalize_alloc", ctypes.c_int, _xalloc),
    ("tthc_text_number_format", ctypes.c_int, [_Decimal, _u, _c, _sz, _szp]),
    ("tthc_text_number_parse", ctypes.c_int, [_c, _sz, ctypes.POINTER(_Decimal),
                                              ctypes.POINTER(ctypes.c_int), _err]),
    ("tthc_text_ref_find", ctypes.c_int, [_c, _sz, _sz, ctypes.POINTER(_Ref)]),
    ("tthc_text_ref_parse", ctypes.c_int, [_c, _sz, ctypes.POINTER(_Ref), _err]),
])

_ENOSPC = 7


def _utf8(text):
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    raise TypeError(f"expected str, got {type(text).__name__}")


def _bytes(data):
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"expected bytes, got {type(data).__name__}")


def _enc(name):
    if isinstance(name, int):
        return name
    out = ctypes.c_int()
    if lib.tthc_text_encoding_from_name(str(name).encode(), ctypes.byref(out)) != 0:
        raise ValueError(f"unknown encoding {name!r} (expected one of {', '.join(ENCODINGS)})")
    return out.value


def _char_index(b):
    """Byte offset -> character index for the UTF-8 bytes b (len(b)+1 entries)."""
    idx, ch = [0] * (len(b) + 1), -1
    for i, byte in enumerate(b):
        if byte & 0xC0 != 0x80:  # a lead byte starts the next character
            ch += 1
        idx[i] = ch
    idx[len(b)] = ch + 1
    return idx


def _run(fn, data, *args, flags=0, want_map=False):
    """Call a buffer-writing transformation, growing the buffer on ENOSPC."""
    cap = max(64, 2 * len(data) + 16)
    while True:
        buf = ctypes.create_string_buffer(cap)
        need, err = ctypes.c_size_t(), ErrorStruct()
        cmap = (ctypes.c_size_t * cap)() if want_map else None
        st = fn(data, len(data), *args, flags, buf, cap, ctypes.byref(need), cmap, ctypes.byref(err))
        if st == _ENOSPC and need.value + 1 > cap:
            cap = need.value + 1
            continue
        check(st, err)
        return buf.raw[:need.value], (list(cmap[:need.value + 1]) if want_map else None)


def _flags(form, tone, replace_invalid):
    f = 0
    if form.upper() == "NFD":
        f |= NFD
    elif form.upper() != "NFC":
        raise ValueError(f"form must be 'NFC' or 'NFD', not {form!r}")
    if tone == "modern":
        f |= TONE_MODERN
    elif tone is None or tone == "keep":
        f |= TONE_KEEP
    elif tone != "traditional":
        raise ValueError(f"tone must be 'traditional', 'modern' or None, not {tone!r}")
    return f | (REPLACE_INVALID if replace_invalid else 0)


def _with_map(out_b, in_b, bmap):
    """Turn a byte map into a character map: result[i] = input character of output character i
    (plus one final entry for the end)."""
    in_idx = _char_index(in_b)
    out_str = out_b.decode("utf-8")
    res, pos = [], 0
    for ch in out_str:
        res.append(in_idx[bmap[pos]])
        pos += len(ch.encode("utf-8"))
    res.append(in_idx[bmap[len(out_b)]])
    return out_str, res


def normalize(text, form="NFC", tone="traditional", replace_invalid=False, with_map=False):
    """Normalise Vietnamese text: NFC (or ``form="NFD"``) and tone marks placed the
    ``"traditional"`` way (hòa, khỏe, thủy — the default), the ``"modern"`` way (hoà, khoẻ, thuỷ)
    or left alone (``tone=None``). With ``with_map`` returns ``(text, map)`` where ``map[i]`` is
    the index in ``text`` of the character output character ``i`` came from."""
    b = _utf8(text)
    out, bmap = _run(lib.tthc_text_normalize, b, flags=_flags(form, tone, replace_invalid), want_map=with_map)
    return _with_map(out, b, bmap) if with_map else out.decode("utf-8")


def fold(text, replace_invalid=False, with_map=False):
    """Search key: no diacritics (đ → d), lowercase, punctuation and spaces collapsed to single
    spaces: ``fold("Đoàn  Kết") == fold("doan ket")``."""
    b = _utf8(text)
    out, bmap = _run(lib.tthc_text_fold, b, flags=REPLACE_INVALID if replace_invalid else 0,
                     want_map=with_map)
    return _with_map(out, b, bmap) if with_map else out.decode("utf-8")


def collation_key(text):
    """Bytes that sort in Vietnamese dictionary order: ``sorted(names, key=collation_key)``."""
    b = _utf8(text)
    cap = 3 * len(b) + 32
    buf, need, err = ctypes.create_string_buffer(cap), ctypes.c_size_t(), ErrorStruct()
    st = lib.tthc_text_collation_key(b, len(b), 0, buf, cap, ctypes.byref(need), ctypes.byref(err))
    if st == _ENOSPC:
        cap = need.value
        buf = ctypes.create_string_buffer(cap)
        st = lib.tthc_text_collation_key(b, len(b), 0, buf, cap, ctypes.byref(need), ctypes.byref(err))
    check(st, err)
    return buf.raw[:need.value]


def compare(a, b):
    """-1, 0 or 1 as ``a`` sorts before, with or after ``b`` in Vietnamese dictionary order."""
    ab, bb = _utf8(a), _utf8(b)
    out, err = ctypes.c_int(), ErrorStruct()
    check(lib.tthc_text_compare(ab, len(ab), bb, len(bb), 0, ctypes.byref(out), ctypes.byref(err)), err)
    return out.value


def decode(data, encoding, form="NFC", replace_invalid=False):
    """Decode ``bytes`` in a legacy encoding ("tcvn3", "vni", "viscii", "viqr", "utf8") to
    ``str`` (NFC; tone marks kept where they were written)."""
    b = _bytes(data)
    flags = (NFD if form.upper() == "NFD" else 0) | (REPLACE_INVALID if replace_invalid else 0)
    out, _ = _run(lambda s, n, f, *rest: lib.tthc_text_decode(s, n, _enc(encoding), f, *rest), b, flags=flags)
    return out.decode("utf-8")


def unencodable(text, encoding):
    """Every character of ``text`` the encoding cannot hold, as ``(index, character)`` pairs."""
    b = _utf8(text)
    count, err = ctypes.c_size_t(), ErrorStruct()
    check(lib.tthc_text_encode_check(b, len(b), _enc(encoding), None, None, 0, ctypes.byref(count),
                                     ctypes.byref(err)), err)
    n = count.value
    offs, cps = (ctypes.c_size_t * max(n, 1))(), (ctypes.c_uint32 * max(n, 1))()
    check(lib.tthc_text_encode_check(b, len(b), _enc(encoding), offs, cps, n, ctypes.byref(count),
                                     ctypes.byref(err)), err)
    idx = _char_index(b)
    return [(idx[offs[i]], chr(cps[i])) for i in range(n)]


def encode(text, encoding, substitute=False):
    """Encode ``str`` as ``bytes`` in a legacy encoding. Characters the target cannot hold raise
    :class:`tthc.EncodingError` whose ``problems`` lists each ``(index, character)``; with
    ``substitute`` a fallback is written instead (TCVN3: the lowercase toned letter, else "?")."""
    b = _utf8(text)
    cap = 4 * len(b) + 16
    buf, need, err = ctypes.create_string_buffer(cap), ctypes.c_size_t(), ErrorStruct()
    st = lib.tthc_text_encode(b, len(b), _enc(encoding), SUBSTITUTE if substitute else 0, buf, cap,
                              ctypes.byref(need), None, ctypes.byref(err))
    if st != 0:
        exc = error_for(st, err)
        if isinstance(exc, EncodingError):
            exc.problems = unencodable(text, encoding)
        raise exc
    return buf.raw[:need.value]


def detect(data):
    """``(encoding, confidence, runner_up)`` for bytes: encoding is a name from
    :data:`ENCODINGS` or ``None`` when it cannot tell (ambiguous); confidence is 0–1."""
    b = _bytes(data)
    enc, second, conf = ctypes.c_int(), ctypes.c_int(), ctypes.c_double()
    check(lib.tthc_text_detect(b, len(b), ctypes.byref(enc), ctypes.byref(conf), ctypes.byref(second)))
    name = lambda e: ENCODINGS[e] if 0 <= e < len(ENCODINGS) else None  # noqa: E731
    return name(enc.value), conf.value, name(second.value)


Number = collections.namedtuple("Number", "value percent")


def parse_number(text):
    """Parse "87,03", "1.234.567,5" or "87,03%" into ``Number(Decimal, percent)``."""
    b = _utf8(text)
    out, pct, err = _Decimal(), ctypes.c_int(), ErrorStruct()
    check(lib.tthc_text_number_parse(b, len(b), ctypes.byref(out), ctypes.byref(pct), ctypes.byref(err)), err)
    return Number(decimal.Decimal(out.units).scaleb(-out.scale), bool(pct.value))


def format_number(value, percent=False):
    """Format an ``int`` or ``Decimal`` the Vietnamese way: "1.234.567,5" (decimals kept)."""
    d = decimal.Decimal(value)
    sign, digits, exp = d.as_tuple()
    scale = -exp if exp < 0 else 0
    units = int(d.scaleb(scale))
    buf, need = ctypes.create_string_buffer(64), ctypes.c_size_t()
    check(lib.tthc_text_number_format(_Decimal(units, scale), 1 if percent else 0, buf, 64, ctypes.byref(need)))
    return buf.value.decode()


def amount_words(amount, capitalize=True, dong=False, southern=False):
    """An amount in words as fee receipts write it: 1005000 → "Một triệu không trăm linh năm
    nghìn"; ``dong`` appends "đồng", ``southern`` says "ngàn"/"lẻ"."""
    flags = (2 if capitalize else 0) | (4 if dong else 0) | (8 if southern else 0)
    buf = ctypes.create_string_buffer(600)
    check(lib.tthc_text_amount_words(int(amount), flags, buf, 600, None))
    return buf.value.decode()


def parse_date_vi(text):
    """Parse "ngày 20 tháng 4 năm 2023", "20/4/2023", "20-04-2023" or "Tân Hồng, ngày 20 tháng
    4 năm 2023" into ``(datetime.date, place or None)``."""
    b = _utf8(text)
    out, pl, err = ctypes.c_int32(), ctypes.c_size_t(), ErrorStruct()
    check(lib.tthc_text_date_parse(b, len(b), ctypes.byref(out), ctypes.byref(pl), ctypes.byref(err)), err)
    return from_day_number(out.value), (b[:pl.value].decode() if pl.value else None)


def format_date_vi(d, place=None, numeric=False, pad=True, capitalize=False):
    """"ngày 08 tháng 8 năm 2023" (official padding), or with a place "Tân Hồng, ngày …";
    ``numeric`` gives "08/8/2023"."""
    p = _utf8(place) if place else b""
    flags = (1 if numeric else 0) | (0 if pad else 2) | (4 if capitalize else 0)
    buf = ctypes.create_string_buffer(len(p) + 64)
    check(lib.tthc_text_date_format(to_day_number(d), p or None, len(p), flags, buf, len(buf), None))
    return buf.value.decode()


Ref = collections.namedtuple("Ref", "text type number year symbol issuer date offset length")


def _ref(b, r, idx):
    sl = lambda o, n: b[o:o + n].decode("utf-8", "replace")  # noqa: E731
    return Ref(text=sl(r.offset, r.length), type=r.type.decode() if r.type else None,
               number=r.number if r.number >= 0 else None, year=r.year or None,
               symbol=sl(r.symbol_offset, r.symbol_length), issuer=sl(r.issuer_offset, r.issuer_length),
               date=from_day_number(r.date) if r.has_date else None,
               offset=idx[r.offset], length=idx[r.offset + r.length] - idx[r.offset])


def parse_ref(text):
    """Parse one legal document reference ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018")."""
    b = _utf8(text)
    r, err = _Ref(), ErrorStruct()
    check(lib.tthc_text_ref_parse(b, len(b), ctypes.byref(r), ctypes.byref(err)), err)
    return _ref(b, r, _char_index(b))


def find_refs(text):
    """Iterate over every legal document reference in ``text`` (offsets in characters)."""
    b = _utf8(text)
    idx, r, pos = _char_index(b), _Ref(), 0
    while lib.tthc_text_ref_find(b, len(b), pos, ctypes.byref(r)) == 0:
        yield _ref(b, r, idx)
        pos = r.offset + r.length
