#!/usr/bin/env python3
"""No page copies a run of words from the sources.

    python3 tools/kildeord.py sjekk [FILE...]   check content/ (or the files)
    python3 tools/kildeord.py indeks            rewrite tests/site/kildeord/
    python3 tools/kildeord.py indeks --sjekk    is the index up to date?
    python3 tools/kildeord.py mål [N...]        runs of N words the pages share
                                                with the source texts (needs them)

The knowledge bank may use the sources' facts and figures, not their
sentences. `sjekk` reads each page under content/ (its title, its summary and
its text; every language) and reports every run of N or more words in a row
that also stands in a source document:

    content/x.md:L:C: error: ...   at the first word of the run

Words are read the same way on both sides (tools/ordrekker.py): lowercase,
letters and digits, numbers as words, punctuation ignored. A name is one word
however long it is, so an official name may stand as the source writes it:
the names of the page's own front matter (its title, ansvarlig, the titles of
its kilder, ...), the titles of all pages, and the list of official names in
tools/offisielle-navn.txt (one name a line: laws, reports, programmes,
institutions; never a sentence). A quotation in «» (or “” and "" on English pages),
closed within its paragraph, on a page that cites its sources is the source's words on purpose and is not
counted.

The source texts (../shared/seeds, or $KILDETEKSTER) are not in the
repository. `indeks` writes tests/site/kildeord/<document>.bin: the hashes of
every run of N words of the document (tools/ordrekker.py; no text), which is
all `sjekk` needs.
"""
import bisect
import os
import re
import sys
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kildeindeks  # noqa: E402
import ordrekker  # noqa: E402
import sidetall  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INDEX = os.path.join(ROOT, "tests", "site", "kildeord")
NAMES = os.path.join(ROOT, "tools", "offisielle-navn.txt")
SEEDS = os.environ.get("KILDETEKSTER") or os.path.join(os.path.dirname(ROOT), "shared", "seeds")
N = 8  # words in a row; why 8: docs/faktasjekk/README.md, «Egne ord»
PROSE_FIELDS = ("tittel", "sammendrag")
HOW_TO_FIX = ("skriv setningen med egne ord (fakta og tall kan stå, men ikke kildens ordlyd); "
              "er ordene et offisielt navn, før det opp i tools/offisielle-navn.txt")

# blanked out of a page before reading its words (same length, so positions stay)
_MASKS = [
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"`[^`\n]*`"),
    re.compile(r"<?https?://[^\s)>\]]*>?"),
    re.compile(r"\]\([^)\n]*\)"),            # link targets
    re.compile(r"\[\^[^\]\n]*\]"),           # footnote marks
    re.compile(r"\{#[^}\n]*\}"),             # heading ids
    re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+", re.M),  # link reference definitions
]
_PARAGRAPH_END = r"(?!\n[ \t]*\n)"
_QUOTATION = re.compile("|".join(f"{a}(?:{_PARAGRAPH_END}[^{a}{b}])*{b}" for a, b in ("«»", "“”", '""')))
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there
_BLOCK_START = re.compile(r"\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|```|~~~)")


# --- the sources ------------------------------------------------------------

def document_words(seeds, spec):
    _, prefix, first, next_first, _, _ = spec
    _, lines, _ = kildeindeks.document_lines(seeds, prefix, first, next_first)
    return ordrekker.source_words("\n".join(lines))


def build_index(seeds, n=N):
    """{file name: bytes} for every document."""
    out = {}
    for spec in kildeindeks.DOCUMENTS:
        ws = document_words(seeds, spec)
        fname = kildeindeks.seed_file(seeds, spec[1])
        out[spec[4] + ".bin"] = ordrekker.encode(ordrekker.shingles(ws, n), n, f"kilde={fname}")
    return out


def load_index(folder=INDEX):
    """[(document name, n, set of hashes)]"""
    out = []
    for spec in kildeindeks.DOCUMENTS:
        path = os.path.join(folder, spec[4] + ".bin")
        if os.path.exists(path):
            with open(path, "rb") as f:
                n, hashes = ordrekker.decode(f.read())
            out.append((spec[0], n, hashes))
    return out


