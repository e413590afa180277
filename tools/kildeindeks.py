"""The numbers in each source document, by printed page and chapter.

The source texts (../shared/seeds/, text extracted from the PDFs) are not in
the repository and may not be on the machine that runs the tests, and the
knowledge bank may not copy their sentences. So `tools/kildetall.py indeks`
reads them once and writes tests/site/kildetall/<document>.tsv: for every
number a reader can see in the document (in normal form, tools/tall.py),
the printed pages and chapters it stands on. Numbers only, no text.

Which seed file is which document is written out below (DOCUMENTS), never
guessed: the five FO inputs share three files, and the first of them holds
three letters, found by the first words of their titles.

Printed pages. The text has no page breaks; each document gives what it has:
- IS-2684: a page number on a line of its own at the top of a page, after
  two empty lines (many pages lost theirs), and the table of contents, whose
  headings are found again in the text. Each gives an anchor (line, page).
- Meld. St. 26 (2014–2015): a few running heads are left ("28 Meld. St. 26
  2014–2015", "2014–2015 Meld. St. 26 37"); chapters are numbered headings
  (" 7  Den kommunale ...").
- FO's inputs: no page numbers; document level only.
A line between two anchors lies on a page from the first anchor's page to
the next one's, so each number gets a range of possible pages: ranges never
claim more than the text shows, and a cited page is "not found" only when no
possible page is within one of it.
"""
import bisect
import os
import re

import tall

# name in kilder -> (seed file prefix, first words of the document, first
# words of the next document in the same file or None, slug, page anchors)
DOCUMENTS = [
    ("IS-2684", "004_", None, None, "is-2684", "toc"),
    ("Meld. St. 26 (2014–2015)", "003_", None, None, "meld-st-26-2014-2015", "heads"),
    ("FOs innspill til Nasjonal helse- og samhandlingsplan", "000_",
     "FOs innspill til Nasjonal helse- og", "Innspill til helsepersonellkommisjonen om",
     "fo-nasjonal-helse-og-samhandlingsplan", None),
    ("Innspill til helsepersonellkommisjonen om utdanning – barnevernspedagog, sosionom og vernepleier", "000_",
     "Innspill til helsepersonellkommisjonen om", "Innspill fra FO til Helsepersonellkommisjonen om",
     "fo-helsepersonellkommisjonen-utdanning", None),
    ("Innspill fra FO til Helsepersonellkommisjonen om oppgavedeling i helsetjenestene", "000_",
     "Innspill fra FO til Helsepersonellkommisjonen om", None,
     "fo-helsepersonellkommisjonen-oppgavedeling", None),
    ("Innspill etter møte med helse- og omsorgsministeren om opptrappingsplan for psykisk helse den 13. mai 2022",
     "001_", None, None, "fo-opptrappingsplan-psykisk-helse", None),
    ("Styrking av sosialfaglige stillinger og oppgavedeling i helse og omsorgstjenesten", "002_",
     None, None, "fo-oslo-sosialfaglige-stillinger", None),
]


def seed_file(seeds, prefix):
    names = sorted(n for n in os.listdir(seeds) if n.startswith(prefix) and n.endswith(".txt"))
    if len(names) != 1:
        raise SystemExit(f"{seeds}: fant {len(names)} filer som begynner med {prefix}, ventet én")
    return names[0]


def document_lines(seeds, prefix, first, next_first):
    """The document's lines (and the seed file's name): the whole file, or
    from the line that starts with `first` to the one that starts with
    `next_first`."""
    name = seed_file(seeds, prefix)
    with open(os.path.join(seeds, name), encoding="utf-8") as f:
        lines = f.read().split("\n")
    start, end = 0, len(lines)
    if first:
        start = next(i for i, l in enumerate(lines) if l.strip().startswith(first))
    if next_first:
        end = next(i for i, l in enumerate(lines) if i > start and l.strip().startswith(next_first))
    return name, lines[start:end], start


# --- page anchors -----------------------------------------------------------

_LONE = re.compile(r"\s*(\d{1,3})\s*")
_TOC_ENTRY = re.compile(r"(?:\d+(?:\.\d+)*(?:/\d+(?:\.\d+)*)?\.?\s|Strategi \d|[A-ZÆØÅ]{5})")
_TOC_PAGE = re.compile(r"(?:\.{3,}|\s)\s*(\d{1,3})\s*$")


