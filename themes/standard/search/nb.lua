-- How search reads bokmål (docs/search.md). site.lua may override any key in
-- the language's entry: languages = { { code = "nb", search = { … } } }.
return {
  -- Snowball's algorithm in libstemmer; search.js has a port of it
  stemmer = "norwegian",
  -- compounds are split against the site's own words (helsetjenesten:
  -- helse|tjenesten), so a part finds the whole
  compounds = true,
  -- Words that carry no meaning in a query. The second half are the question
  -- and filler words people type around what they look for ("hvordan får jeg
  -- …", "hva er …"): left in, they would make a query require words no page
  -- is about. An index holds the written forms published in place together
  -- (bokmål and nynorsk), with the stop words of both.
  stopwords = [[
    og i på for til av med som er en et ei det den de å at om har kan ble fra ved skal seg sin
    sitt sine eller ikke også etter enn dette disse blir vil var så da når hvor hva samt slik noe
    noen må bli vært være hadde deres dem der men mot bare nå
    hvordan hvorfor hvem hvilke hvilken hvilket hvis får få fikk jeg meg min mitt mine vi oss du
    deg man finnes fins gjør gjøre mange mye hos inn ut
  ]],
}