# --- a page's words ---------------------------------------------------------

class Stream:
    """The words of one part of a page (its text, or one front matter
    value), each with its line and column, and which words a name or a
    quotation covers."""

    def __init__(self, text, line0, col0, quotes_ok):
        for rx in _MASKS:
            text = rx.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        self.text = text
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.words, self.pos = [], []
        for w, off in ordrekker.words(text):
            ln = _bisect(starts, off)
            col = off - starts[ln] + 1 + (col0 - 1 if ln == 0 else 0)
            self.words.append(w)
            self.pos.append((line0 + ln, col, off))
        self.quoted = self._quoted() if quotes_ok else [False] * len(self.words)
        self.block = self._blocks(starts)

    def in_parentheses(self, k):
        """Word k stands alone in parentheses: «(APN)»."""
        off, w = self.pos[k][2], self.words[k]
        return self.text[off - 1:off] == "(" and self.text[off + len(w):off + len(w) + 1] == ")"

    def _blocks(self, starts):
        """For every word, the block it stands in: a run of copied words lies
        within one paragraph, heading, list item or table cell."""
        marks = []  # offsets where a new block begins
        for ln, s in enumerate(starts):
            end = starts[ln + 1] - 1 if ln + 1 < len(starts) else len(self.text)
            line = self.text[s:end]
            if not line.strip() or _BLOCK_START.match(line):
                marks.append(s)
            if line.lstrip().startswith("|"):
                marks += [s + i for i, c in enumerate(line) if c == "|"]
        out, k, b = [], 0, 0
        for _, _, off in self.pos:
            while k < len(marks) and marks[k] <= off:
                b += 1
                k += 1
            out.append(b)
        return out

    def _quoted(self):
        """For every word, whether it stands in a quotation: «…», “…” or
        "…", opened and closed within one paragraph (an unclosed mark
        quotes nothing)."""
        inside = [False] * len(self.words)
        offs = [p[2] for p in self.pos]
        for m in _QUOTATION.finditer(self.text):
            lo = bisect.bisect_left(offs, m.start())
            hi = bisect.bisect_left(offs, m.end())
            for k in range(lo, hi):
                inside[k] = True
        return inside


def _bisect(starts, off):
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= off:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for x in node.value:
            yield from _scalars(x)
    elif isinstance(node, yaml.MappingNode):
        for _, v in node.value:
            yield from _scalars(v)


def page_parts(lines, meta):
    """(streams to check, names of the page's front matter). The checked
    parts are the prose fields and the text; the other front matter values
    (kilder's titles, ansvarlig, målgrupper, ...) are names."""
    end = sidetall.front_matter_end(lines)
    streams, names, cites = [], [], False
    fields = {}
    if isinstance(meta, yaml.MappingNode):
        fields = {k.value: v for k, v in meta.value if isinstance(k, yaml.ScalarNode)}
        k = fields.get("kilder")
        cites = isinstance(k, yaml.SequenceNode) and len(k.value) > 0
    for key, node in fields.items():
        if key in PROSE_FIELDS and isinstance(node, yaml.ScalarNode):
            a, b = node.start_mark, node.end_mark
            raw = "\n".join(lines[1:end])
            streams.append(Stream(raw[a.index:b.index], a.line + 2, a.column + 1, cites))
            if key == "tittel":
                names.append(node.value)
        elif key not in PROSE_FIELDS:
            names += [s.value for s in _scalars(node) if isinstance(s.value, str)]
    body = "\n".join(lines[end + 1:] if end else lines)
    streams.append(Stream(body, end + 2 if end else 1, 1, cites))
    return streams, names


