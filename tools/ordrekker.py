"""Runs of words: the normaliser and shingler of the copy check
(tools/kildeord.py).

Both sides, the source texts and the pages, are read the same way: NFC,
lowercase, and a word is a run of letters and digits (numbers are words;
"helse- og" is the words "helse", "og"; "1 200" is "1", "200"). The source
texts are PDF text, where a word broken over two lines ends the line with a
hyphen: "kom-\\nmunale" is read as "kommunale". A hyphen before "og" or
"eller" on the next line is Norwegian's shared compound part ("helse-\\nog
omsorgstjenester"), not a break, and stays two words; so does a hyphen that
belongs to the word: before a capital ("Nord-\\nNorge"), after a capital or a
digit ("IKT-\\nstandarder", "2020-\\nmålene") or after one letter ("e-\\nhelse").

A shingle is N words in a row; its hash is the first 8 bytes of BLAKE2b of
the words joined by single spaces, cut to BITS bits. Hashes are stable across
runs and machines (Python's hash() is not).
"""
import hashlib
import re
import unicodedata

BITS = 40
_WORD = re.compile(r"[^\W_]+")
_BREAK = re.compile(r"([^\W_]+)-[ \t]*\n[ \t]*([^\W\d_]+)")
_SHARED_PART = {"og", "eller", "og/eller", "enn"}


def normal(text):
    return unicodedata.normalize("NFC", text).replace("\u00ad", "").lower()


def join_breaks(text):
    """PDF text with the words it hyphenated over a line break joined."""
    def one(m):
        before, nxt = m.group(1), m.group(2)
        if (nxt.lower() in _SHARED_PART or nxt[0].isupper() or len(before) == 1
                or before[-1].isupper() or before[-1].isdigit()):
            return m.group(0)  # "helse-/og", "Nord-/Norge", "e-/helse", "IKT-/standarder"
        return before + nxt
    return _BREAK.sub(one, text)


def words(text):
    """[(word, start offset)] of a text, in its own positions (for pages,
    where each word needs its line and column)."""
    text = unicodedata.normalize("NFC", text)
    return [(normal(m.group(0)), m.start()) for m in _WORD.finditer(text)]


def source_words(text):
    """The words of a source text (PDF text): breaks joined, normalised."""
    return _WORD.findall(normal(join_breaks(unicodedata.normalize("NFC", text))))


def shingle_hash(ws):
    h = hashlib.blake2b(" ".join(ws).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(h, "big") >> (64 - BITS)


def shingles(ws, n):
    """The hashes of every n words in a row (a list, in order)."""
    return [shingle_hash(ws[i:i + n]) for i in range(len(ws) - n + 1)]


# --- the committed index: sorted hashes, delta-coded -----------------------

MAGIC = b"varde-kildeord 1\n"


def encode(hashes, n, header=""):
    """Sorted unique hashes as LEB128 deltas after a text header (the words
    per shingle and the bits per hash; no text of the source)."""
    out = bytearray(MAGIC)
    out += f"n={n} bits={BITS} antall={len(hashes)} {header}".rstrip().encode("utf-8") + b"\n"
    prev = 0
    for h in sorted(set(hashes)):
        d = h - prev
        prev = h
        while d >= 0x80:
            out.append((d & 0x7F) | 0x80)
            d >>= 7
        out.append(d)
    return bytes(out)


def decode(data):
    """(n, set of hashes) from encode()'s bytes."""
    if not data.startswith(MAGIC):
        raise ValueError("ikke en kildeord-indeks")
    end = data.index(b"\n", len(MAGIC))
    fields = dict(f.split("=", 1) for f in data[len(MAGIC):end].decode("utf-8").split() if "=" in f)
    if int(fields["bits"]) != BITS:
        raise ValueError(f"indeksen har {fields['bits']} bit per hash, verktøyet {BITS}")
    out, prev, d, shift = set(), 0, 0, 0
    for b in data[end + 1:]:
        d |= (b & 0x7F) << shift
        if b & 0x80:
            shift += 7
            continue
        prev += d
        out.add(prev)
        d = shift = 0
    return int(fields["n"]), out
