#!/usr/bin/env python3
"""Bokmål in nynorsk pages: words and forms outside the site's nynorsk norm.

    python3 tools/nynorsk.py [--root DIR] [FILE...]

Reads every page under DIR/content/ (default: the project) whose front
matter says `språk: nn`, or the FILEs given, and prints

    content/x.md:L:C: error: «ikke» er bokmål; skriv «ikkje» …

for each word the word list (tests/site/nynorsk-ord.tsv) names. The list is
data: `bokmål<TAB>nynorsk` for a word or a phrase (a third column `norm`
marks a form nynorsk allows but this site's norm does not use),
`*ending<TAB>*ending` for an ending, `start*<TAB>start*` for a beginning
(hv- → kv-), `!word` for a word those rules must leave alone, `!*ending`
for every word that ends so (unless a longer ending rule matches), `!start*`
for every word that begins so. Besides the list it finds an a-infinitive
after «å», the s-passive (-es) and the s-genitive (-enes). The norm is
described in docs/editors-guide.md («Normalforma for nynorsk»).

What is not the page's own nynorsk is not checked: the front matter except
`sammendrag`, code, text in «» or "" (quotations and titles) and in *…*
or _…_ (titles of works), link addresses, a link's text when it is the name
of the page it links to, the names of pages, institutions and documents
(titles, short names, hosts, senders and receivers of every page, the
documents in site.lua, and tests/site/nynorsk-namn.txt), and a capitalised
word inside a sentence (a proper name). Without FILEs it also checks the nynorsk strings
of the themes (themes/*/strings/nn.lua) and the nynorsk entry of site.lua's
languages. Exit 1 when there is an error.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
WORD_LIST = os.path.join(PROJECT, "tests", "site", "nynorsk-ord.tsv")
NAME_LIST = os.path.join(PROJECT, "tests", "site", "nynorsk-namn.txt")
GUIDE = "sjå «Normalforma for nynorsk» i docs/editors-guide.md"
# front-matter fields that are the page's own nynorsk text
TEXT_FIELDS = ("sammendrag",)
# front-matter fields that name something (kept as it is called)
NAME_FIELDS = ("tittel", "kortnavn", "forkortelse", "vertsinstitusjon",
               "avsender", "mottaker", "utgiver", "dokument")
LETTER = "A-Za-zÆØÅæøåÉéÈèÊêÓóÒòÔôÙùÜüÄäÖöÀà"
WORD = re.compile("[%s]+" % LETTER)


NORM_ONLY = set()  # forms good in nynorsk, but not the norm this site chose
PREFIXES = []  # (bokmål start, nynorsk start): hv- → kv-, selv- → sjølv-


def why(bm, word, nn):
    if bm in NORM_ONLY:
        return "«%s» er ikkje normalforma på nettstaden; skriv «%s»" % (word, nn)
    return "«%s» er bokmål; skriv «%s»" % (word, nn)


def load_words(path):
    """The word list: (phrases, words, endings, exceptions)."""
    words, endings, phrases, keep = {}, [], [], set()
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("!"):
                keep.add(line[1:].strip().lower())  # "!*ending": every word ending so
                continue
            cols = line.split("\t")
            if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
                sys.exit("%s:%d:1: error: ei line i ordlista må vere "
                         "«bokmål<TAB>nynorsk»" % (path, n))
            bm, nn = cols[0].strip().lower(), cols[1].strip()
            if len(cols) > 2 and cols[2].strip() == "norm":
                NORM_ONLY.add(bm)
            if bm.startswith("*"):
                endings.append((bm[1:], nn.lstrip("*")))
            elif bm.endswith("*"):
                PREFIXES.append((bm[:-1], nn.rstrip("*")))
            elif " " in bm:
                phrases.append((bm, nn))
            else:
                words[bm] = nn
    endings.sort(key=lambda e: -len(e[0]))  # the longest ending wins
    PREFIXES.sort(key=lambda e: -len(e[0]))
    return phrases, words, endings, keep


def front_matter(lines):
    """(index of the closing ---, {field: [(line index, text)]})."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    fields, cur = {}, None
    for i in range(1, len(lines)):
        line = lines[i]
        if line.strip() == "---":
            return i + 1, fields
        m = re.match(r"^([^\s:#][^:]*):\s*(.*)$", line)
        if m and not line.startswith((" ", "-")):
            cur = m.group(1).strip()
            fields[cur] = []
            val, col = m.group(2), m.start(2)
            if len(val) >= 2 and val[0] in "\"'" and val.rstrip()[-1] == val[0]:
                val, col = val.rstrip()[1:-1], col + 1  # a quoted scalar: its text
            if val and val not in (">-", ">", "|", "|-", ">+", "|+"):
                fields[cur].append((i, val, col))
        elif cur is not None:
            fields[cur].append((i, line, 0))
    return 0, {}


