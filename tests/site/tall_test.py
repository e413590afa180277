"""Unit tests of the fact test's number reading (tools/tall.py, sidetall.py,
kildeindeks.py, kildetall.py, faktalogg.py). Prints "ok NAME" / "not ok NAME"."""
import os
import sys

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import faktalogg  # noqa: E402
import kildeindeks  # noqa: E402
import kildetall  # noqa: E402
import sidetall  # noqa: E402
import tall  # noqa: E402

failed = 0


def check(name, got, want):
    global failed
    if got == want:
        print(f"ok {name}")
    else:
        failed += 1
        print(f"not ok {name}\n  got:  {got!r}\n  want: {want!r}")


def nums(text, lang="nb"):
    return [n for n, _, _, _ in tall.page_numbers(text, lang)]


def src(text):
    return {n for n, _ in tall.source_numbers(text)}


# --- a page, as a reader sees it
check("thousands with a space", nums("om lag 1 200 ansatte"), ["1200"])
check("thousands with a no-break space", nums("1\u00a0200 og 3\u202f150 og 4\u2009000"), ["1200", "3150", "4000"])
check("a million in groups", nums("1 234 567 kroner"), ["1234567"])
check("decimal comma", nums("12,5 prosent"), ["12.5"])
check("percent sign", nums("9,1 % og 39 %"), ["9.1", "39"])
check("range is two numbers", nums("2016–2020 og 2014-2015"), ["2016", "2020", "2014", "2015"])
check("measure numbers", nums("tiltak 2.1 og 3.19.1."), ["2.1", "3.19.1"])
check("a year ending a sentence", nums("i 2016."), ["2016"])
check("a year does not start a thousands group", nums("i 2016 8 760 deltakere"), ["2016", "8760"])
check("four digits after a space are not a group", nums("1 2000"), ["1", "2000"])
check("names with digits are not numbers", nums("K2020, COVID-19 og H2"), [])
check("ISO date: year and day", nums("2022-05-13"), ["2022", "13"])
check("Norwegian date", nums("13. mai 2022"), ["13", "2022"])
check("leading zeros", nums("kl. 08 og 007"), ["8", "7"])
check("positions are the number's", [(a, b) for _, a, b, _ in tall.page_numbers("Det var 1 200.")], [(8, 13)])
check("English thousands", nums("3,150 person-years", "en"), ["3150"])
check("English decimal", nums("2.1 per cent and 12.5%", "en"), ["2.1", "12.5"])
check("English and Norwegian decimals are the same number",
      nums("2.1 per cent", "en"), nums("2,1 prosent"))
check("normal form", [tall.normal("1 200"), tall.normal("007"), tall.normal("1\u00a0234", ",50")],
      ["1200", "7", "1234.50"])

# --- a source, read generously
s = src("Årsverk 128 902 131 180")
check("a table row yields each grouping", {"128902", "131180", "128", "180"} <= s, True)
check("a table row: no grouping across a four-digit year", "2015128" in src("2015 128 902"), False)
s = src("Legeårsverk 210,1 213,6 1,7 %")
check("decimals in a row are whole", ({"210.1", "213.6", "1.7"} <= s, "213" in s, "2" in s), (True, False, False))
s = src("Servicepersonell6 1 766 2 999")
check("a footnote mark glued to a word is not a number", ("6" in s, "1766" in s, "2999" in s), (False, True, True))
check("a dated source", {"1", "2017", "1.3.2017"} <= src("fra 1.3.2017"), True)
glued = {n for n, _ in kildeindeks.line_numbers(["mot 2 ", "", "064 året før", "10 83", "7 ", "1 ", "836"], set())}
check("a number the PDF broke over lines is read whole", {"2064", "10837", "1836"} <= glued, True)
check("a measure number is whole", src("3.19.1 Tilskudd"), {"3.19.1"})

# --- what on a page is not a claim
def page_nums(text, names=()):
    return [n for n, *_ in sidetall.numbers(text.split("\n"), "nb", set(), list(names))]


