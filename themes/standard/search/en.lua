-- How search reads English (docs/search.md). A language with a URL prefix
-- (English translations under /en/) has an index of its own under
-- /<prefix>/<paths.search>/, read this way.
return {
  -- Snowball's English stemmer (Porter2); search.js has a port of it
  stemmer = "english",
  -- English writes its compounds apart: nothing to split
  compounds = false,
  -- Words that carry no meaning in a query, with the question and filler
  -- words people type around what they look for ("how do I …", "what is …").
  stopwords = [[
    a an the and or but if as of at by for with about into through to from in on off over under
    than then so too very such no nor not only own same is are was were be been being am
    have has had having do does did doing would should could can will shall may might must
    i me my myself we us our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves this that these those
    what which who whom whose where when why how there here all any both each few more most other
    some again further once also just up out get find
  ]],
}