def scalar_values(fields, names):
    out = []
    for key, vals in fields.items():
        for _, text, _ in vals:
            t = text.strip()
            m = re.match(r"^-?\s*([^\s:]+):\s*(.*)$", t)
            if m and m.group(1) in names:
                out.append(m.group(2))
            elif key in names:
                out.append(t)
    return [v.strip().strip("\"'").strip() for v in out if v.strip()]


PAGE_NAMES = {}  # absolute path of a page -> its names in lower case


def known_names(root, extra):
    """Names of pages, institutions and documents, longest first."""
    names = set(extra)
    for dirpath, _, files in os.walk(os.path.join(root, "content")):
        for fn in files:
            if not fn.endswith(".md"):
                continue
            path = os.path.abspath(os.path.join(dirpath, fn))
            with open(path, encoding="utf-8") as f:
                _, fields = front_matter(f.read().split("\n"))
            own = scalar_values(fields, NAME_FIELDS)
            names.update(own)
            PAGE_NAMES[path] = [" ".join(n.lower().split()) for n in own]
    site = os.path.join(root, "site.lua")
    if os.path.exists(site):
        with open(site, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"\n  documents = \{(.*?)\n  \},", text, re.S)
        if m:
            names.update(re.findall(r'\["([^"]+)"\]\s*=', m.group(1)))
            names.update(re.findall(r'\btitle = "([^"]+)"', m.group(1)))
    names = [n for n in names if len(n) >= 3 and not n.startswith("[")]
    return sorted(names, key=len, reverse=True)


def blank(s):
    return re.sub(r"[^\n]", " ", s)


def names_a_page(label, target, page):
    """Is a link's text the name of the page it links to (or part of it)?"""
    target = target.split("#")[0]
    if not target.endswith(".md") or "://" in target:
        return False
    path = os.path.abspath(os.path.join(os.path.dirname(page), target))
    label = " ".join(label.lower().split())
    return any(label in n for n in PAGE_NAMES.get(path, []))


def mask(text, names, page=""):
    """The text with what is not checked replaced by spaces (same columns);
    list markers, headings and table cells start a sentence ('.')."""
    text = re.sub(r"(?ms)^(\s*)(```|~~~).*?^\s*\2[^\n]*$",
                  lambda m: blank(m.group(0)), text)
    text = re.sub(r"`[^`\n]*`", lambda m: blank(m.group(0)), text)
    # a link whose text is the name of the page it goes to: the page's name
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)",
                  lambda m: blank(m.group(0)) if names_a_page(m.group(1), m.group(2), page)
                  else m.group(0), text)
    # *title* or _title_: the title of a work, as Markdown writes it
    text = re.sub(r"(?<![*\w])\*(?![*\s])((?:[^*\n]|\n(?!\s*\n))+?)(?<!\s)\*(?![*\w])",
                  lambda m: blank(m.group(0)), text)
    text = re.sub(r"(?<![_\w])_(?![_\s])((?:[^_\n]|\n(?!\s*\n))+?)(?<!\s)_(?![_\w])",
                  lambda m: blank(m.group(0)), text)
    text = re.sub(r"«[^»]*»", lambda m: blank(m.group(0)), text)
    text = re.sub(r"“[^”]*”|\"[^\"\n]*\"", lambda m: blank(m.group(0)), text)
    text = re.sub(r"\]\([^)\s]*\)", lambda m: "]" + blank(m.group(0)[1:]), text)
    text = re.sub(r"<[a-z]+:[^>\s]*>|\b(?:https?://|www\.)[^\s)\]]*|\b[\w.-]+\.(?:no|com|org|net)\b",
                  lambda m: blank(m.group(0)), text)
    text = re.sub(r"\[\^[^\]]*\]", lambda m: blank(m.group(0)), text)
    for name in names:
        pat = r"\s+".join(re.escape(w) for w in name.split())
        text = re.sub(r"(?<![%s])%s(?![%s])" % (LETTER, pat, LETTER),
                      lambda m: blank(m.group(0)), text)
    text = re.sub(r"(?m)^(\s*)([-*+]|\d+[.)]|#+|>)(?=\s)",
                  lambda m: m.group(1) + "." * len(m.group(2)), text)
    text = text.replace("|", ".")
    return text


def sentence_start(text, pos):
    i = pos - 1
    while i >= 0 and (text[i].isspace() or text[i] in "*_[(\"'"):
        i -= 1
    return i < 0 or text[i] in ".!?:;"


def suggest(word, nn):
    if word.isupper() and len(word) > 1:
        return nn.upper()
    if word[:1].isupper():
        return nn[:1].upper() + nn[1:]
    return nn


