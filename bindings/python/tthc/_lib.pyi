import ctypes
from typing import Any, Iterable

__all__ = ["lib", "declare", "check", "ErrorStruct", "Error", "STATUS"]

lib: ctypes.CDLL
STATUS: dict[int, str]

class ErrorStruct(ctypes.Structure):
    status: int
    line: int
    column: int
    offset: int
    record: int
    message: bytes

def declare(table: Iterable[tuple[str, Any, list[Any]]]) -> None: ...
def declared_names() -> frozenset[str]: ...
def error_for(status: int, err: ErrorStruct | None = ...) -> Exception: ...
def check(status: int, err: ErrorStruct | None = ...) -> None: ...

class Error(Exception):
    status: int
    name: str
    line: int | None
    column: int | None
    offset: int | None
    record: int | None
    def __init__(self, status: int, message: str, line: int | None = ...,
                 column: int | None = ..., offset: int | None = ...,
                 record: int | None = ...) -> None: ...

class InvalidArgumentError(Error, ValueError): ...
class OutOfRangeError(Error, ValueError): ...
class ParseError(Error, ValueError): ...
class DateError(Error, ValueError): ...
class NotFoundError(Error, KeyError): ...
class StateError(Error): ...
class EncodingError(Error, ValueError):
    problems: list[tuple[int, str]]