def _squash(s):
    return re.sub(r"\s+", " ", s).strip()


def lone_page_numbers(lines):
    """Lines that are a page number alone at the top of a page: two empty
    lines before, a blank line after (table cells standing alone have
    spaces around them instead)."""
    out = []
    for i in range(2, len(lines) - 1):
        m = _LONE.fullmatch(lines[i])
        if m and lines[i - 1] == "" and lines[i - 2] == "" and lines[i + 1].strip() == "":
            out.append((i, int(m.group(1))))
    return out


def toc_anchors(lines):
    """IS-2684's table of contents, found again in the text: (line, page)
    for each heading. The contents end where the first page after them
    starts (the first heading, SAMMENDRAG, is found twice)."""
    try:
        top = next(i for i, l in enumerate(lines) if l.strip() == "Innhold")
    except StopIteration:
        return [], 0
    entries, i = [], top + 1
    while i < len(lines):
        line = lines[i]
        if entries and _squash(line).startswith(entries[0][0][:20]) and not _TOC_PAGE.search(line):
            break  # the contents' first heading again: the text has begun
        if _TOC_ENTRY.match(line.strip()):
            title = _squash(re.sub(r"\.{3,}.*$", "", line))
            page = None
            for j in (i, i + 1):  # a long heading wraps; its page ends the next line
                m = _TOC_PAGE.search(lines[j]) if j < len(lines) else None
                if m and (j == i or not _TOC_ENTRY.match(lines[j].strip())):
                    page = int(m.group(1))
                    break
            if page is not None and len(title) >= 8:
                entries.append((title[:30], page))
        i += 1
    anchors, at = [], i
    for title, page in entries:
        for j in range(at, len(lines)):
            if _squash(lines[j]).startswith(title):
                anchors.append((j, page))
                at = j + 1
                break
    return anchors, i


_HEAD_EVEN = re.compile(r"(\d{1,3}) Meld\. St\. \d+ \d{4}–\d{4}\s*")
_HEAD_ODD = re.compile(r"\d{4}–\d{4} Meld\. St\. \d+ (\d{1,3})\s*")


def running_heads(lines):
    out = []
    for i, l in enumerate(lines):
        m = _HEAD_EVEN.fullmatch(l) or _HEAD_ODD.fullmatch(l)
        if m:
            out.append((i, int(m.group(1))))
    return out


_CHAPTER = re.compile(r" ?(\d{1,2})  \S")


def chapter_anchors(lines):
    """Numbered chapter headings (" 7  Den kommunale ..."), each one more
    than the one before (a heading the extraction lost leaves a gap)."""
    out, last = [], 0
    for i, l in enumerate(lines):
        m = _CHAPTER.match(l)
        if m and last < int(m.group(1)) <= last + 3:
            last = int(m.group(1))
            out.append((i, last))
    return out


def consistent(anchors):
    """The anchors in line order whose pages never go down: the longest such
    chain (a stray number cannot break it)."""
    anchors = sorted(anchors)
    best = []  # best[k]: the chain of length k+1 ending lowest (patience)
    chains = []
    for a in anchors:
        k = bisect.bisect_right(best, a[1])
        prev = chains[k - 1] if k else []
        if k == len(best):
            best.append(a[1])
            chains.append(prev + [a])
        else:
            best[k] = a[1]
            chains[k] = prev + [a]
    return chains[-1] if chains else []


class Ranges:
    """For every line, the pages (or chapters) it may lie on: (lo, hi),
    None where the text says nothing."""

    def __init__(self, n_lines, starts=(), headings=()):
        # starts: (line, n) where page n begins (a page number, a running head);
        # headings: (line, n) of a heading printed on page n
        self.n = n_lines
        self.marks = sorted([(l, p, "start") for l, p in starts] + [(l, p, "head") for l, p in headings])

    def at(self, line):
        lo = hi = None
        for l, p, kind in self.marks:
            if l <= line:
                lo = p
            else:
                hi = p - 1 if kind == "start" else p
                break
        if lo is not None and hi is not None and hi < lo:
            hi = lo
        return lo, hi


def page_ranges(lines, how):
    if how == "toc":
        anchors, toc_end = toc_anchors(lines)
        lone = [a for a in lone_page_numbers(lines)]
        kinds = {a: "head" for a in anchors}
        kinds.update({a: "start" for a in lone})
        chain = consistent(list(kinds))
        return Ranges(len(lines), [a for a in chain if kinds[a] == "start"],
                      [a for a in chain if kinds[a] == "head"]), toc_end
    if how == "heads":
        return Ranges(len(lines), consistent(running_heads(lines)) or [(0, 1)]), 0
    return None, 0


