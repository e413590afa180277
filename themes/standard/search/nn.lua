-- How search reads nynorsk (docs/search.md). Nynorsk pages stand among the
-- bokmål ones and share their index: its stop words join bokmål's there.
return {
  stemmer = "norwegian",
  compounds = true,
  -- the nynorsk forms of the words bokmål leaves out (nb.lua)
  stopwords = [[
    ikkje eg dei desse kva korleis kvifor kven kvar frå òg berre vere vore vart då noko nokon
    nokre eit ein mykje hjå sidan medan
    kor finst gjer fekk
  ]],
  -- The same word in bokmål and nynorsk: { bokmål, nynorsk }. Pages are
  -- written in either form and people search in either, mostly bokmål. The
  -- index gives every word the other form as well, by these pairs applied at
  -- the beginning of the word as written (sjukeheimar: sykeheimar), at the
  -- end of its stem (helsetenest: helsetjenest) and inside compounds, so one
  -- pair covers every compound and inflection of its words (docs/search.md,
  -- "Bokmål and nynorsk"). Where two pairs name one word, the first wins.
  -- Common words of the public sector, not one site's vocabulary; a site
  -- replaces the list in site.lua: languages = { { code = "nn",
  -- search = { variants = { … } } } }.
  variants = {
    { "tjeneste", "teneste" }, { "syk", "sjuk" }, { "hjem", "heim" }, { "hjemme", "heime" },
    { "ansatt", "tilsett" }, { "leder", "leiar" }, { "ledere", "leiarar" }, { "ledelse", "leiing" },
    { "veiledning", "rettleiing" }, { "veileder", "rettleiar" }, { "veilede", "rettleie" },
    { "forskning", "forsking" }, { "forsker", "forskar" }, { "forebygging", "førebygging" },
    { "forebyggende", "førebyggjande" }, { "forebygge", "førebyggje" },
    { "utredning", "utgreiing" }, { "tilskudd", "tilskot" }, { "virksomhet", "verksemd" },
    { "foretak", "føretak" }, { "vold", "vald" }, { "selv", "sjølv" }, { "atferd", "åtferd" },
    { "videre", "vidare" }, { "undersøkelse", "undersøking" }, { "fravær", "fråvær" },
    { "bruker", "brukar" }, { "brukere", "brukarar" }, { "pleier", "pleiar" },
    { "arbeidere", "arbeidarar" }, { "deltaker", "deltakar" }, { "deltakere", "deltakarar" },
    { "lidelse", "liding" }, { "lidelser", "lidingar" }, { "skole", "skule" },
    { "høyskole", "høgskule" }, { "høgskole", "høgskule" }, { "tilbud", "tilbod" },
    { "øke", "auke" }, { "bolig", "bustad" }, { "heldøgns", "heildøgns" }, { "oppgave", "oppgåve" },
    { "mulig", "mogleg" }, { "sammen", "saman" }, { "begrep", "omgrep" },
    { "medvirkning", "medverknad" }, { "arbeidsgiver", "arbeidsgjevar" },
    { "innbygger", "innbyggjar" }, { "hverdag", "kvardag" }, { "fremtid", "framtid" },
    { "spredning", "spreiing" }, { "mestring", "meistring" }, { "lav", "låg" },
    { "håndtering", "handtering" }, { "nedsettelse", "nedsetjing" }, { "nedsatt", "nedsett" },
    { "sentrene", "sentera" }, { "vitere", "vitarar" }, { "mottaker", "mottakar" },
    { "enhet", "eining" }, { "enheter", "einingar" }, { "innvandrere", "innvandrarar" },
    { "pasienter", "pasientar" }, { "virkemiddel", "verkemiddel" }, { "utvalg", "utval" },
    { "pårørende", "pårørande" },
  },
}
