"""A privacy policy site must not track its readers: no third-party requests, enforced by the browser.

`with_csp` adds a Content-Security-Policy meta tag to each page that limits every fetch to the site's
own origin; inline scripts are allowed by their sha256 hash only, so the theme's small inline scripts
run and nothing else can. `privacy_problems` points at settings that would make readers' browsers
contact someone else (Google Fonts, CDN assets)."""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = re.compile(r"""type\s*=\s*["']?(?:application/(?:ld\+)?json|text/template)""", re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for the inline scripts of a page, in order of appearance."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if re.search(r"\ssrc\s*=", attrs, re.I) or _DATA_TYPES.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        token = f"'sha256-{base64.b64encode(digest).decode()}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy(html: str) -> str:
    scripts = " ".join(["'self'"] + script_hashes(html))
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; media-src 'self'; "
            "worker-src 'self' blob:; frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'")


def with_csp(html: str) -> str:
    """The page with its Content-Security-Policy meta tag as the first element of <head>."""
    head = _HEAD.search(html)
    if head is None or 'http-equiv="Content-Security-Policy"' in html:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:head.end()] + tag + html[head.end():]


def privacy_problems(config) -> list[str]:
    """Settings of a MkDocs site that make readers' browsers contact third parties."""
    problems = []
    theme = config.theme
    if theme.name == "material" and theme.get("font") not in (False, None):
        problems.append("theme.font makes every reader's browser fetch Google Fonts; set 'font: false' under "
                        "'theme' (system fonts) or self-host the fonts with Material's privacy plugin")
    for key in ("extra_css", "extra_javascript"):
        for item in config[key]:
            if re.match(r"(?:https?:)?//", str(item)):
                problems.append(f"{key} loads {item} from another site; copy it into the docs folder instead")
    return problems
