"""Where the site is published: one address, content/site.yaml's base_url or --base-url.

Pages link to each other relatively, so the address appears only where the web needs
full addresses (sitemap, robots.txt, feeds, canonical and hreflang links, open data,
the 404 page's links). An address on this machine (127.0.0.1, localhost) makes a
preview: fine to look at, wrong to publish, so a publishing build refuses it.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .errors import ContentError

EXAMPLE = "https://example.org/commitments/"


def check_base_url(text: str) -> str:
    """The address as the site uses it (ending in "/"), or ValueError saying what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"is missing: write the full address the site is published at, like {EXAMPLE}")
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{text!r} is not a full http(s) address; write it like {EXAMPLE}")
    try:
        parts.port  # a port that is not a number raises here
    except ValueError:
        raise ValueError(f"{text!r} has a bad port; write it like {EXAMPLE}") from None
    if not parts.hostname or any(c.isspace() for c in text.strip()):
        raise ValueError(f"{text!r} is not a full http(s) address; write it like {EXAMPLE}")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ValueError(f"{text!r} must be a plain address (no user, ?query or #fragment), like {EXAMPLE}")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine's own (127.0.0.1, ::1, localhost)."""
    host = host.strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_preview(base_url: str) -> bool:
    """Whether the address is this machine's (or 0.0.0.0, no address): a preview, not a published site."""
    host = urlsplit(base_url).hostname or ""
    return is_loopback(host) or host in ("0.0.0.0", "::")


@dataclass(frozen=True)
class Address:
    base_url: str
    preview: bool


def published_address(site_yaml: Path, given: str | None, publishing: bool) -> Address:
    """The address to build or serve for: --base-url when given, else site.yaml's.

    `publishing` (build --publish, serve --production) refuses a preview address with
    one line saying how to set the real one.
    """
    from .library import load_site_config
    from .yamlio import load_yaml_with_lines

    if given is not None:
        try:
            base_url = check_base_url(given)
        except ValueError as error:
            raise ContentError(f"--base-url {error}") from None
    else:
        base_url = load_site_config(site_yaml).base_url
    preview = is_preview(base_url)
    if publishing and preview:
        advice = (f"{base_url} is an address on this machine, which only previews the site; to publish, "
                  f"set base_url in {site_yaml.name} to the published address (like {EXAMPLE}) "
                  f"or pass --base-url {EXAMPLE}")
        if given is not None:
            raise ContentError(f"--base-url {advice}")
        line = load_yaml_with_lines(site_yaml)[1].get("base_url")
        raise ContentError(f"base_url {advice}", site_yaml, line)
    return Address(base_url, preview)
