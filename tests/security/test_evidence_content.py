"""Issue 20, item 10: SVG that can run script or fetch anything, and HTML under a text name, are refused."""

from __future__ import annotations

import pytest

from zhichan.core.evidence import EvidenceRejected, detect_media_type

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'

SVG_WITH_SCRIPT = {
    "script element": f"<svg {NS}><script>alert(1)</script></svg>",
    "onload attribute": f'<svg {NS} onload="alert(1)"></svg>',
    "slash before onload": "<svg/onload=alert(1)>",
    "newline before onload": f'<svg {NS}\nonload="alert(1)"></svg>',
    "tab before onload": f'<svg {NS}><rect\tonclick="alert(1)"/></svg>',
    "animate onend": f'<svg {NS}><animate onend="alert(1)" attributeName="x" dur="1s"/></svg>',
    "onfocusin": f'<svg {NS}><g onfocusin="alert(1)"/></svg>',
    "set an event handler": f'<svg {NS}><set attributeName="onmouseover" to="alert(1)"/></svg>',
    "animate a link to script": (
        f'<svg {NS}><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>'
    ),
    "javascript with a character reference": (
        f'<svg {NS}><a xlink:href="javascript&#58;alert(1)"><text>x</text></a></svg>'
    ),
    "javascript with a hex reference and spaces": f'<svg {NS}><a href=" java&#x09;script&#x3a;alert(1)">x</a></svg>',
    "foreignObject": f"<svg {NS}><foreignObject><div>x</div></foreignObject></svg>",
    "xxe": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<svg {NS}><text>&xxe;</text></svg>"
    ),
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        f"<svg {NS}><text>&b;</text></svg>"
    ),
    "external image": f'<svg {NS}><image href="https://tracker.example/p.png"/></svg>',
    "external use": f'<svg {NS}><use xlink:href="http://evil.example/sprite.svg#a"/></svg>',
    "external style": f"<svg {NS}><style>@import url(http://evil.example/a.css);</style></svg>",
    "style attribute url": f'<svg {NS}><rect style="fill:url(http://evil.example/a)"/></svg>',
    "data html": f'<svg {NS}><a href="data:text/html;base64,PHNjcmlwdD4=">x</a></svg>',
}

CLEAN_SVG = {
    "plain": f'<svg {NS}><rect width="1" height="1"/></svg>',
    "svg 1.1 doctype": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        f'<svg {NS}><defs><linearGradient id="g"/></defs><rect style="fill:url(#g)"/></svg>'
    ),
    "internal use and inline png": (
        f'<svg {NS}><defs><circle id="c" r="1"/></defs><use xlink:href="#c"/>'
        '<image href="data:image/png;base64,iVBORw0KGgo="/><animate attributeName="r" from="1" to="2"/></svg>'
    ),
    "inkscape attributes": (
        f'<svg {NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">'
        '<g inkscape:label="Layer 1" inkscape:groupmode="layer"><text>广州</text></g></svg>'
    ),
}

HTML_AS_TEXT = {
    "div fragment": "<div>证据</div><script>alert(1)</script>",
    "p fragment": "<p>hello</p>",
    "comment first": "<!-- saved --><b>x</b>",
    "img onerror later": "第一行说明\n" * 50 + '<img src=x onerror="alert(1)">',
    "script after 8 KiB": "说明文字。" * 3000 + "\n<script>alert(1)</script>",
    "iframe": "see below\n<iframe src=https://evil.example></iframe>",
    "link to javascript": 'click <a href="javascript:alert(1)">here</a>',
    "xhtml": '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>',
}

PLAIN_TEXT = {
    "notes": "2026年3月，在天河区发现侵权商品。价格 < 100 元 > 50 元。",
    "csv": "商标,店铺\n王老吉,广州王老记凉茶铺\n",
    "log with an arrow": "a <- b; x -> y; onion=3",
}


def _check(tmp_path, name: str, text: str) -> str:
    path = tmp_path / "upload"
    path.write_bytes(text.encode("utf-8"))
    return detect_media_type(path, name)


@pytest.mark.parametrize("case", sorted(SVG_WITH_SCRIPT))
def test_svg_that_can_run_script_or_fetch_is_refused(tmp_path, case):
    with pytest.raises(EvidenceRejected, match="SVG"):
        _check(tmp_path, "logo.svg", SVG_WITH_SCRIPT[case])


@pytest.mark.parametrize("case", sorted(CLEAN_SVG))
def test_clean_svg_is_accepted(tmp_path, case):
    assert _check(tmp_path, "logo.svg", CLEAN_SVG[case]) == "image/svg+xml"


@pytest.mark.parametrize("case", sorted(HTML_AS_TEXT))
@pytest.mark.parametrize("name", ["note.txt", "page.xml", "data.csv"])
def test_html_under_a_text_name_is_refused(tmp_path, case, name):
    with pytest.raises(EvidenceRejected, match="HTML"):
        _check(tmp_path, name, HTML_AS_TEXT[case])


@pytest.mark.parametrize("case", sorted(PLAIN_TEXT))
def test_plain_text_with_angle_brackets_is_accepted(tmp_path, case):
    assert _check(tmp_path, "note.txt", PLAIN_TEXT[case]) == "text/plain"


def test_a_saved_email_with_an_html_body_is_accepted_but_html_named_eml_is_not(tmp_path):
    message = "From: a@example.cn\nSubject: x\nContent-Type: text/html\n\n<html><body><p>侵权</p></body></html>\n"
    assert _check(tmp_path, "mail.eml", message) == "text/plain"
    with pytest.raises(EvidenceRejected, match="HTML"):
        _check(tmp_path, "mail.eml", "<html><body>x</body></html>")
