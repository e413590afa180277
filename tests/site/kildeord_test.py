"""Unit tests of the copy check (tools/ordrekker.py, tools/kildeord.py):
the normaliser, the shingler, the index format, and how runs are counted
(names as one word, quotations and numbers as none, blocks as limits).
Prints "ok NAME" / "not ok NAME"; exits 1 when one fails."""
import os
import sys
import tempfile

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import kildeord  # noqa: E402
import ordrekker  # noqa: E402

failed = 0


def check(name, got, want):
    global failed
    if got == want:
        print(f"ok {name}")
    else:
        failed += 1
        print(f"not ok {name}\n  got:  {got!r}\n  want: {want!r}")


# --- the normaliser ---------------------------------------------------------
check("words are lowercase letters and digits, punctuation dropped",
      [w for w, _ in ordrekker.words("Helse- og omsorgstjenester, 1 200 årsverk (12,5 %).")],
      ["helse", "og", "omsorgstjenester", "1", "200", "årsverk", "12", "5"])
check("NFC: a decomposed å is the same word as a composed one",
      ordrekker.source_words("a\u030arsverk"), ordrekker.source_words("\u00e5rsverk"))
check("a word hyphenated over a line break in the PDF text is joined",
      ordrekker.source_words("de kom-\nmunale tje- \n  nestene"), ["de", "kommunale", "tjenestene"])
check("«helse-» before «og» on the next line stays two words",
      ordrekker.source_words("helse-\nog omsorgstjenester"), ["helse", "og", "omsorgstjenester"])
check("a hyphen before a capital on the next line is not a break",
      ordrekker.source_words("Nord-\nNorge"), ["nord", "norge"])
check("a hyphen after an acronym, a digit or one letter belongs to the word",
      ordrekker.source_words("IKT-\nstandarder, 2020-\nmålene, e-\nhelse"),
      ["ikt", "standarder", "2020", "målene", "e", "helse"])
check("a soft hyphen is no break in a word",
      ordrekker.source_words("kommu\u00adnale"), ["kommunale"])
check("a page's words keep their offsets", ordrekker.words("Ett  to")[1], ("to", 5))

# --- the shingler and the index --------------------------------------------
ws = "en to tre fire fem".split()
check("one hash per n words in a row", len(ordrekker.shingles(ws, 3)), 3)
check("a hash is the same on every run (not Python's hash())",
      ordrekker.shingle_hash(["a", "b"]),
      int.from_bytes(__import__("hashlib").blake2b(b"a b", digest_size=8).digest(), "big") >> 24)
check("different words, different hash", ordrekker.shingle_hash(["a", "b"]) != ordrekker.shingle_hash(["a", "c"]), True)
hs = ordrekker.shingles(ws, 2) + [0, 2**40 - 1]
n, back = ordrekker.decode(ordrekker.encode(hs, 2, "kilde=x.txt"))
check("the index format gives back every hash and n", (n, back), (2, set(hs)))
check("the index holds no words of the source",
      any(w.encode() in ordrekker.encode(ordrekker.shingles(ws, 2), 2) for w in ws), False)
try:
    ordrekker.decode(b"something else")
    check("a file that is no index is refused", "accepted", "ValueError")
except ValueError:
    check("a file that is no index is refused", "ValueError", "ValueError")

# --- runs -------------------------------------------------------------------
SOURCE = ("Kommunene skal sørge for at personer som oppholder seg i kommunen tilbys nødvendige "
          "helse- og omsorgstjenester etter lov om kommunale helse- og omsorgstjenester, jf. 1 200 årsverk.")
INDEX = [("Kilden", 8, set(ordrekker.shingles(ordrekker.source_words(SOURCE), 8)))]
NAMES = kildeord.Names(["lov om kommunale helse- og omsorgstjenester", "Advanced Practice Nurse"])


def findings(body, front="tittel: Side\nkilder:\n  - dokument: IS-2684\n", names=NAMES, index=INDEX):
    lines = ("---\n" + front + "---\n" + body).split("\n")
    _, meta = None, __import__("yaml").compose(front)
    streams, local = kildeord.page_parts(lines, meta)
    return [(s.pos[a][0], s.pos[a][1], " ".join(s.words[a:b]), d)
            for s, a, b, d in kildeord.page_findings(streams, names, local, index)]


copied = "Intro.\n\nDet betyr at personer som oppholder seg i kommunen tilbys nødvendige hjelp."
check("a copied run of 8 words is found, at its first word's line and column",
      findings(copied), [(8, 11, "at personer som oppholder seg i kommunen tilbys nødvendige", "Kilden")])
check("seven words in a row are not a run of 8",
      findings("Vi vet at personer som oppholder seg i kommunen får hjelp."), [])
check("words in the same order over a line break in the page still count",
      len(findings("Det betyr at personer som oppholder\nseg i kommunen tilbys nødvendige hjelp.")), 1)
check("a run in the summary is found in the front matter, at its line",
      [f[:2] for f in findings("", front="tittel: Side\nsammendrag: Slik at personer som oppholder seg i kommunen tilbys alt.\n"
                                        "kilder: [{dokument: IS-2684}]\n")], [(3, 18)])
