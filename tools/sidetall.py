"""The numbers a content page states, with their positions.

A page's claims are its front matter values and its text. Left out, because
they are not claims about the world: the page's references (kilder, the
fields site.lua gives as refs, URLs, enums, flags, and the field that names a
status's source), link targets and URLs, inline code and code blocks, heading
ids, footnote marks, the numbers of ordered lists, the settings of a
component that point somewhere (side, bilde, data, kilde), locators into a
source ("s. 57", "side 17", "kap. 15.3", "fotnote 4", "boks 15.9"), and the
names of documents ("IS-2684", "Meld. St. 26 (2014–2015)", "Prop. 1 S
(2015–2016)", "NOU 2023: 4", and every `dokument:` name the pages cite).
"""
import re

import tall

# --- site.lua: which fields hold claims ------------------------------------

_FIELD = re.compile(r"\{\s*name\s*=\s*\"([^\"]+)\"([^{}]*)\}")


def skipped_fields(site_lua):
    """Names of fields whose values are not claims: refs, URLs, enums,
    flags, object lists (the citations themselves), and the field a status
    names its source in (according_to)."""
    skip = set(re.findall(r"according_to\s*=\s*\"([^\"]+)\"", site_lua))
    for name, attrs in _FIELD.findall(site_lua):
        typ = re.search(r"\btype\s*=\s*\"(\w+)\"", attrs)
        of = re.search(r"\bof\s*=\s*(\"?)(\w+)", attrs)
        kinds = {typ.group(1) if typ else ""}
        if of:
            kinds.add(of.group(2) if of.group(1) else "object")
        if kinds & {"ref", "url", "enum", "bool", "object"}:
            skip.add(name)
    return skip


# --- masking ----------------------------------------------------------------

_LOCATOR_WORDS = (r"s\.|side|sidene|sider|sida|sidan|kap\.|kapittel|kapitlet|kapitlene|kapitla|"
                  r"fotnote|fotnotene|fotnotane|note|boks|p\.|pp\.|page|pages|chapter|chapters|"
                  r"footnote|footnotes|box")
_NUM = r"\d+(?:\.\d+)*"
_LOCATOR = re.compile(r"(?<![\wæøåÆØÅ])(?:" + _LOCATOR_WORDS + r")\s*(" + _NUM +
                      r"(?:\s*(?:[–-]|,|og|and|&)\s*" + _NUM + r")*)", re.IGNORECASE)
_DOC_NAMES = re.compile(
    r"IS-\d+|Meld\.\s*St\.\s*\d+(?:\s*\(\d{4}\s*[–-]\s*\d{4}\))?|"
    r"St\.\s*meld\.\s*(?:nr\.\s*)?\d+(?:\s*\(\d{4}\s*[–-]\s*\d{4}\))?|"
    r"Prop\.\s*\d+\s*[LS](?:\s*\(\d{4}\s*[–-]\s*\d{4}\))?|NOU:?\s*\d{4}:\s*\d+|"
    r"Innst\.\s*\d+\s*[LS](?:\s*\(\d{4}\s*[–-]\s*\d{4}\))?")
_MASKS = [
    re.compile(r"<!--.*?-->"),
    re.compile(r"`[^`]*`"),
    re.compile(r"<?https?://[^\s)>\]]*>?"),
    re.compile(r"\]\([^)]*\)"),          # link targets
    re.compile(r"\[\^[^\]]*\]"),         # footnote marks
    re.compile(r"\{#[^}]*\}"),           # heading ids
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+"),  # link reference definitions
    re.compile(r"^\s*\d+[.)](?=\s)"),      # ordered list numbers
    re.compile(r"(?:\.\./|\./)?[\w./-]+\.(?:md|png|jpe?g|csv|pdf|svg)\b"),  # file paths
]


def mask(text, doc_names=()):
    """The text with everything that is not a claim blanked out (same
    length, so positions stay)."""
    chars = list(text)

    def blank(a, b):
        for k in range(a, b):
            chars[k] = " "
    for rx in _MASKS:
        for m in rx.finditer(text):
            blank(m.start(), m.end())
    for name in doc_names:
        start = text.find(name)
        while start >= 0:
            blank(start, start + len(name))
            start = text.find(name, start + 1)
    for m in _DOC_NAMES.finditer(text):
        blank(m.start(), m.end())
    for m in _LOCATOR.finditer(text):
        blank(m.start(1), m.end(1))
    return "".join(chars)


# --- a page -----------------------------------------------------------------

_KEY = re.compile(r"([^\s#:][^:]*):(?=\s|$)")
_COMPONENT = re.compile(r"\s*(`{3,}|~{3,})\s*\{([\w-]+)\}\s*$")
_FENCE = re.compile(r"\s*(`{3,}|~{3,})")
COMPONENT_POINTERS = {"side", "bilde", "data", "kilde", "type", "serier"}


def front_matter_end(lines):
    """Index of the closing '---' (0 when the page has no front matter)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return i
    return 0


def as_of_fields(site_lua):
    """{field that dates a status: field that names its source document}
    (site.lua's as_of and according_to on the same field)."""
    out = {}
    for _, attrs in _FIELD.findall(site_lua):
        a = re.search(r"\bas_of\s*=\s*\"([^\"]+)\"", attrs)
        b = re.search(r"\baccording_to\s*=\s*\"([^\"]+)\"", attrs)
        if a and b:
            out[a.group(1)] = b.group(1)
    return out


def numbers(lines, lang, skip_fields, doc_names):
    """(normal form, line, column, as written, field) of every claim number;
    line and column 1-based, column in characters; field is the front
    matter field it stands in, or None in the text."""
    out = []
    key = None

    def scan(i, text, start=0):
        masked = mask(text, doc_names)
        for n, a, _, written in tall.page_numbers(masked[start:], lang):
            out.append((n, i + 1, start + a + 1, written.strip(), key))

    end = front_matter_end(lines)
    for i in range(1, end):
        line = lines[i]
        m = _KEY.match(line)
        if m and not line[0].isspace() and not line.startswith("-"):
            key = m.group(1).strip()
            if key not in skip_fields:
                scan(i, line, m.end())
        elif key is not None and key not in skip_fields and not line.lstrip().startswith("#"):
            scan(i, line)
    key = None
    fence = None  # (marker, component name or None, in settings)
    for i in range(end + 1 if end else 0, len(lines)):
        line = lines[i]
        if fence:
            marker, comp, settings = fence
            if line.strip().startswith(marker) and line.strip().strip(marker[0]) == "":
                fence = None
                continue
            if comp is None:
                continue
            if settings:
                if not line.strip():
                    fence = (marker, comp, False)
                    continue
                k = _KEY.match(line)
                if k and k.group(1).strip() in COMPONENT_POINTERS:
                    continue
                scan(i, line, k.end() if k else 0)
                continue
            scan(i, line)
            continue
        c = _COMPONENT.match(line)
        if c:
            fence = (c.group(1), c.group(2), True)
            continue
        f = _FENCE.match(line)
        if f:
            fence = (f.group(1), None, False)
            continue
        scan(i, line)
    return out
