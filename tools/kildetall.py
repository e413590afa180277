#!/usr/bin/env python3
"""Every number on a page occurs in a source the page cites.

    python3 tools/kildetall.py sjekk [FILE...]   check content/ (or the files)
    python3 tools/kildetall.py indeks            rewrite tests/site/kildetall/
    python3 tools/kildetall.py indeks --sjekk    is the index up to date?

The source texts are read from ../shared/seeds beside the project, or from
the folder $KILDETEKSTER names.

`sjekk` reads every page under content/ (tools/sidetall.py says what counts
as a number there), looks each number up in the committed index of the
documents the page's kilder cite (tools/kildeindeks.py), and prints

    content/x.md:L:C: error: ...     the number is in none of the cited documents
    content/x.md:L:C: warning: ...   it is in the document, but not on the cited
                                     page (±1) or chapter

An error fails the check (exit 1); a warning does not, because the index
knows most printed pages only as a range. A translation (x.en.md) is checked
against its original's kilder.

A number that is not written in the documents the test can read (a fact from
another source, a number the knowledge bank has counted or summed itself) is
listed in `tall:` on the kilder entry it comes from:

    kilder:
      - tittel: Kunnskapsbanken, listen over tiltak
        url: /tiltak/
        tall: ["92"]

A number in `tall:` is taken as given, even where the same number stands
elsewhere in the document (a sum equal to a figure on another page). The
lists are checked too: each number must occur on the page (an error), and
one the check would find where the entry points (its document, and its
page ±1 when known) is not needed (a warning).
The indexes are made from ../shared/seeds/ by `indeks` (numbers only).
"""
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kildeindeks  # noqa: E402
import sidetall  # noqa: E402
import tall  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INDEX = os.path.join(ROOT, "tests", "site", "kildetall")
# the source texts: ../shared/seeds beside the project, or $KILDETEKSTER
SEEDS = os.environ.get("KILDETEKSTER") or os.path.join(os.path.dirname(ROOT), "shared", "seeds")


def content_files(root):
    out = []
    for d, dirs, files in os.walk(os.path.join(root, "content")):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for f in sorted(files):
            if f.lower().endswith((".md", ".markdown")) and not f.startswith("."):
                out.append(os.path.relpath(os.path.join(d, f), root))
    return sorted(out)


def read_page(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    end = sidetall.front_matter_end(lines)
    meta = {}
    if end:
        try:
            meta = yaml.compose("\n".join(lines[1:end])) or {}
        except yaml.YAMLError as e:
            # varde check explains it; without kilder no number can be looked up
            mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
            return lines, BadHead(mark.line + 2 if mark else 1, mark.column + 1 if mark else 1)
    return lines, meta


class BadHead:
    """A front matter YAML cannot read, and where."""

    def __init__(self, line, col):
        self.line, self.col = line, col


def _mapping(node):
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


class Citation:
    """One kilder entry: its document, its locator, its tall list."""

    def __init__(self, node, line_offset):
        m = _mapping(node)
        self.document = m["dokument"].value if isinstance(m.get("dokument"), yaml.ScalarNode) else None
        self.side = m["side"].value if isinstance(m.get("side"), yaml.ScalarNode) else None
        self.title = m["tittel"].value if isinstance(m.get("tittel"), yaml.ScalarNode) else None
        self.tall = []  # (normal form, as written, line, col)
        t = m.get("tall")
        items = t.value if isinstance(t, yaml.SequenceNode) else ([t] if isinstance(t, yaml.ScalarNode) else [])
        for it in items:
            if isinstance(it, yaml.ScalarNode):
                found = tall.page_numbers(it.value)
                n = found[0][0] if len(found) == 1 and found[0][3].strip() == it.value.strip() else None
                self.tall.append((n, it.value, it.start_mark.line + 1 + line_offset, it.start_mark.column + 1))


def citations(meta):
    if isinstance(meta, BadHead):
        return []
    k = _mapping(meta).get("kilder")
    if not isinstance(k, yaml.SequenceNode):
        return []
    return [Citation(n, 1) for n in k.value]


_RANGE = re.compile(r"(\d+)(?:\s*[–-]\s*(\d+))?")


def locator(side):
    """('side', {pages}) for "17", "6–7", "1–10", "s. 52 og 53";
    ('kap', {chapters}) for "kap. 15.3 og boks 15.9"; None otherwise
    (a footnote, a paragraph: the index cannot place it)."""
    if not side:
        return None
    s = side.strip()
    kind = "kap" if re.match(r"(kap|kapittel|boks)\b", s, re.I) else "side"
    if kind == "side" and not re.match(r"(s\.|sidene|side)?\s*\d", s, re.I):
        return None
    found = set()
    for m in re.finditer(r"(?:kap\.?|kapittel|boks)?\s*(\d+)(?:\.\d+)*(?:\s*[–-]\s*(\d+))?", s, re.I):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) and kind == "side" else lo
        if hi - lo > 200:
            continue
        found.update(range(lo, hi + 1))
    return (kind, found) if found else None