# --- numbers ----------------------------------------------------------------

_TOC_TAIL = re.compile(r"\.{3,}\s*\d*\s*$")


def line_numbers(lines, skip):
    """(normal form, line) of every number in the text; `skip` holds lines
    that carry no claims (page numbers, running heads). A number the PDF
    broke over two lines, with or without empty lines between ("1 \\n836",
    "mot 2 \\n\\n064 året før", "10 83\\n7"), is also read whole."""
    out = []
    for i, l in enumerate(lines):
        if i in skip:
            continue
        l = _TOC_TAIL.sub("", l)
        out += [(n, i) for n, _ in tall.source_numbers(l)]
        if not re.search(r"\d\s*$", l):
            continue
        j = i + 1
        while j < len(lines) and j <= i + 3 and not lines[j].strip():
            j += 1
        if j < len(lines) and j not in skip and re.match(r"\s*\d", lines[j]):
            for glued in (l.rstrip() + lines[j].lstrip(), l.rstrip() + " " + lines[j].lstrip()):
                out += [(n, i) for n, _ in tall.source_numbers(glued)]
    return out


def merge(ranges):
    """[(lo, hi)] merged and sorted; None bounds (unknown) kept as given."""
    known = sorted({r for r in ranges if None not in r})
    out = []
    for lo, hi in known:
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    unknown = sorted({r for r in ranges if None in r}, key=lambda r: (r[0] or 0, r[1] or 0))
    return out + unknown


def fmt_ranges(ranges):
    def one(lo, hi):
        if lo is None and hi is None:
            return "?"
        a = "" if lo is None else str(lo)
        b = "" if hi is None else str(hi)
        return a if a == b else f"{a}-{b}"
    return ",".join(one(lo, hi) for lo, hi in merge(ranges)) or "-"


def build(seeds, spec):
    """The index text of one document."""
    name, prefix, first, next_first, slug, how = spec
    fname, lines, offset = document_lines(seeds, prefix, first, next_first)
    pages, toc_end = page_ranges(lines, how)
    skip = set()
    if how == "toc":
        skip = {l for l, _ in lone_page_numbers(lines)}
    elif how == "heads":
        skip = {l for l, _ in running_heads(lines)}
    chapters = Ranges(len(lines), headings=chapter_anchors(lines)) if how == "heads" else None
    where = {}
    for n, i in line_numbers(lines, skip):
        p = pages.at(i) if pages else (None, None)
        c = chapters.at(i) if chapters else (None, None)
        if how == "toc" and i < toc_end:
            p = (None, None)  # the contents name pages of other sections
        w = where.setdefault(n, (set(), set()))
        if pages:
            w[0].add(p)
        if chapters:
            w[1].add(c)
    head = [
        f"# {name}",
        f"# tallene i {fname}, linje {offset + 1}–{offset + len(lines)}; laget av tools/kildetall.py indeks",
        "# tall\tsider\tkapitler: de trykte sidene og kapitlene tallet kan stå på (?: ukjent; 12-: side 12 eller senere; -: dokumentet har ingen)",
    ]
    rows = [f"{n}\t{fmt_ranges(p)}\t{fmt_ranges(c)}" for n, (p, c) in sorted(where.items(), key=_sortkey)]
    return slug, "\n".join(head + rows) + "\n"


def _sortkey(item):
    n = item[0]
    parts = n.split(".")
    return (len(parts[0]), parts[0], n)


# --- reading the committed index -------------------------------------------

def parse_ranges(s):
    out = []
    if s in ("", "-"):
        return out
    for part in s.split(","):
        if part == "?":
            out.append((None, None))
            continue
        a, _, b = part.partition("-")
        lo = int(a) if a else None
        hi = (int(b) if b else None) if "-" in part else lo
        out.append((lo, hi))
    return out


def load(folder):
    """{document name: {number: (page ranges, chapter ranges)}}"""
    index = {}
    for spec in DOCUMENTS:
        path = os.path.join(folder, spec[4] + ".tsv")
        if not os.path.exists(path):
            continue
        nums = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                n, p, c = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                nums[n] = (parse_ranges(p), parse_ranges(c))
        index[spec[0]] = nums
    return index
