"""Where keys and values sit in a TOML source.

tomllib gives the data but no positions. This scanner walks a source that tomllib
already accepted and records, for every key path, the line and column of the key and
of its value, array elements and inline-table members included. Paths are tuples of
keys and indices: ("rule", 2, "when", "needs", 1) is the second need of the third
[[rule]].
"""

from __future__ import annotations

import bisect
import re

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}\n#]")


class Locator:
    def __init__(self, source: str) -> None:
        self.source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.keys: dict[Path, int] = {}
        self.values: dict[Path, int] = {}
        self._aot: dict[Path, int] = {}
        self._i = 0
        self._scan()

    # -- queries ----------------------------------------------------------------

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def key(self, path: Path) -> tuple[int, int]:
        """Line and column of the key at `path`, or of its nearest located ancestor."""
        return self._find(path, self.keys)

    def value(self, path: Path) -> tuple[int, int]:
        """Line and column where the value at `path` starts (falls back to its key)."""
        return self._find(path, self.values)

    def _find(self, path: Path, table: dict[Path, int]) -> tuple[int, int]:
        probe = tuple(path)
        while probe:
            if probe in table:
                return self.line_col(table[probe])
            if probe in self.keys:
                return self.line_col(self.keys[probe])
            probe = probe[:-1]
        return 1, 1

    # -- scanning ---------------------------------------------------------------

    def _peek(self, n: int = 1) -> str:
        return self.source[self._i : self._i + n]

    def _skip_blank(self, newlines: bool) -> None:
        src = self.source
        while self._i < len(src):
            ch = src[self._i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self._i += 1
            elif ch == "#":
                end = src.find("\n", self._i)
                self._i = len(src) if end < 0 else end
            else:
                return

    def _scan(self) -> None:
        current: Path = ()
        src = self.source
        while True:
            self._skip_blank(newlines=True)
            if self._i >= len(src):
                return
            start = self._i
            if src.startswith("[[", self._i):
                self._i += 2
                keys = self._key_path()
                self._i = src.index("]]", self._i) + 2
                parent = self._resolve(keys[:-1])
                full = (*parent, keys[-1])
                count = self._aot.get(full, 0)
                self._aot[full] = count + 1
                current = (*full, count)
                self.keys.setdefault(full, start)
                self.keys[current] = start
                self.values[current] = start
            elif src[self._i] == "[":
                self._i += 1
                keys = self._key_path()
                self._i = src.index("]", self._i) + 1
                current = self._resolve(keys)
                self.keys.setdefault(current, start)
                self.values.setdefault(current, start)
            else:
                self._key_value(current)

    def _resolve(self, keys: tuple[str, ...]) -> Path:
        """Insert the current index after every array-of-tables on the way."""
        out: list[str | int] = []
        for key in keys:
            out.append(key)
            count = self._aot.get(tuple(out))
            if count:
                out.append(count - 1)
        return tuple(out)

    def _key_path(self) -> tuple[str, ...]:
        keys = []
        while True:
            self._skip_blank(newlines=False)
            keys.append(self._simple_key())
            self._skip_blank(newlines=False)
            if self._peek() == ".":
                self._i += 1
                continue
            return tuple(keys)

    def _simple_key(self) -> str:
        ch = self._peek()
        if ch in "\"'":
            return self._string_value()
        m = _BARE_KEY.match(self.source, self._i)
        if not m:  # not valid TOML; tomllib has reported it already
            self._i += 1
            return ""
        self._i = m.end()
        return m.group()

    def _key_value(self, table: Path) -> None:
        start = self._i
        keys = self._key_path()
        self._skip_blank(newlines=False)
        if self._peek() == "=":
            self._i += 1
        self._skip_blank(newlines=False)
        path = (*table, *keys)
        self.keys[path] = start
        self._value(path)

    def _value(self, path: Path) -> None:
        self.values[path] = self._i
        ch = self._peek()
        if ch in "\"'":
            self._string_value()
        elif ch == "[":
            self._i += 1
            index = 0
            while True:
                self._skip_blank(newlines=True)
                if self._peek() in ("]", ""):
                    self._i += 1
                    return
                if self._peek() == ",":
                    self._i += 1
                    continue
                self._value((*path, index))
                index += 1
        elif ch == "{":
            self._i += 1
            while True:
                self._skip_blank(newlines=True)
                if self._peek() in ("}", ""):
                    self._i += 1
                    return
                if self._peek() == ",":
                    self._i += 1
                    continue
                self._key_value(path)
        else:
            m = _SCALAR_END.search(self.source, self._i)
            self._i = len(self.source) if m is None else m.start()

    def _string_value(self) -> str:
        src = self.source
        quote = src[self._i]
        if src.startswith(quote * 3, self._i):
            end = src.find(quote * 3, self._i + 3)
            while quote == '"' and end > 0 and _escaped(src, end):
                end = src.find(quote * 3, end + 1)
            end = len(src) if end < 0 else end
            # a closing run may hold up to two extra quotes belonging to the string
            while src.startswith(quote, end + 3):
                end += 1
            text = src[self._i + 3 : end]
            self._i = end + 3
            return text
        j = self._i + 1
        while j < len(src) and src[j] != quote and src[j] != "\n":
            if quote == '"' and src[j] == "\\":
                j += 1
            j += 1
        text = src[self._i + 1 : j]
        self._i = j + 1
        return text


def _escaped(src: str, index: int) -> bool:
    backslashes = 0
    while index > 0 and src[index - 1] == "\\":
        backslashes += 1
        index -= 1
    return backslashes % 2 == 1
