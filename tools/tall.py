"""Numbers as a reader sees them, in Norwegian and English text.

One normal form for both sides of the fact test (tools/kildetall.py): the
pages and the source documents. A number's normal form is its digits without
thousands separators or leading zeros, then any decimal or measure part with a
dot: "1 200", "1 200" (no-break space) and "1200" are "1200"; "12,5" and the
English "12.5" are "12.5"; the measure number "2.1" is "2.1" (so it also
matches a decimal 2,1: both sides are read the same way, and a number on a
page is looked up, never interpreted). Ranges are two numbers
("2016–2020"), percentages the number without the sign.

page_numbers() reads a page the way its reader does and gives each number's
position; source_numbers() reads a PDF's text generously: where digit groups
stand side by side ("128 902 131 180", a table row), every grouping a reader
could mean is a candidate, so a number on a page is found whichever way the
PDF's columns ran together.
"""
import re

# thin, no-break and narrow no-break spaces also separate thousands
SEP = " \u00a0\u202f\u2009"
_GROUPED = r"\d{1,3}(?:[" + SEP + r"]\d{3})+(?!\d)"
_NB = re.compile(r"(" + _GROUPED + r"|\d+)((?:,\d+)?)((?:\.\d+)*)")
_EN = re.compile(r"(\d{1,3}(?:,\d{3})+(?!\d)|" + _GROUPED + r"|\d+)((?:\.\d+)*)")
# an ISO date (2022-05-13): its year and day are facts; the month is a word
# in the sources ("13. mai 2022"), so it is not looked up
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def normal(integer, fraction=""):
    """The normal form of a number: integer digits (separators dropped,
    leading zeros dropped) and its fraction or measure parts ("5", "12.5")."""
    digits = re.sub(r"[^0-9]", "", integer).lstrip("0") or "0"
    frac = fraction.replace(",", ".")
    return digits + frac


def _attached(text, start):
    """A number glued to a word is part of a name (K2020, COVID-19, H2)."""
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalpha() or before in "_/#@":
        return True
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        return True
    if before in ".,":  # the tail of a number we did not start at
        return start >= 2 and text[start - 2].isdigit()
    return before.isdigit()


def page_numbers(text, lang="nb"):
    """Numbers in a page's text as (normal form, start, end, as written).
    lang "en" reads 1,200 as a thousand two hundred and 12.5 as a decimal;
    otherwise a comma is the decimal sign and spaces separate thousands."""
    out = []
    taken = []
    for m in _ISO_DATE.finditer(text):
        if _attached(text, m.start()):
            continue
        out.append((normal(m.group(1)), m.start(1), m.end(1), m.group(1)))
        out.append((normal(m.group(3)), m.start(3), m.end(3), m.group(3)))
        taken.append((m.start(), m.end()))
    rx = _EN if lang == "en" else _NB
    for m in rx.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or _attached(text, m.start()):
            continue
        if lang == "en":
            integer, frac = m.group(1).replace(",", ""), m.group(2)
        else:
            integer, frac = m.group(1), m.group(2) + m.group(3)
        written = m.group(0)
        out.append((normal(integer, frac), m.start(), m.end(), written))
    out.sort(key=lambda t: t[1])
    return out


_TOKEN = re.compile(r"(?<!\d)(\d+)((?:,\d+)?(?:\.\d+)*)")


def source_numbers(text):
    """Every number a reader could see in a source's text, as (normal form,
    offset). Digit groups side by side ("128 902 131 180", a table row)
    yield each grouping thousands separators allow; a decimal or measure
    number is seen whole ("2,1" is not a 2). The sources are Norwegian:
    "1,200" is a decimal."""
    toks = []  # (start, end, integer, tail, attached)
    for m in _TOKEN.finditer(text):
        toks.append((m.start(), m.end(), m.group(1), m.group(2), _attached(text, m.start())))
    out = []
    for k, (start, end, integer, tail, attached) in enumerate(toks):
        if attached:
            continue
        date = re.fullmatch(r"\.(\d{1,2})\.(\d{4})", tail)
        if date:  # 1.3.2017: a date; a page writes "1. mars 2017"
            out.append((normal(integer), start))
            out.append((normal(date.group(2)), start))
        out.append((normal(integer, tail), start))
        if tail or len(integer) > 3:
            continue
        joined, prev_end = integer, end
        for s2, e2, i2, t2, _ in toks[k + 1:]:
            if s2 != prev_end + 1 or text[prev_end] not in SEP or len(i2) != 3:
                break
            joined += i2
            out.append((normal(joined, t2), start))
            if t2:
                break
            prev_end = e2
    return out