check("document names", page_nums("Se IS-2684 og Meld. St. 26 (2014–2015) og Prop. 1 S (2015–2016), NOU 2023: 4"), [])
check("locators", page_nums("(IS-2684 s. 57), side 17 og 18, kap. 15.3, fotnote 4, boks 15.9, sidene 6–7"), [])
check("link targets and URLs", page_nums("[tiltak](../tiltak/3-2-abc.md#a-2016) og https://x.no/2016/1"), [])
check("footnote marks, code, list numbers", page_nums("1. Tekst[^2] og `5 kr`"), [])
check("a cited name", page_nums("WCAG 2.1 nivå AA, 3 krav", ["WCAG 2.1"]), ["3"])
check("link text is a claim", page_nums("[2 460 deltakere](x.md)"), ["2460"])
fm = """---
tittel: Tiltak 2016
plan: plan-2020
status_per: "2016"
kilder:
  - dokument: IS-2684
    side: "17"
sammendrag: >-
  Om lag 2 500
  nye i 2016.
---
## Overskrift 2015 {#id-2014}

```{graf}
type: linje
tittel: Årsverk 2011–2016
kilde: SSB (IS-2684 s. 57)
side: ../x-2013.md

Tekst 42
```

```
kode 99
```
| 2015 | 1 766 |""".split("\n")
got = [(n, line, f) for n, line, _, _, f in sidetall.numbers(fm, "nb", {"plan", "kilder"}, [])]
check("front matter and body", got, [
    ("2016", 2, "tittel"), ("2016", 4, "status_per"), ("2500", 9, "sammendrag"), ("2016", 10, "sammendrag"),
    ("2015", 12, None), ("2011", 16, None), ("2016", 16, None), ("42", 20, None),
    ("2015", 26, None), ("1766", 26, None)])
site = '''{ name = "plan", type = "ref", to = "plan" },
{ name = "tema", type = "list", of = "enum", values = tema },
{ name = "kilder", type = "list", of = kilde },
{ name = "status", type = "enum", values = status, as_of = "status_per", according_to = "statuskilde" },
{ name = "periode", type = "string" },'''
check("site.lua: fields that hold no claims", sidetall.skipped_fields(site),
      {"plan", "tema", "kilder", "status", "statuskilde"})
check("site.lua: a status's date and source", sidetall.as_of_fields(site), {"status_per": "statuskilde"})

# --- printed pages in a source
lines = ["Tittel", "", "", "7 ", " ", "tekst 1 200", "", "", "8", "", "tekst", " ", "", "85 ", " "]
check("lone page numbers after two empty lines", kildeindeks.lone_page_numbers(lines), [(3, 7), (8, 8)])
check("the longest chain of rising pages", kildeindeks.consistent([(1, 5), (2, 85), (3, 6), (4, 7)]),
      [(1, 5), (3, 6), (4, 7)])
r = kildeindeks.Ranges(100, starts=[(10, 7)], headings=[(50, 9)])
check("a line's possible pages", [r.at(5), r.at(10), r.at(30), r.at(60)],
      [(None, 6), (7, 9), (7, 9), (9, None)])
check("index ranges round-trip", kildeindeks.parse_ranges(kildeindeks.fmt_ranges([(6, 7), (None, None), (73, None)])),
      [(6, 7), (None, None), (73, None)])
check("locator: pages", [kildetall.locator("17"), kildetall.locator("6–7"), kildetall.locator("1–4")],
      [("side", {17}), ("side", {6, 7}), ("side", {1, 2, 3, 4})])
check("locator: chapters", kildetall.locator("kap. 15.3 og boks 15.9"), ("kap", {15}))
check("locator: a footnote cannot be placed", kildetall.locator("fotnote 18 og 23"), None)
check("near: within one page", [kildetall.near([(17, 18)], {19}, 1), kildetall.near([(17, 18)], {20}, 1)],
      [True, False])

# --- the committed index places known cites (from the fact-check ledger) on their pages
index = kildeindeks.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), "kildetall"))
known = [("IS-2684", "3150", 6), ("IS-2684", "2460", 17), ("IS-2684", "24469", 17), ("IS-2684", "504", 36),
         ("IS-2684", "4689", 66), ("IS-2684", "128902", 57)]
check("known IS-2684 cites are on their printed page (±1)",
      [(n, p) for d, n, p in known if not kildetall.near(index[d][n][0], {p}, 1)], [])
check("Meld. St. 26: a number in its chapter", kildetall.near(index["Meld. St. 26 (2014–2015)"]["2020"][1], {15}, 0), True)
check("every document in kilder has an index", sorted(index) == sorted(d[0] for d in kildeindeks.DOCUMENTS), True)


