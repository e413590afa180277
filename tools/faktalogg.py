#!/usr/bin/env python3
"""The fact-check ledger (docs/faktasjekk/*.md) covers every page.

    python3 tools/faktalogg.py

Reads every table in docs/faktasjekk/ whose header has the columns «side»
and «vurdering» (docs/faktasjekk/README.md gives the format) and checks that
- every file under content/ has at least one row (a translation x.en.md is
  the page «…/x.en»),
- every row's side is a page that exists,
- every verdict is one of the fixed words.
Prints `path:line:col: error: …` for each problem and a summary line (pages
covered, claims per verdict); exits 1 when something is wrong.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERDICTS = ["riktig", "rettet", "presisert", "fjernet", "ekstern kilde", "ingen faktapåstander"]


def pages(root):
    """{ledger name: content path}: content/tiltak/x.md is tiltak/x."""
    out = {}
    base = os.path.join(root, "content")
    for d, dirs, files in os.walk(base):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for f in files:
            m = re.match(r"(.*)\.(md|markdown)$", f, re.I)
            if m and not f.startswith("."):
                rel = os.path.relpath(os.path.join(d, m.group(1)), base).replace(os.sep, "/")
                out[rel] = os.path.relpath(os.path.join(d, f), root)
    return out


def cells(line):
    """A table row's cells and the 1-based column where each one's text
    starts (a | inside `code` or escaped as \\| stays in the cell)."""
    out, starts, cur, cur_at, code = [], [], "", None, False
    i = line.index("|") + 1 if line.lstrip().startswith("|") else 0
    while i <= len(line):
        ch = line[i] if i < len(line) else "|"
        if ch == "\\" and line[i + 1:i + 2] == "|":
            cur, cur_at, i = cur + "|", cur_at or i + 1, i + 2
            continue
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            out.append(cur.strip())
            starts.append(cur_at or i + 1)
            cur, cur_at = "", None
        else:
            if cur_at is None and not ch.isspace():
                cur_at = i + 1
            cur += ch
        i += 1
    if out and out[-1] == "" and line.rstrip().endswith("|"):
        out.pop()
        starts.pop()
    return out, starts


def rows(path):
    """(line number, {column: (text, col)}) of each row of each ledger table."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, header = [], None
    for i, line in enumerate(lines):
        if not line.strip().startswith("|"):
            header = None
            continue
        cs, starts = cells(line)
        if header is None:
            header = [c.lower() for c in cs]
            continue
        if all(re.fullmatch(r":?-+:?", c) for c in cs if c):
            continue
        out.append((i + 1, {h: (c, s) for h, c, s in zip(header, cs, starts)}))
    return out


def check(root):
    folder = os.path.join(root, "docs", "faktasjekk")
    known = pages(root)
    covered, counts, errors = set(), {v: 0 for v in VERDICTS}, []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md"):
            continue
        path = os.path.join("docs", "faktasjekk", name)
        for line, row in rows(os.path.join(root, path)):
            if "vurdering" in row:
                v, col = row["vurdering"]
                v = v.strip("`* ").lower()
                if v in counts:
                    counts[v] += 1
                else:
                    errors.append(f"{path}:{line}:{col}: error: vurderingen «{v}» er ikke et av ordene i loggen "
                                  f"({', '.join(VERDICTS)})")
            if "side" not in row:
                continue
            text, col = row["side"]
            for page in re.split(r",\s*|\s+og\s+", text):
                page = page.strip("` ")
                page = re.sub(r"^content/", "", page)
                page = re.sub(r"\.(md|markdown)$", "", page)
                if page in known:
                    covered.add(page)
                else:
                    errors.append(f"{path}:{line}:{col}: error: siden «{page}» finnes ikke under content/; "
                                  "skriv stien uten content/ og .md, for eksempel tiltak/3-2-demensomsorgens-abc")
    for page in sorted(set(known) - covered):
        errors.append(f"{known[page]}:1:1: error: siden har ingen rad i faktasjekk-loggen (docs/faktasjekk/); "
                      f"legg inn minst én rad med side «{page}»")
    total = sum(counts.values())
    summary = (f"faktalogg: {len(covered)} av {len(known)} sider dekket; {total} påstander: "
               + ", ".join(f"{v} {counts[v]}" for v in VERDICTS))
    return errors, summary


def main():
    errors, summary = check(ROOT)
    for e in errors:
        print(e)
    print(summary)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
