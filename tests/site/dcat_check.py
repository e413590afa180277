"""Checks a DCAT-AP-NO catalogue in Turtle against the required properties of
DCAT-AP-NO 2 (Digdir's SHACL shapes DCAT-AP-NO-shacl_shapes_2.00.ttl: every
sh:minCount/sh:maxCount, sh:nodeKind and sh:class of the classes the catalogue
uses), and that every distribution's download URL is a file the build wrote.
Parses with rdflib (Debian: python3-rdflib). Prints ok / not ok lines.

usage: python3 dcat_check.py katalog.ttl PUBLIC_DIR BASE_URL
"""
import os
import sys

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS as DCT, FOAF, RDF, SKOS

DCAT = Namespace("http://www.w3.org/ns/dcat#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

failures = 0


def check(name, cond, details=()):
    global failures
    if cond:
        print(f"ok {name}")
    else:
        failures += 1
        print(f"not ok {name}")
        for d in list(details)[:10]:
            print(f"  {d}")


def main(path, public, base):
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # a syntax error is the first thing to report
        check("the catalogue is valid Turtle", False, [str(e)])
        return
    check("the catalogue is valid Turtle", len(g) > 0)

    # (class, property, min, max, node kind, class of the value)
    rules = [
        (DCAT.Catalog, DCT.title, 1, None, "literal", None),
        (DCAT.Catalog, DCT.description, 1, None, "literal", None),
        (DCAT.Catalog, DCT.identifier, 1, 1, "literal", None),
        (DCAT.Catalog, DCT.publisher, 1, 1, None, FOAF.Agent),
        (DCAT.Catalog, DCAT.dataset, 0, None, None, DCAT.Dataset),
        (DCAT.Catalog, FOAF.homepage, 0, 1, None, FOAF.Document),
        (DCAT.Catalog, DCT.language, 0, None, None, DCT.LinguisticSystem),
        (DCAT.Dataset, DCT.title, 1, None, "literal", None),
        (DCAT.Dataset, DCT.description, 1, None, "literal", None),
        (DCAT.Dataset, DCT.identifier, 1, None, "literal", None),
        (DCAT.Dataset, DCT.publisher, 1, 1, None, FOAF.Agent),
        (DCAT.Dataset, DCAT.theme, 1, None, None, SKOS.Concept),
        (DCAT.Dataset, DCAT.distribution, 0, None, None, DCAT.Distribution),
        (DCAT.Dataset, DCAT.contactPoint, 0, None, None, VCARD.Kind),
        (DCAT.Dataset, DCAT.keyword, 0, None, "literal", None),
        (DCAT.Dataset, DCAT.landingPage, 0, None, None, FOAF.Document),
        (DCAT.Dataset, DCT.language, 0, None, None, DCT.LinguisticSystem),
        (DCAT.Dataset, DCT.modified, 0, 1, "date", None),
        (DCAT.Distribution, DCAT.accessURL, 1, None, "iri", None),
        (DCAT.Distribution, DCT.license, 0, 1, None, DCT.LicenseDocument),
        (DCAT.Distribution, DCT.format, 0, None, None, DCT.MediaTypeOrExtent),
        (DCAT.Distribution, DCAT.mediaType, 0, 1, None, DCT.MediaType),
        (DCAT.Distribution, DCT.title, 0, None, "literal", None),
        (FOAF.Agent, FOAF.name, 1, None, "literal", None),
        (FOAF.Agent, DCT.identifier, 0, 1, "literal", None),
        (SKOS.Concept, SKOS.prefLabel, 1, None, "literal", None),
    ]
    counts = {}
    for cls, prop, lo, hi, kind, vcls in rules:
        nodes = list(g.subjects(RDF.type, cls))
        counts[cls] = len(nodes)
        bad = []
        for n in nodes:
            vals = list(g.objects(n, prop))
            if len(vals) < lo:
                bad.append(f"{n}: no {g.qname(prop)}")
            if hi is not None and len(vals) > hi:
                bad.append(f"{n}: {len(vals)} values of {g.qname(prop)} (at most {hi})")
            for v in vals:
                if kind == "literal" and not isinstance(v, Literal):
                    bad.append(f"{n}: {g.qname(prop)} is not a literal")
                if kind == "iri" and isinstance(v, Literal):
                    bad.append(f"{n}: {g.qname(prop)} is not an IRI")
                if kind == "date" and not (isinstance(v, Literal) and v.datatype in (
                        URIRef("http://www.w3.org/2001/XMLSchema#date"),
                        URIRef("http://www.w3.org/2001/XMLSchema#dateTime"))):
                    bad.append(f"{n}: {g.qname(prop)} is not an xsd:date")
                if vcls is not None and (v, RDF.type, vcls) not in g:
                    bad.append(f"{n}: {g.qname(prop)} {v} is not a {g.qname(vcls)}")
        check(f"{g.qname(cls)} {g.qname(prop)}: {lo}..{hi or 'n'}"
              f"{' ' + kind if kind else ''}{' a ' + g.qname(vcls) if vcls else ''} ({len(nodes)} nodes)",
              not bad, bad)

    check("one catalogue", counts.get(DCAT.Catalog) == 1, [counts.get(DCAT.Catalog)])
    datasets = list(g.subjects(RDF.type, DCAT.Dataset))
    check("every dataset is in the catalogue",
          all((c, DCAT.dataset, d) in g for d in datasets for c in g.subjects(RDF.type, DCAT.Catalog)))
    check("every dataset has a CSV and a JSON distribution", datasets and all(
        {str(u).rsplit(".", 1)[-1] for dist in g.objects(d, DCAT.distribution)
         for u in g.objects(dist, DCAT.downloadURL)} >= {"csv", "json"} for d in datasets))
    missing = []
    for u in g.objects(None, DCAT.downloadURL):
        u = str(u)
        if not u.startswith(base):
            missing.append(f"{u} is not on {base}")
            continue
        if not os.path.isfile(os.path.join(public, u[len(base):])):
            missing.append(f"{u}: no such file in the build")
    check("every download URL is a file the build wrote", not missing, missing)
    nlod = URIRef("https://data.norge.no/nlod/no/2.0")
    check("every distribution is licensed under NLOD 2.0",
          all((d, DCT.license, nlod) in g for d in g.subjects(RDF.type, DCAT.Distribution)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
    sys.exit(1 if failures else 0)