# --- the whole check on a small site
def site(files):
    import tempfile
    root = tempfile.mkdtemp(prefix="kildetall-test-")
    for rel, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
            f.write(text)
    return root


SITE_LUA = """local kilde = { type = "object", fields = {
  { name = "dokument", type = "string" }, { name = "tall", type = "list", of = "string" } } }
return { roles = { title = "tittel", draft = "utkast" }, common_fields = { { name = "kilder", type = "list", of = kilde } },
  types = { { name = "tiltak", fields = { { name = "tittel", type = "string" }, { name = "plan", type = "ref", to = "plan" } } } } }
"""
PAGE = """---
tittel: Et tiltak
plan: plan-2099
kilder:
  - dokument: IS-2684
    side: "17"
    tall: ["224", "77", "2 460", "6,4"]
---
Det var 2 460 nye deltakere, til sammen 224 seminarer, og 3 150 årsverk, men 1 234 567 kroner.
Summen vi regnet ut er 6,4.
"""
root = site({"site.lua": SITE_LUA, "content/tiltak/x.md": PAGE,
             "content/tiltak/x.en.md": "---\ntittel: A measure\n---\n2,460 new participants, 1,234,568 more.\n"})
rep, n = kildetall.run_check(root, [])
got = sorted(line.split(": ", 1)[0] + ": " + line.split(": ", 2)[1] for line in rep.lines)
check("the check: errors and warnings at the number", got, [
    "content/tiltak/x.en.md:4:25: error",  # 1,234,568 is not in IS-2684; 2,460 is
    "content/tiltak/x.md:7:19: error",     # tall: 77 is not on the page
    "content/tiltak/x.md:7:25: warning",   # tall: 2 460 is in IS-2684, so not needed
    "content/tiltak/x.md:9:59: warning",   # 3 150 is on p. 6, not 17
    "content/tiltak/x.md:9:78: error",     # 1 234 567
])
check("the check's message", [l for l in rep.lines if ":9:78:" in l][0].split(": error: ")[1][:64],
      "tallet «1 234 567» finnes ikke i kildene siden siterer (IS-2684)")
check("the check counts what it read", (rep.numbers, rep.escaped), (7, 4))
check("a tall: number that is elsewhere in the document, not on the cited page, is needed",
      kildetall.near(index["IS-2684"]["6.4"][0], {17}, 1) is False and "6.4" in index["IS-2684"]
      and not any("«6,4»" in l for l in rep.lines), True)

root = site({"site.lua": SITE_LUA, "content/x.md": "---\ntittel: \"Uavsluttet\nkilder: []\n---\n5 tall\n"})
rep, n = kildetall.run_check(root, [])
check("a head YAML cannot read is one error, not one per number",
      [l.split(": error: ")[0] for l in rep.lines], ["content/x.md:2:9"])
root = site({"site.lua": SITE_LUA, "content/x.md": "---\ntittel: Utkast\nutkast: true\n---\n5 tall\n"})
rep, n = kildetall.run_check(root, [])
check("a draft is not checked (it is not published)", (rep.lines, rep.drafts), ([], 1))

# --- the ledger
check("ledger cells keep a | in code", faktalogg.cells("| a | `x|y` | c |")[0], ["a", "`x|y`", "c"])
root = site({"content/tiltak/a.md": "", "content/tiltak/b.md": "", "content/tiltak/b.en.md": "",
             "docs/faktasjekk/x.md": "| påstand | side | kilde, side | vurdering | rettet |\n|---|---|---|---|---|\n"
             "| 1 | tiltak/a | IS-2684 s. 1 | riktig | – |\n| 2 | `tiltak/b.en` | IS-2684 s. 1 | korrekt | – |\n"
             "| 3 | tiltak/c | IS-2684 s. 1 | rettet | x |\n"})
errors, summary = faktalogg.check(root)
check("ledger: an unknown verdict, a page that does not exist, a page with no row",
      [e.split(": error: ")[0] for e in errors],
      ["docs/faktasjekk/x.md:4:38", "docs/faktasjekk/x.md:5:7", "content/tiltak/b.md:1:1"])
check("ledger summary", summary,
      "faktalogg: 2 av 3 sider dekket; 2 påstander: riktig 1, rettet 1, presisert 0, fjernet 0, "
      "ekstern kilde 0, ingen faktapåstander 0")

sys.exit(1 if failed else 0)