def check_text(text, words):
    """[(offset, message)] for each bokmål word or form in text (masked)."""
    hits = phrase_hits(text, words) + infinitive_hits(text, words[3])
    taken = {h[0] for h in hits}
    return sorted(hits + [h for h in word_hits(text, words) if h[0] not in taken])


def phrase_hits(text, words):
    phrases, low, hits = words[0], text.lower(), []
    for bm, nn in phrases:
        pat = r"(?<![%s])%s(?![%s])" % (LETTER, r"\s+".join(map(re.escape, bm.split())), LETTER)
        for m in re.finditer(pat, low):
            w = text[m.start():m.end()]
            if w[:1].isupper() and not sentence_start(text, m.start()):
                continue
            hits.append((m.start(), why(bm, " ".join(w.split()), suggest(w, nn))))
    return hits


def infinitive_hits(text, keep):
    """a-infinitive: the norm writes e-infinitive (å vere, å gje); «å» marks
    an infinitive, so «å» + a word in -a is one (ta, ha, bidra… are kept)."""
    hits = []
    for m in re.finditer(r"(?<![%s])[åÅ]\s+([%s]+a)(?![%s])" % (LETTER, LETTER, LETTER), text):
        w = m.group(1)
        if w.lower() in keep or len(w) < 3 or not w.islower():
            continue
        hits.append((m.start(1), "«%s»: a-infinitiv; nettstaden skriv e-infinitiv: «%s»"
                     % (w, w[:-1] + "e")))
    return hits


def word_hits(text, words):
    """Single words, then endings and beginnings, for every word that is not
    a name (capitalised inside a sentence) or an abbreviation."""
    _, single, endings, keep = words
    hits = []
    for m in WORD.finditer(text):
        w = m.group(0)
        lw = w.lower()
        if lw in keep or w[:1].isupper() and (w.isupper() or not sentence_start(text, m.start())):
            continue
        if lw in single:
            hits.append((m.start(), why(lw, w, suggest(w, single[lw]))))
            continue
        kept_end = max([len(k) - 1 for k in keep if k[0] == "*" and lw.endswith(k[1:])] or [0])
        end = ending_hit(w, lw, endings, kept_end)
        start = prefix_hit(w, lw, keep)
        if end and start:  # both: one word to write (hjemmetjenesten → heimetenesta)
            nn = prefix_nn(ending_nn(lw, endings, kept_end))
            hits.append((m.start(), "«%s» er bokmål; skriv «%s»" % (w, suggest(w, nn))))
        elif end or start:
            hits.append((m.start(), end or start))
    return hits


def ending_nn(lw, endings, kept_end):
    for end, nn_end in endings:
        if lw.endswith(end) and len(lw) > len(end) + 1 and len(end) > kept_end:
            return lw[: len(lw) - len(end)] + nn_end
    return lw


def prefix_nn(lw):
    for start, nn_start in PREFIXES:
        if lw.startswith(start) and len(lw) > len(start) + 1:
            return nn_start + lw[len(start):]
    return lw


def ending_hit(w, lw, endings, kept_end):
    for end, nn_end in endings:
        if lw.endswith(end) and len(lw) > len(end) + 1 and len(end) > kept_end:
            nn = lw[: len(lw) - len(end)] + nn_end
            if end == "es" and w[:1].isupper():
                continue  # Sandnes, Hornes: a name, even at the start of a sentence
            if end == "es" and re.search(r"(enes|ernes)$", lw):
                # a genitive in -s (kommunenes): nynorsk writes «til» or «sin»
                return ("«%s»: s-genitiv er bokmålsk; skriv «til …» eller «… sin/sitt/sine» "
                        "(«rettane til kommunane», «kommunane sine rettar»)" % w)
            if end == "es":  # the s-passive: nynorsk has it only after a modal verb
                return ("«%s»: s-passiv på -es er bokmål; skriv «blir …» med perfektum partisipp "
                        "(«blir brukt»), eller -ast etter eit modalverb («skal %s»)"
                        % (w, suggest(w, nn)))
            return "«%s»: -%s er bokmål; på nynorsk -%s: «%s»" % (w, end, nn_end, suggest(w, nn))
    return None


def prefix_hit(w, lw, keep):
    for start, nn_start in PREFIXES:
        if lw.startswith(start) and len(lw) > len(start) + 1 \
                and not any(k[-1] == "*" and lw.startswith(k[:-1]) for k in keep):
            nn = nn_start + lw[len(start):]
            return "«%s»: %s- er bokmål; på nynorsk %s-: «%s»" % (w, start, nn_start, suggest(w, nn))
    return None


def line_col(text, offset):
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return line, col


