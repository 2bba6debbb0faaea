"""ctypes layer: finds libtthc, declares signatures, maps status codes to exceptions.

Each module of the package declares the C functions it uses with :func:`declare`, as a sorted
table of ``(name, restype, argtypes)``. Status codes and their names come from the library
itself (``tthc_status_name``), not from a copy kept here.
"""
import ctypes
import ctypes.util
import os
import pathlib

__all__ = ["lib", "declare", "check", "ErrorStruct", "Error", "STATUS"]


def _candidates():
    env = os.environ.get("TTHC_LIBRARY")
    if env:
        yield env
        return
    here = pathlib.Path(__file__).resolve()
    # The build trees of a source checkout: bindings/python/tthc -> repository root.
    root = here.parents[3] if len(here.parents) > 3 else None
    if root is not None:
        for preset in ("dev", "release", "asan"):
            for name in ("libtthc.so", "libtthc.dylib"):
                p = root / "build" / preset / "lib" / name
                if p.exists():
                    yield str(p)
    found = ctypes.util.find_library("tthc")
    if found:
        yield found
    yield "libtthc.so"


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            tried.append(f"{path}: {exc}")
    raise ImportError(
        "libtthc shared library not found. Build it (cmake --workflow --preset dev), install it, "
        "or set TTHC_LIBRARY to the path of libtthc.so. Tried:\n  " + "\n  ".join(tried))


lib = _load()
_declared = set()


def declare(table):
    """Declare C signatures: ``table`` is a list of (name, restype, argtypes)."""
    for name, restype, argtypes in table:
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
        _declared.add(name)


def declared_names():
    """Names of every C function the package has declared (for the coverage test)."""
    return frozenset(_declared)


class ErrorStruct(ctypes.Structure):
    """Mirror of ``tthc_error`` (core.h)."""
    _fields_ = [
        ("status", ctypes.c_int),
        ("line", ctypes.c_int32),
        ("column", ctypes.c_int32),
        ("offset", ctypes.c_int64),
        ("record", ctypes.c_int64),
        ("message", ctypes.c_char * 256),
        ("reserved_", ctypes.c_ubyte * 64),
    ]


declare([
    ("tthc_error_clear", None, [ctypes.POINTER(ErrorStruct)]),
    ("tthc_free", None, [ctypes.c_void_p]),
    ("tthc_status_name", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_strerror", ctypes.c_char_p, [ctypes.c_int]),
    ("tthc_version", ctypes.c_char_p, []),
    ("tthc_version_number", ctypes.c_int, []),
])


def _status_table():
    table, i = {}, 0
    while True:
        name = lib.tthc_status_name(i)
        if name is None:
            return table
        table[i] = name.decode()
        i += 1


STATUS = _status_table()  #: status number -> name ("EDATE"), read from the library


class Error(Exception):
    """A libtthc call failed. ``status`` is the C status code, ``name`` its symbolic name
    ("EDATE"); ``line``, ``column``, ``offset`` and ``record`` locate the problem in the
    input when the library knew it (else None)."""

    def __init__(self, status, message, line=None, column=None, offset=None, record=None):
        super().__init__(message)
        self.status = status
        self.name = STATUS.get(status, "UNKNOWN")
        self.line, self.column, self.offset, self.record = line, column, offset, record


class InvalidArgumentError(Error, ValueError):
    """EINVAL: an argument the library cannot use (None where a value is needed …)."""


class OutOfRangeError(Error, ValueError):
    """ERANGE: a value outside the supported range (a year past 9999 …)."""


class ParseError(Error, ValueError):
    """ESYNTAX / EFORMAT / EUTF8: malformed input; see ``line`` and ``column``."""


class DateError(Error, ValueError):
    """EDATE: a date or time that does not exist (31 February, 24:00)."""


class NotFoundError(Error, KeyError):
    """ENOTFOUND: no such item."""

    def __str__(self):  # KeyError quotes its message otherwise
        return Exception.__str__(self)


class StateError(Error):
    """ESTATE: not allowed in the current state (an impossible dossier transition …)."""


class EncodingError(Error, ValueError):
    """EENCODING: a character the target encoding cannot represent."""


_CLASSES = {
    "EINVAL": InvalidArgumentError, "ERANGE": OutOfRangeError, "ESYNTAX": ParseError,
    "EFORMAT": ParseError, "EUTF8": ParseError, "EDATE": DateError,
    "ENOTFOUND": NotFoundError, "ESTATE": StateError, "EENCODING": EncodingError,
}


def error_for(status, err=None):
    """Build the exception for ``status``, using the details in ``err`` (ErrorStruct) if any."""
    name = STATUS.get(status, "UNKNOWN")
    if name == "ENOMEM":
        return MemoryError(lib.tthc_strerror(status).decode())
    cls = _CLASSES.get(name, Error)
    if err is not None and err.message:
        msg = err.message.decode("utf-8", "replace")
        return cls(status, msg, err.line or None, err.column or None,
                   err.offset if err.offset >= 0 else None,
                   err.record if err.record >= 0 else None)
    return cls(status, lib.tthc_strerror(status).decode())


def check(status, err=None):
    """Raise the matching exception unless ``status`` is 0 (TTHC_OK)."""
    if status != 0:
        raise error_for(status, err)
