-- How search reads nynorsk (docs/search.md). Nynorsk pages stand among the
-- bokmål ones and share their index: its stop words join bokmål's there.
return {
  stemmer = "norwegian",
  compounds = true,
  -- the nynorsk forms of the words bokmål leaves out (nb.lua)
  stopwords = [[
    ikkje eg dei desse kva korleis kvifor kven kvar frå òg berre vere vore vart då noko nokon
    nokre eit ein mykje hjå sidan medan
  ]],
}