class Names:
    """Official names as word sequences; marks where they stand in a stream."""

    def __init__(self, names):
        self.first = {}
        for name in names:
            ws = tuple(w for w, _ in ordrekker.words(name))
            if len(ws) >= 2:
                self.first.setdefault(ws[0], set()).add(ws)
        self.longest = {k: sorted(v, key=len, reverse=True) for k, v in self.first.items()}

    def units(self, words, extra=(), abbrev=None):
        """For every word, the unit it counts as: its own index, or the
        index of the first word of the name it stands in. abbrev(k): word k
        stands in parentheses; a name's abbreviation after it, «Advanced
        Practice Nurse (APN)», is part of the name."""
        local = Names(extra) if extra else None
        unit = list(range(len(words)))
        i = 0
        while i < len(words):
            best = 0
            for table in (self.longest, local.longest if local else {}):
                for ws in table.get(words[i], ()):
                    if len(ws) > best and tuple(words[i:i + len(ws)]) == ws:
                        best = len(ws)
                        break
            if best and abbrev and i + best < len(words) and abbrev(i + best):
                best += 1
            for j in range(i, i + best):
                unit[j] = i
            i += max(best, 1)
        return unit


def read_names(path=NAMES):
    out = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            out = [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]
    return out


# --- finding runs -----------------------------------------------------------

