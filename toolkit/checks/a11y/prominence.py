"""Equal prominence of a cookie banner's accept and reject, judged where a reader sees it.

The page checks read the HTML and cannot tell how large or how bright a button
is (class names such as ``cookie-accept`` and ``cookie-reject`` say nothing about
it).  Here the loaded page measures itself in the browser: one script finds the
cookie banners (an element whose id, class, aria-label or data attributes name
cookies or consent, or a dialog that talks about cookies), their buttons and
links, and returns each control's text, box, font and colours as JSON.  Which
control accepts and which rejects is read from its text, in the languages the
toolkit knows; the judgement is then made here, on numbers:

* the reject control's area is under half of the accept control's;
* its font size is under 85% of the accept control's;
* accept is filled (a visible background unlike what surrounds it) while reject
  has neither a background nor a border (a bare text link).
"""

from __future__ import annotations

import json
import re

from ...findings import Finding
from ..registry import check

CHECK = "cookie-prominence"
AREA_SHARE = 0.5
FONT_SHARE = 0.85

# Reject is read first: "ne prihvatam" and "don't accept" hold an accept word.
REJECT_WORDS = re.compile(
    r"\b(?:reject|decline|deny|refuse|disagree|no,? thanks|(?:only|strictly) (?:necessary|essential|required)"
    r"|(?:necessary|essential|required) (?:cookies )?only|(?:do not|don['’]?t) (?:accept|agree)|disallow"
    # sr, hr, bs, cnr (Latin), sl
    r"|odbij|odbac|odbaci|ne prihva|ne slažem|samo (?:neophodn|nužn|potrebn)|zavrni|zavrn"
    # sr, mk (Cyrillic)
    r"|одбиј|одбац|одбив|не прихват|не прифа|не слаж|само неопходн|само нужн|не се согласува"
    # sq
    r"|refuz|mos prano|nuk prano|nuk pajtohem|nuk jam dakord|vetëm të domosdoshm"
    # de, fr, es, it, pt, ru, uk
    r"|ablehn|nur notwendig|nur erforderlich|refuser|tout refuser|rechaz|rifiut|rejeitar|recusar"
    r"|отклон|откаж|отказ|не согла|відхил)",
    re.IGNORECASE,
)
ACCEPT_WORDS = re.compile(
    r"\b(?:accept|allow|agree|ok|okay|got it|yes"
    r"|prihvat|prihvać|slažem|dozvol|dopusti|sprejm|strinjam"
    r"|прихват|прифат|прифаќ|слажем|дозвол|се согласувам"
    r"|pranoj|pranoni|lejo|jam dakord|pajtohem"
    r"|akzept|zustimm|einverstanden|erlauben|accepter|j'accepte|autoriser|acept|accett|aceitar"
    r"|принят|принима|согла|разреш|прийня|погодж|дозвол)",
    re.IGNORECASE,
)