def near(ranges, wanted, slack):
    """Does any (lo, hi) range (None = open) come within slack of a wanted page?"""
    for lo, hi in ranges:
        for w in wanted:
            if (lo is None or lo <= w + slack) and (hi is None or hi >= w - slack):
                return True
    return False


def where(ranges, word):
    parts = []
    for lo, hi in ranges[:4]:
        if lo is None and hi is None:
            continue
        if lo == hi:
            parts.append(str(lo))
        else:
            parts.append(f"{'' if lo is None else lo}–{'' if hi is None else hi}")
    if not parts:
        return ""
    more = " m.fl." if len(ranges) > 4 else ""
    return f" (står på {word} {', '.join(parts)}{more})"


class Report:
    def __init__(self):
        self.errors = self.warnings = self.numbers = self.found = self.escaped = self.drafts = 0
        self.lines = []

    def error(self, rel, line, col, msg):
        self.errors += 1
        self.lines.append(f"{rel}:{line}:{col}: error: {msg}")

    def warning(self, rel, line, col, msg):
        self.warnings += 1
        self.lines.append(f"{rel}:{line}:{col}: warning: {msg}")


HOW_TO_FIX = ("skriv tallet slik kilden skriver det, før opp kilden der det står under kilder, "
              "eller før det opp under tall: på kilden det kommer fra (se docs/editors-guide.md, «Tall og kilder»)")


class Model:
    """What the checks need from site.lua and the pages as a whole."""

    def __init__(self, index, skip_fields, as_of, doc_names):
        self.index, self.skip_fields, self.as_of, self.doc_names = index, skip_fields, as_of, doc_names