def shared_runs(words, n, hashes, block=None, mine=None):
    """[(start, end)] maximal stretches of words whose every n-word window is
    in `hashes` (a run of n or more words the document also has), each
    within one block. mine: the words' own shingle hashes, when known."""
    runs = []
    mine = mine if mine is not None else ordrekker.shingles(words, n)
    hit = [(block is None or block[i] == block[i + n - 1]) and h in hashes for i, h in enumerate(mine)]
    i = 0
    while i < len(hit):
        if not hit[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(hit) and hit[j + 1]:
            j += 1
        runs.append((i, j + n))
        i = j + 1
    return runs


def weight(stream, units, a, b):
    """How many words a run counts as: a name is one word; a quotation and a
    number none (the figures are what a page may take from a source)."""
    return len({units[k] for k in range(a, b) if not stream.quoted[k] and not stream.words[k].isdigit()})


def page_findings(streams, names, local_names, index):
    """[(stream, start, end, document)] of the runs that count n or more words."""
    out = []
    for s in streams:
        units = names.units(s.words, local_names, s.in_parentheses)
        mine = {}  # n: the stream's shingle hashes, made once for all documents
        for doc, n, hashes in index:
            if n not in mine:
                mine[n] = ordrekker.shingles(s.words, n)
            for a, b in shared_runs(s.words, n, hashes, s.block, mine[n]):
                if weight(s, units, a, b) >= n:
                    out.append((s, a, b, doc))
    return out


def content_files(root):
    out = []
    for d, dirs, files in os.walk(os.path.join(root, "content")):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        out += [os.path.relpath(os.path.join(d, f), root) for f in sorted(files)
                if f.lower().endswith((".md", ".markdown")) and not f.startswith(".")]
    return sorted(out)


def read_page(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        lines = f.read().split("\n")
    end = sidetall.front_matter_end(lines)
    meta = None
    if end:
        try:
            meta = yaml.compose("\n".join(lines[1:end]), Loader=_LOADER)
        except yaml.YAMLError:
            meta = None  # varde check explains it; the text is still checked
    return lines, meta


def all_titles(root, files, pages):
    out = []
    for rel in files:
        _, meta = pages.setdefault(rel, read_page(root, rel))
        if isinstance(meta, yaml.MappingNode):
            for k, v in meta.value:
                if isinstance(k, yaml.ScalarNode) and k.value == "tittel" and isinstance(v, yaml.ScalarNode):
                    out.append(v.value)
    return out


def official_names(root, files, pages):
    """The names list, the source documents' names and every page's title
    (pages: {path: read_page()}, filled as the pages are read)."""
    return read_names() + [d[0] for d in kildeindeks.DOCUMENTS] + all_titles(root, files, pages)


def run_check(root, files, index):
    every = content_files(root)
    read = {}
    names = Names(official_names(root, every, read))
    report, pages, words = [], 0, 0
    for rel in files:
        if not os.path.exists(os.path.join(root, rel)):
            report.append(f"{rel}:1:1: error: finnes ikke")
            continue
        lines, meta = read.get(rel) or read_page(root, rel)
        streams, local = page_parts(lines, meta)
        pages += 1
        words += sum(len(s.words) for s in streams)
        for s, a, b, doc in page_findings(streams, names, local, index):
            line, col, _ = s.pos[a]
            run = " ".join(s.words[a:b])
            report.append(f"{rel}:{line}:{col}: error: {b - a} ord på rad er skrevet av fra {doc}: "
                          f"«{run}»; {HOW_TO_FIX}")
    return report, pages, words


def main_check(args):
    t0 = time.process_time()
    index = load_index()
    if not index:
        print(f"kildeord: fant ingen indeks i {os.path.relpath(INDEX, ROOT)}; kjør python3 tools/kildeord.py indeks",
              file=sys.stderr)
        return 2
    made_for = {n for _, n, _ in index}
    if made_for != {N}:
        print(f"kildeord: indeksen i {os.path.relpath(INDEX, ROOT)} er laget for rekker på "
              f"{', '.join(map(str, sorted(made_for)))} ord, sjekken bruker {N}; kjør python3 tools/kildeord.py indeks",
              file=sys.stderr)
        return 2
    files = args or content_files(ROOT)
    report, pages, words = run_check(ROOT, files, index)
    for line in report:
        print(line)
    n = index[0][1]
    print(f"kildeord: {pages} sider, {words} ord, {len(report)} rekker på {n} ord eller flere fra kildene "
          f"({time.process_time() - t0:.2f} s)")
    return 1 if report else 0


def main_index(args):
    if not os.path.isdir(SEEDS):
        print(f"kildeord: fant ikke kildetekstene i {SEEDS}", file=sys.stderr)
        return 2
    built = build_index(SEEDS)
    if "--sjekk" in args:
        stale = []
        for name, data in built.items():
            path = os.path.join(INDEX, name)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                stale.append(name)
        if stale:
            print("kildeord: indeksen er ikke i takt med kildetekstene; kjør python3 tools/kildeord.py indeks: "
                  + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    os.makedirs(INDEX, exist_ok=True)
    for name, data in built.items():
        with open(os.path.join(INDEX, name), "wb") as f:
            f.write(data)
        print(f"skrev {os.path.relpath(os.path.join(INDEX, name), ROOT)} ({len(data)} byte)")
    return 0


def main_measure(args):
    """Runs of each N the pages share with the source texts, before and
    after the name and quotation rule (needs the source texts)."""
    ns = [int(a) for a in args] or [6, 7, 8, 10]
    every = content_files(ROOT)
    read = {}
    names = Names(official_names(ROOT, every, read))
    docs = [(spec[0], document_words(SEEDS, spec)) for spec in kildeindeks.DOCUMENTS]
    pages = [(rel,) + page_parts(*read[rel]) for rel in every]
    for n in ns:
        index = [(d, n, set(ordrekker.shingles(ws, n))) for d, ws in docs]
        raw = kept = 0
        flagged = set()
        for rel, streams, local in pages:
            for s in streams:
                units = names.units(s.words, local, s.in_parentheses)
                mine = ordrekker.shingles(s.words, n)
                for d, _, hashes in index:
                    for a, b in shared_runs(s.words, n, hashes, s.block, mine):
                        raw += 1
                        if weight(s, units, a, b) >= n:
                            kept += 1
                            flagged.add(rel)
                            if "-v" in sys.argv:
                                print(f"  {n} {rel}:{s.pos[a][0]} [{d[:12]}] {' '.join(s.words[a:b])}")
        print(f"N={n}: {raw} rekker delt med kildene, {kept} etter navn og sitater, på {len(flagged)} sider")
    return 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    args = [a for a in argv[2:] if a != "-v"]
    if cmd == "sjekk":
        return main_check(args)
    if cmd == "indeks":
        return main_index(args)
    if cmd == "mål":
        return main_measure(args)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