# In the page: the banners and the measures of their controls, as one JSON string.
MEASURE_SCRIPT = r"""
var COOKIE = /cookie|consent|gdpr|kola[čc]i[ćc]|колачи|biskot/i;
function marker(el) {
  var parts = [el.id || '', typeof el.className === 'string' ? el.className : '',
               el.getAttribute('aria-label') || ''];
  for (var i = 0; i < el.attributes.length; i++) {
    var a = el.attributes[i];
    if (a.name.indexOf('data-') === 0) { parts.push(a.name + ' ' + a.value); }
  }
  return parts.join(' ');
}
function isDialog(el) {
  var role = el.getAttribute('role');
  return el.tagName === 'DIALOG' || role === 'dialog' || role === 'alertdialog';
}
function controlsOf(el) {
  return Array.prototype.filter.call(
    el.querySelectorAll('button, a[href], input[type=button], input[type=submit], [role=button]'),
    function (c) { return c.getAttribute('aria-hidden') !== 'true'; });
}
function selector(el) {
  var parts = [];
  while (el && el.nodeType === 1 && el !== document.documentElement) {
    if (el.id && document.querySelectorAll('#' + CSS.escape(el.id)).length === 1) {
      parts.unshift('#' + CSS.escape(el.id)); break;
    }
    var tag = el.tagName.toLowerCase(), n = 1, same = 0;
    for (var s = el.parentElement ? el.parentElement.firstElementChild : null; s; s = s.nextElementSibling) {
      if (s.tagName === el.tagName) { same++; if (s === el) { n = same; } }
    }
    parts.unshift(same > 1 ? tag + ':nth-of-type(' + n + ')' : tag);
    el = el.parentElement;
  }
  return parts.join(' > ');
}
function behind(el) {
  for (var e = el; e; e = e.parentElement) {
    var bg = getComputedStyle(e).backgroundColor;
    if (bg && !/^rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') { return bg; }
  }
  return 'rgb(255, 255, 255)';
}
function border(style) {
  var sides = ['Top', 'Right', 'Bottom', 'Left'], out = [];
  for (var i = 0; i < sides.length; i++) {
    var s = sides[i];
    if (style['border' + s + 'Style'] !== 'none' && style['border' + s + 'Style'] !== 'hidden'
        && parseFloat(style['border' + s + 'Width']) > 0) {
      out.push(style['border' + s + 'Color']);
    }
  }
  return out;
}
var banners = [];
var all = document.body ? document.body.querySelectorAll('*') : [];
for (var i = 0; i < all.length; i++) {
  var el = all[i];
  if (/^(A|BUTTON|INPUT|P|SPAN|LABEL|SCRIPT|STYLE)$/.test(el.tagName)) { continue; }
  var named = COOKIE.test(marker(el)) || (isDialog(el) && COOKIE.test(el.textContent || ''));
  if (!named || controlsOf(el).length < 2) { continue; }
  if (banners.some(function (b) { return b.contains(el); })) { continue; }
  banners.push(el);
}
return JSON.stringify(banners.map(function (banner) {
  return {
    selector: selector(banner),
    controls: controlsOf(banner).map(function (c) {
      var r = c.getBoundingClientRect(), st = getComputedStyle(c);
      return {
        selector: selector(c), tag: c.tagName.toLowerCase(),
        text: (c.innerText || c.value || '').trim().slice(0, 80),
        label: (c.getAttribute('aria-label') || c.getAttribute('title') || '').trim().slice(0, 80),
        width: r.width, height: r.height,
        shown: r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none',
        fontSize: parseFloat(st.fontSize) || 0, fontWeight: st.fontWeight,
        color: st.color, background: st.backgroundColor,
        around: behind(c.parentElement || document.body), border: border(st)
      };
    })
  };
}));
"""


def measure(driver) -> list[dict]:
    """The cookie banners of the page loaded in ``driver`` and their controls' measures."""
    from selenium.common.exceptions import JavascriptException

    try:
        raw = driver.execute_script(MEASURE_SCRIPT)
    except JavascriptException:  # a page that broke the DOM's own methods: nothing measured
        return []
    try:
        banners = json.loads(raw) if isinstance(raw, str) else []
    except ValueError:
        return []
    return banners if isinstance(banners, list) else []


def choice(control: dict) -> str | None:
    """``accept`` or ``reject``, from what the control says (its text, else its label)."""
    for text in (control.get("text") or "", control.get("label") or ""):
        text = " ".join(text.split())
        if not text:
            continue
        if REJECT_WORDS.search(text):
            return "reject"
        if ACCEPT_WORDS.search(text):
            return "accept"
    return None


def rgba(value: str | None) -> tuple[float, float, float, float] | None:
    """A computed colour (``rgb(r, g, b)`` or ``rgba(r, g, b, a)``) as numbers."""
    match = re.match(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)", value or "")
    if not match:
        return None
    alpha = match[4]
    a = 1.0 if alpha is None else (float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha))
    return float(match[1]), float(match[2]), float(match[3]), a


