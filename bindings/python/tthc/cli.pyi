from typing import Any, Sequence

__all__ = ["main", "COMMANDS", "OK", "BAD_INPUT", "USAGE"]

OK: int
BAD_INPUT: int
USAGE: int
COMMANDS: tuple[tuple[str, str], ...]

def main(argv: Sequence[str] | None = ...) -> int: ...
def dumps(v: Any) -> str: ...