def check_page(rel, lines, meta, cites, lang, model, rep, extra_pages=(), own=None):
    """Every number on the page against its citations; `extra_pages` are
    (lines, lang) of translations and originals, whose numbers share the
    same kilder; `own` the citations written in this file (their tall:
    lists are checked here, not on every translation).
    A status's date (as_of) is looked up in the document that gives the
    status (according_to), which the page need not cite for it."""
    index, skip_fields, doc_names = model.index, model.skip_fields, model.doc_names
    nums = sidetall.numbers(lines, lang, skip_fields, doc_names)
    docs = []
    for c in cites:
        if c.document and c.document not in docs:
            docs.append(c.document)
    readable = [d for d in docs if d in index]
    fields = _mapping(meta)
    escapes = {n for c in cites for n, _, _, _ in c.tall if n}
    for n, line, col, written, field in nums:
        rep.numbers += 1
        if field in model.as_of:
            src = fields.get(model.as_of[field])
            src = src.value if isinstance(src, yaml.ScalarNode) else None
            if (src in index and n in index[src]) or any(n in index[d] for d in readable):
                rep.found += 1
                continue
        if n in escapes:  # the page says where it comes from, even if the same number stands elsewhere
            rep.escaped += 1
            continue
        hits = [d for d in readable if n in index[d]]
        if hits:
            rep.found += 1
            if "." not in written:  # a measure or section number names a place, it is not counted
                _check_locator(rel, line, col, n, written, hits, cites, index, rep)
            continue
        elsewhere = [d for d in index if d not in readable and n in index[d]]
        cited = ", ".join(docs) if docs else "ingen dokumenter"
        msg = f"tallet «{written}» finnes ikke i kildene siden siterer ({cited})"
        if elsewhere:
            msg += f"; det står i {elsewhere[0]}, som siden ikke siterer"
        unreadable = [d for d in docs if d not in index]
        if unreadable:
            msg += f"; testen kan ikke lese {', '.join(unreadable)}, så tall derfra føres opp under tall:"
        rep.error(rel, line, col, msg + "; " + HOW_TO_FIX)
    on_page = {x[0] for x in nums}
    for other_lines, other_lang in extra_pages:
        on_page |= {x[0] for x in sidetall.numbers(other_lines, other_lang, skip_fields, doc_names)}
    for c in (cites if own is None else own):
        for n, written, line, col in c.tall:
            if n is None:
                rep.error(rel, line, col, f"«{written}» under tall: er ikke ett tall; skriv ett tall per linje, slik det står på siden")
            elif n not in on_page:
                rep.error(rel, line, col, f"tallet «{written}» under tall: står ikke på siden; fjern det fra listen")
            elif c.document in index and n in index[c.document] and _placed(c, n, index):
                # a warning: a better reading of the sources may find a number later
                rep.warning(rel, line, col, f"tallet «{written}» står i {c.document}, så det trengs ikke under tall:; fjern det fra listen")


def _placed(c, n, index):
    """Would the check find n where citation c points, without tall:? (In
    the document, and on the cited page ±1 or chapter when both are known.)"""
    loc = locator(c.side)
    if loc is None:
        return True
    pages, chapters = index[c.document][n]
    ranges = pages if loc[0] == "side" else chapters
    if not ranges or all(lo is None and hi is None for lo, hi in ranges):
        return True
    return near(ranges, loc[1], 1 if loc[0] == "side" else 0)


def _check_locator(rel, line, col, n, written, hits, cites, index, rep):
    """The number is in a cited document: is it on a page (±1) or in a
    chapter the page cites it for? Only where the citation and the index
    both know where."""
    wanted = []
    for c in cites:
        if c.document not in hits:
            continue
        loc = locator(c.side)
        if loc is None:
            return  # a citation the index cannot place: nothing to compare
        pages, chapters = index[c.document][n]
        ranges = pages if loc[0] == "side" else chapters
        if not ranges or all(lo is None and hi is None for lo, hi in ranges):
            return
        slack = 1 if loc[0] == "side" else 0
        if near(ranges, loc[1], slack):
            return
        wanted.append((c.document, loc, ranges))
    if not wanted:
        return
    doc, (kind, nums), ranges = wanted[0]
    word = "side" if kind == "side" else "kapittel"
    cited = ", ".join(str(x) for x in sorted(nums)[:6])
    rep.warning(rel, line, col, f"tallet «{written}» finnes i {doc}, men ikke på {word} {cited} som siden oppgir"
                f"{where(ranges, 'side' if kind == 'side' else 'kapittel')}; sjekk sidetallet i kilder")


def page_language(rel, meta):
    if re.search(r"\.en\.(md|markdown)$", rel, re.I):
        return "en"
    return "nb"  # nynorsk writes numbers as bokmål does


def original_of(rel):
    m = re.match(r"(.*)\.en\.(md|markdown)$", rel, re.I)
    return f"{m.group(1)}.{m.group(2)}" if m else None