def check_file(path, words, names, show):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    lines = src.split("\n")
    body_at, fields = front_matter(lines)
    if lang_of(fields) != "nn":
        return 0
    errors = 0
    # the front matter's text fields: one text, each line where it stands
    for field in TEXT_FIELDS:
        parts = fields.get(field, [])
        if not parts:
            continue
        joined = "\n".join(t for _, t, _ in parts)
        masked = mask(joined, names, path)
        for off, msg in check_text(masked, words):
            li, col = line_col(joined, off)
            ln, start, _ = parts[li][0], parts[li][1], parts[li][2]
            print("%s:%d:%d: error: %s (%s)" % (show, ln + 1, col + parts[li][2] + 1, msg, GUIDE))
            errors += 1
    body = "\n".join(lines[body_at:])
    masked = mask(body, names, path)
    for off, msg in check_text(masked, words):
        li, col = line_col(body, off)
        print("%s:%d:%d: error: %s (%s)" % (show, body_at + li + 1, col + 1, msg, GUIDE))
        errors += 1
    return errors


LUA_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def nn_block(text):
    """The span of site.lua's nynorsk language entry ({ code = "nn", … })."""
    m = re.search(r'\{\s*code\s*=\s*"nn"', text)
    if not m:
        return None
    depth, i = 0, m.start()
    while i < len(text):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return m.start(), i + 1
        elif text[i] == '"':
            j = LUA_STRING.match(text, i)
            i = j.end() - 1 if j else i
        elif text.startswith("--", i):
            i = text.find("\n", i)
            if i < 0:
                break
        i += 1
    return None


def check_lua(path, show, start, end, words, names):
    """The visible strings in text[start:end] of a Lua file: the values,
    not the keys (["x"] =) nor comments; {placeholders} are not words."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    errors = 0
    for m in LUA_STRING.finditer(text, start, end):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if "--" in text[line_start:m.start()]:
            continue  # inside a comment
        if re.match(r"\s*\]\s*=", text[m.end():]) or re.match(r"\s*=", text[m.end():]) \
                or text[m.end():m.end() + 1] == ")" and "code" in text[max(0, m.start() - 8):m.start()]:
            continue  # a key, not a value
        value = re.sub(r"\{[a-z_]+\}|\\u\{[0-9A-Fa-f]+\}", lambda x: blank(x.group(0)), m.group(1))
        if value.startswith(("https://", "http://", "/")) or re.fullmatch(r"[a-z_]+", value) and "_" in value:
            continue  # an address or an identifier
        for off, msg in check_text(mask(value, names), words):
            ln, col = line_col(text, m.start(1) + off)
            print("%s:%d:%d: error: %s (%s)" % (show, ln + 1, col + 1, msg, GUIDE))
            errors += 1
    return errors


def check_strings(root, words, names):
    """The nynorsk strings: each theme's strings/nn.lua and the nynorsk
    entry in site.lua's languages (its strings and labels)."""
    errors = 0
    themes = os.path.join(root, "themes")
    if os.path.isdir(themes):
        for theme in sorted(os.listdir(themes)):
            p = os.path.join(themes, theme, "strings", "nn.lua")
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    n = len(f.read())
                errors += check_lua(p, os.path.relpath(p, root), 0, n, words, names)
    site = os.path.join(root, "site.lua")
    if os.path.exists(site):
        with open(site, encoding="utf-8") as f:
            span = nn_block(f.read())
        if span:
            errors += check_lua(site, "site.lua", span[0], span[1], words, names)
    return errors


def main(argv):
    root = PROJECT
    if len(argv) >= 2 and argv[0] == "--root":
        root, argv = argv[1], argv[2:]
    words = load_words(WORD_LIST)
    extra = []
    if os.path.exists(NAME_LIST):
        with open(NAME_LIST, encoding="utf-8") as f:
            extra = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    names = known_names(root, extra)
    files = list(argv)
    if not files:
        for dirpath, _, fns in os.walk(os.path.join(root, "content")):
            files += [os.path.join(dirpath, fn) for fn in fns if fn.endswith(".md")]
        files.sort()
    errors = pages = 0
    for path in files:
        show = os.path.relpath(path, root)
        n = check_file(path, words, names, show)
        errors += n
    if not argv:
        errors += check_strings(root, words, names)
    nn_pages = sum(1 for p in files if is_nn(p))
    print("nynorsk: %d sider på nynorsk, %d ord eller former utanfor normalforma" % (nn_pages, errors))
    return 1 if errors else 0


def is_nn(path):
    with open(path, encoding="utf-8") as f:
        _, fields = front_matter(f.read().split("\n"))
    return lang_of(fields) == "nn"


def lang_of(fields):
    """The page's språk: without a comment or quotes."""
    v = "".join(t for _, t, _ in fields.get("språk", []))
    v = re.sub(r"\s#.*$", "", v).strip()
    return v.strip("\"'").strip()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
