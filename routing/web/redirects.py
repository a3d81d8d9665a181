"""Where a redirect may go when the address comes from the request: a path on this site only."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit


def _plain_path(text: str) -> bool:
    """One leading ``/``; no backslash, whitespace or control character (a browser skips or reads them as ``/``)."""
    if not text.startswith("/") or text.startswith("//"):
        return False
    return not any(ch == "\\" or ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text)


def safe_target(target: str | None, default: str) -> str:
    """``target`` if it is a plain path on this site, else ``default``.

    A browser reads ``/\\evil``, ``/\t/evil`` or ``//evil`` as another host, and ``urllib``
    does not always agree with it; so the target must be a plain path as sent and, once
    percent-decoded (``/%2F/evil``, ``/%5Cevil``), its path part too, and ``urlsplit``
    must read no scheme and no host in it.
    """
    if not target or not _plain_path(target):
        return default
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not _plain_path(unquote(path)):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
