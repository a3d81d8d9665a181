"""Settings: the environment first, then ``instance/config.toml``, then these defaults.

The names are the contract's (shared/CONTRACT.md "Configuration"); every
setting lands in ``app.config`` under the same name.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # filled from the instance folder
    "SECRET_KEY": None,  # generated once into instance/secret_key
    "ETEINEN_RULES": None,  # None: the bundled rule set
    "SMTP_URL": None,
    "REMINDER_SCHEDULE": "mon 08:00 Europe/Helsinki",
    "WEBHOOK_ALLOW_PRIVATE": False,
    "WEBHOOK_KEEP_DAYS": 30,
    "RETENTION_DAYS": 365,
    "OFFER_REMIND_DAYS": 3,
    "OFFER_EXPIRY_DAYS": 14,
    "DIRECTORY_ASSURE_DAYS": 180,
    "CAPACITY_STALE_DAYS": 14,
    "BASE_URL": "http://127.0.0.1:5000",
    "SESSION_COOKIE_SECURE": False,
    "PROXY_COUNT": 0,  # reverse proxies in front: only then are X-Forwarded-For/-Proto believed
    "METRICS_TOKEN": None,  # when set, /metrics needs it as a bearer token
    "LOG_FORMAT": "text",  # text | json
    "MAIL_POLL_SECONDS": 60,
    # the client door (/client/): both set (an id or an exact name) opens it
    "CLIENT_DOOR_ORG": None,
    "CLIENT_DOOR_RING": None,
    # the door's OpenID Connect sign-in (the network's strong identification broker); all three or none
    "CLIENT_OIDC_ISSUER": None,
    "CLIENT_OIDC_CLIENT_ID": None,
    "CLIENT_OIDC_CLIENT_SECRET": None,
    "CLIENT_DOOR_REQUIRE_STRONG_ID": False,
    # where the thread's files are kept (None: instance/attachments, made owner-only)
    "ATTACHMENTS_DIR": None,
}

_BOOL = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the setting and where it came from."""


def instance_path(value: str | os.PathLike[str] | None = None) -> Path:
    raw = value or os.environ.get("ETEINEN_INSTANCE") or "instance"
    return Path(raw).expanduser().resolve()


def _coerce(name: str, value: Any, source: str) -> Any:
    default = DEFAULTS[name]
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        parsed = _BOOL.get(str(value).strip().lower())
        if parsed is None:
            raise ConfigError(f"{source}: {name} must be true or false, not {value!r}")
        return parsed
    if isinstance(default, int):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{source}: {name} must be a whole number, not {value!r}") from None
        if number < 0:
            raise ConfigError(f"{source}: {name} must not be negative")
        return number
    return None if value in (None, "") else str(value)


def load_settings(instance: Path, environ: os._Environ[str] | dict[str, str] | None = None) -> dict[str, Any]:
    """Merge defaults, ``instance/config.toml`` and the environment (highest first wins)."""
    env = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    config_file = instance / "config.toml"
    if config_file.exists():
        try:
            from_file = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_file}: {exc}") from None
        for name, value in from_file.items():
            if name not in DEFAULTS:
                raise ConfigError(f"{config_file}: unknown setting {name!r}; known: {', '.join(DEFAULTS)}")
            settings[name] = _coerce(name, value, str(config_file))
    for name in DEFAULTS:
        if name in env:
            settings[name] = _coerce(name, env[name], "environment")
    if settings["LOG_FORMAT"] not in ("text", "json"):
        raise ConfigError(f"LOG_FORMAT must be text or json, not {settings['LOG_FORMAT']!r}")
    if not settings["DATABASE_URL"]:
        settings["DATABASE_URL"] = f"sqlite:///{instance / 'eteinen.db'}"
    if not settings["SECRET_KEY"]:
        settings["SECRET_KEY"] = _instance_secret(instance)
    return settings


def _instance_secret(instance: Path) -> str:
    """The secret key kept in ``instance/secret_key``, written once with owner-only rights."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return key