def _same(first: str | None, second: str | None) -> bool:
    a, b = rgba(first), rgba(second)
    if a is None or b is None:
        return first == second
    return all(abs(x - y) < 8 for x, y in zip(a[:3], b[:3]))


def filled(control: dict) -> bool:
    """A visible background, unlike what surrounds the control."""
    colour = rgba(control.get("background"))
    return colour is not None and colour[3] > 0.1 and not _same(control.get("background"), control.get("around"))


def bordered(control: dict) -> bool:
    """A visible border: a side drawn in a colour unlike what surrounds the control."""
    for colour in control.get("border") or ():
        value = rgba(colour)
        if (value is None or value[3] > 0.1) and not _same(colour, control.get("around")):
            return True
    return False


def luminance(value: str | None) -> float | None:
    colour = rgba(value)
    if colour is None:
        return None
    channels = []
    for c in colour[:3]:
        c /= 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(control: dict) -> float | None:
    """The contrast ratio of the control's text on its own (or surrounding) background."""
    background = control.get("background") if filled(control) else control.get("around")
    fg, bg = luminance(control.get("color")), luminance(background)
    if fg is None or bg is None:
        return None
    light, dark = max(fg, bg), min(fg, bg)
    return round((light + 0.05) / (dark + 0.05), 2)


def prominence_problems(accept: dict, reject: dict) -> list[str]:
    """Why ``reject`` is clearly less prominent than ``accept`` (empty when it is not)."""
    problems = []
    accept_area = accept["width"] * accept["height"]
    reject_area = reject["width"] * reject["height"]
    if accept_area and reject_area < AREA_SHARE * accept_area:
        problems.append(f"reject is {reject_area / accept_area:.0%} of accept's size "
                        f"({reject['width']:.0f}×{reject['height']:.0f} px against "
                        f"{accept['width']:.0f}×{accept['height']:.0f} px)")
    if accept["fontSize"] and reject["fontSize"] < FONT_SHARE * accept["fontSize"]:
        problems.append(f"reject's text is {reject['fontSize']:g} px against accept's {accept['fontSize']:g} px")
    if filled(accept) and not filled(reject) and not bordered(reject):
        problems.append(f"accept is a filled button ({accept['background']}), reject plain text with no background "
                        "or border")
    return problems


@check(CHECK, "a11y", "warning",
       "a cookie banner's reject control is as prominent as accept (size, font, fill), measured in the browser")
def prominence_findings(banners: list[dict], path: str, locale: str | None, base: dict) -> list[Finding]:
    """One finding per banner whose reject control is clearly less prominent than accept."""
    findings = []
    for banner in banners or ():
        shown = [c for c in banner.get("controls", ()) if c.get("shown")]
        accept = next((c for c in shown if choice(c) == "accept"), None)
        reject = next((c for c in shown if choice(c) == "reject"), None)
        if accept is None or reject is None:
            continue  # the page checks report a banner without one of the two
        problems = prominence_problems(accept, reject)
        if not problems:
            continue
        findings.append(Finding(
            check=CHECK, severity="warning",
            message=f"cookie banner: reject ({reject['text'] or reject['label']!r}) is less prominent than accept "
                    f"({accept['text'] or accept['label']!r}): " + "; ".join(problems),
            path=path, locale=locale, target=reject["selector"],
            extra={**base, "banner": banner.get("selector"),
                   "accept": _summary(accept), "reject": _summary(reject)},
        ))
    return findings


def _summary(control: dict) -> dict:
    return {"target": control["selector"], "text": control["text"] or control["label"],
            "size": [round(control["width"]), round(control["height"])], "font_size": control["fontSize"],
            "font_weight": control["fontWeight"], "color": control["color"], "background": control["background"],
            "contrast": contrast(control)}