def run_check(root, files, index_dir=INDEX):
    index = kildeindeks.load(index_dir)
    with open(os.path.join(root, "site.lua"), encoding="utf-8") as f:
        site_lua = f.read()
    skip_fields = sidetall.skipped_fields(site_lua)
    as_of = sidetall.as_of_fields(site_lua)
    pages = {}
    for rel in content_files(root):
        pages[rel] = read_page(root, rel)
    doc_names = set(re.findall(r"\[\"([^\"]+)\"\]\s*=\s*\{", site_lua)) | {s[0] for s in kildeindeks.DOCUMENTS}
    roles = re.search(r"roles\s*=\s*\{([^}]*)\}", site_lua)
    draft = re.search(r"draft\s*=\s*\"([^\"]+)\"", roles.group(1) if roles else "")
    name_fields = set(re.findall(r"(?:title|abbreviation)\s*=\s*\"([^\"]+)\"", roles.group(1) if roles else ""))
    for lines, meta in pages.values():
        # another page's name is a name where it is mentioned ("Kompetanseløft
        # 2020"); its numbers are checked on that page
        for f, v in (_mapping(meta) if not isinstance(meta, BadHead) else {}).items():
            if f in name_fields and isinstance(v, yaml.ScalarNode) and re.search(r"\d", v.value) \
                    and re.search(r"[^\W\d]{3}", v.value):
                doc_names.add(v.value)
        # a cited source's name is not a claim ("WCAG 2.1", "IS-2684")
        doc_names |= {c.document for c in citations(meta) if c.document}
        doc_names |= {c.title for c in citations(meta) if c.title}
    model = Model(index, skip_fields, as_of, sorted(doc_names, key=len, reverse=True))
    translations = {}
    for rel in pages:
        o = original_of(rel)
        if o:
            translations.setdefault(o, []).append(rel)
    rep = Report()
    for rel in files or sorted(pages):
        if rel not in pages:
            rep.error(rel, 1, 1, "finnes ikke under content/")
            continue
        lines, meta = pages[rel]
        if isinstance(meta, BadHead):
            rep.error(rel, meta.line, meta.col, "hodet (YAML) kan ikke leses, så tallene kan ikke slås opp i kildene; "
                      "kjør bin/varde check, som forklarer feilen")
            continue
        flag = _mapping(meta).get(draft.group(1)) if draft else None
        if isinstance(flag, yaml.ScalarNode) and flag.value.lower() in ("true", "yes", "ja"):
            rep.drafts += 1  # not published, so it misleads no one yet (as varde build)
            continue
        own = cites = citations(meta)
        o = original_of(rel)
        if o and o in pages:
            cites = cites + citations(pages[o][1])
        extra = [(pages[t][0], "en") for t in translations.get(rel, [])]
        if o and o in pages:
            extra.append((pages[o][0], "nb"))
        check_page(rel, lines, meta, cites, page_language(rel, meta), model, rep, extra, own)
    return rep, len(files or pages)


def main(argv):
    if len(argv) >= 2 and argv[1] == "indeks":
        return main_index(argv[2:])
    if len(argv) >= 2 and argv[1] == "sjekk":
        rep, n = run_check(ROOT, [os.path.relpath(os.path.abspath(f), ROOT) for f in argv[2:]])
        for line in rep.lines:
            print(line)
        drafts = f" ({rep.drafts} utkast ikke sjekket)" if rep.drafts else ""
        print(f"kildetall: {n} sider{drafts}, {rep.numbers} tall: {rep.found} funnet i kildene sidene siterer, "
              f"{rep.escaped} fra tall: i kilder, {rep.errors} feil, {rep.warnings} advarsler om sidetall")
        return 1 if rep.errors else 0
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


def main_index(args):
    seeds = SEEDS
    check = "--sjekk" in args
    if not os.path.isdir(seeds):
        print(f"kildetall: fant ikke kildetekstene i {seeds}", file=sys.stderr)
        return 77
    stale = []
    for spec in kildeindeks.DOCUMENTS:
        slug, text = kildeindeks.build(seeds, spec)
        path = os.path.join(INDEX, slug + ".tsv")
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if check:
            if old != text:
                stale.append(os.path.relpath(path, ROOT))
        elif old != text:
            os.makedirs(INDEX, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"skrev {os.path.relpath(path, ROOT)}")
    if stale:
        print("kildetall: indeksen er ikke i takt med kildetekstene; kjør python3 tools/kildetall.py indeks: "
              + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
