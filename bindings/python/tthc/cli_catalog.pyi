from typing import Sequence

__all__ = ["catalog"]

def catalog(args: Sequence[str]) -> int: ...