check("a name counts as one word",
      findings("Tjenester etter lov om kommunale helse- og omsorgstjenester, jf. 1 200 årsverk."), [])
check("without the name in the list the same run is copying",
      len(findings("Tjenester etter lov om kommunale helse- og omsorgstjenester, jf. 1 200 årsverk.",
                   names=kildeord.Names([]))), 1)
check("a name in the page's own front matter is a name too",
      findings("Tjenester etter lov om kommunale helse- og omsorgstjenester, jf. 1 200 årsverk.",
               front="tittel: Side\nansvarlig: [lov om kommunale helse- og omsorgstjenester]\nkilder: [{dokument: IS-2684}]\n",
               names=kildeord.Names([])), [])
check("numbers count as no words (figures may be used)",
      findings("omsorgstjenester, jf. 1 200 årsverk.", names=kildeord.Names([])), [])
check("a quotation in «» on a page with kilder is not counted",
      findings("Loven sier «at personer som oppholder seg i kommunen tilbys nødvendige» tjenester."), [])
check("a quotation on a page that cites nothing is counted",
      len(findings("Loven sier «at personer som oppholder seg i kommunen tilbys nødvendige» tjenester.",
                   front="tittel: Side\n")), 1)
check("a quotation in \"\" (English pages) is not counted either",
      findings('The law says "at personer som oppholder seg i kommunen tilbys nødvendige" services.'), [])
check("an unclosed quotation mark quotes nothing",
      len(findings("Loven sier «at personer som oppholder seg i kommunen tilbys nødvendige tjenester.\n\nSlutt.»")), 1)
check("a run stops at a paragraph break",
      findings("at personer som oppholder\n\nseg i kommunen tilbys nødvendige"), [])
check("a run stops at a table cell",
      findings("| at personer som oppholder | seg i kommunen tilbys nødvendige |"), [])
check("a run stops at a list item",
      findings("- at personer som oppholder\n- seg i kommunen tilbys nødvendige"), [])
IDX2 = [("K", 8, set(ordrekker.shingles(ordrekker.source_words(
    "tittelen Advanced Practice Nurse APN eller andre navn på rollen"), 8)))]
check("a name's abbreviation in parentheses is part of the name",
      findings("Tittelen Advanced Practice Nurse (APN) eller andre navn på rollen.", index=IDX2), [])
check("the same words without the parentheses are one word more",
      len(findings("Tittelen Advanced Practice Nurse APN eller andre navn på rollen.", index=IDX2)), 1)
check("link targets and comments are not words of the page",
      findings("at personer som oppholder seg [i](https://x.no/kommunen) kommunen <!-- tilbys --> nødvendige"), [])

# --- the names list holds names, not sentences ------------------------------
listed = kildeord.read_names()
check("the names list is read (comments and empty lines left out)",
      len(listed) > 20 and not any(n.startswith("#") or not n for n in listed), True)
too_long = [n for n in listed if len(ordrekker.words(n)) > 16]
check("no name in the names list is longer than 16 words", too_long, [])
sentences = [n for n in listed if __import__("re").search(r"[a-zæøå]{3}[.!?] +[A-ZÆØÅ]", n)]
check("no line in the names list holds two sentences", sentences, [])
check("the committed index is made for the check's run length",
      {n for _, n, _ in kildeord.load_index()}, {kildeord.N})

# --- the whole check on a site folder --------------------------------------
with tempfile.TemporaryDirectory() as root:
    os.makedirs(os.path.join(root, "content"))
    with open(os.path.join(root, "content", "a.md"), "w", encoding="utf-8") as f:
        f.write("---\ntittel: A\nkilder: [{dokument: IS-2684}]\n---\n" + copied + "\n")
    with open(os.path.join(root, "content", "b.nn.md"), "w", encoding="utf-8") as f:
        f.write("---\ntittel: B\nspråk: nn\n---\nEigne ord om kommunane.\n")
    with open(os.path.join(root, "content", "c.md"), "w", encoding="utf-8") as f:
        f.write("---\ntittel: C\nsammendrag: >-\n  Kort: at personer som oppholder seg i kommunen tilbys\n"
                "  nødvendige ting.\nkilder: [{dokument: IS-2684}]\n---\nTekst.\n")
    report, pages, _ = kildeord.run_check(root, ["content/c.md"], INDEX)
    check("a run in a folded summary is reported at its line and column in the file",
          [r.split(" error:")[0] for r in report], ["content/c.md:4:9:"])
    report, pages, _ = kildeord.run_check(root, kildeord.content_files(root), INDEX)
    check("run_check reads every page and reports path:line:col: error: with the fix",
          (pages, report[:1]), (3, ["content/a.md:7:11: error: 9 ord på rad er skrevet av fra Kilden: «at personer som "
                                "oppholder seg i kommunen tilbys nødvendige»; " + kildeord.HOW_TO_FIX]))

sys.exit(1 if failed else 0)
