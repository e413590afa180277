-- site.lua: the knowledge bank's configuration and content model.
-- Plain Lua, run in varde's sandbox. It returns one table; see docs/editors-guide.md.

-- Controlled vocabularies. A value outside these lists is an error, so a typo
-- cannot create a new tema or målgruppe by accident.
local tema = {
  "Rekruttering og bemanning", "Utdanning", "Videreutdanning", "Kompetanseheving",
  "Ledelse", "Forskning og innovasjon", "Tjenesteutvikling", "Teamarbeid",
  "Samhandling", "Oppgavedeling", "Sosialfaglig kompetanse",
  "Demens", "Eldre", "Psykisk helse", "Rus", "Utviklingshemming",
  "Lindrende behandling", "Helsestasjon og skolehelsetjeneste", "Barn og unge",
  "Allmennlegetjenesten", "Legevakt og akuttmedisin", "Vold og overgrep",
  "Legemidler", "Ernæring", "Habilitering og rehabilitering", "Velferdsteknologi",
  "E-helse", "Etikk", "Kultur og helse", "Samisk helse", "Innvandrere og minoriteter",
  "Folkehelse og forebygging", "Pårørende", "Brukermedvirkning",
  "Kvalitet og pasientsikkerhet", "Kronisk sykdom", "Tannhelse", "Frivillighet",
  "Finansiering", "Lovverk", "Statistikk", "Innsatte", "Barnevern", "Arbeidsmiljø",
  "Selvmordsforebygging", "Nevrologi", "Bolig og heldøgns omsorg", "Tolking og språk",
}

local malgrupper = {
  "Kommuner", "Fylkeskommuner", "Ledere", "Ansatte i helse- og omsorgstjenesten",
  "Ansatte i omsorgstjenesten", "Ansatte i psykisk helse- og rusarbeid", "Ufaglærte",
  "Helsefagarbeidere", "Sykepleiere", "Leger", "Allmennleger", "Psykologer",
  "Fysioterapeuter", "Ergoterapeuter", "Vernepleiere", "Sosionomer",
  "Barnevernspedagoger", "Helsesøstre", "Jordmødre", "Fremmedspråklige",
  "Studenter", "Utdanningsinstitusjoner", "Frivillige",
  "Pasienter og brukere", "Pårørende", "Eldre", "Personer med demens",
  "Barn og unge", "Personer med utviklingshemming", "Personer med funksjonsnedsettelser",
  "Personer med psykiske lidelser", "Personer med rusproblemer",
  "Samisk befolkning", "Innvandrere", "Personer utsatt for vold", "Innsatte",
  "Menn", "Elever og lærlinger", "Personer med kronisk sykdom", "Tannhelsepersonell",
  "Hele befolkningen", "Frivillige organisasjoner", "Ansatte i spesialisthelsetjenesten",
  "Velferdsvitere", "Miljøterapeuter", "Gravide og foreldre",
}

local ansvarlig = {
  "Helse- og omsorgsdepartementet", "Kunnskapsdepartementet", "Helsedirektoratet",
  "Fylkesmannen", "Fylkeskommunene", "Kommunene", "KS", "NOKUT",
  "Folkehelseinstituttet", "Regionale helseforetak", "Helse Sør-Øst RHF",
  "Universiteter og høgskoler", "Universitetet i Bergen", "Nord universitet",
  "Handelshøyskolen BI", "Nasjonal kompetansetjeneste for aldring og helse",
  "Utviklingssentrene for sykehjem og hjemmetjenester",
  "Nasjonalt kompetansesenter for legevaktmedisin",
  "Stiftelsen Livsglede for eldre", "Verdighetssenteret",
  "Foreningen for barnepalliasjon", "Regjeringen", "Direktoratet for e-helse",
  "Fellesorganisasjonen (FO)", "Barne-, likestillings- og inkluderingsdepartementet",
  "Justis- og beredskapsdepartementet", "Kommunal- og moderniseringsdepartementet",
  "Arbeids- og sosialdepartementet", "Sametinget", "Husbanken", "Den norske legeforening",
  "Statens helsetilsyn", "Norges forskningsråd", "Nasjonalt kunnskapssenter for helsetjenesten",
  "Høgskolen i Oslo og Akershus", "Nasjonalt senter for e-helseforskning",
  "Regionale kompetansesentre for lindrende behandling", "Frivillighet Norge",
}

local virkemiddel = {
  "tilskudd", "utredning", "utdanning", "kompetanseprogram", "nettverk",
  "regelverk", "driftsmidler", "informasjon", "annet",
}

local status = { "planlagt", "pågår", "gjennomført", "avsluttet", "ukjent" }

local kilde = {
  type = "object",
  fields = {
    { name = "dokument", type = "string" },
    { name = "side", type = "string" },
    { name = "tittel", type = "string" },
    { name = "url", type = "url" },
    -- numbers the page takes from this source that tools/kildetall.py cannot
    -- find written in the documents it reads: a fact from an outside source
    -- (with its url), a sum or count the knowledge bank made itself
    { name = "tall", type = "list", of = "string" },
  },
  -- a citation names its source (a document or a title) and where in it
  -- (a page or a URL); an entry missing either is an error
  required_one_of = { { "dokument", "tittel" }, { "side", "url" } },
}

return {
  title = "Kunnskapsbanken for kompetanse og personell",
  description = "Statens tiltak, kompetansesentre og strategier for kompetanse og bemanning i de kommunale helse- og omsorgstjenestene.",
  base_url = "https://kunnskapsbanken.example.no/",
  language = "nb",
  -- The languages the site publishes in. Nynorsk pages stand among the
  -- bokmål ones (språk: nn in the front matter); språklova asks a state body
  -- for at least 25 % of each written form, and `varde check` warns below
  -- min_share. English pages are translations beside their originals
  -- (x.en.md), published under /en/.
  languages = {
    { code = "nb", name = "Norsk (bokmål)", label = "Norsk" },
    { code = "nn", name = "Norsk (nynorsk)", label = "Norsk", min_share = 0.25,
      -- this site's own words (templates/) and its types' and fields' names in nynorsk
      strings = {
        sources = "Kjelder", source_page_one = "side", source_page_other = "sidene", list_and = "og",
        related_same = "Relaterte {type}", related_other = "Andre {type}",
        follows_up = "Følgjer opp", followed_up_by = "Blir følgt opp av",
        -- the site's own wording of theme strings a nynorsk page shows (as in `strings` below)
        period_over = "Perioden for {plan} ({period}) er over. Kunnskapsbanken har ikkje nyare opplysningar om status.",
        added = "Lagt inn i kunnskapsbanken",
        last_changed = "Sist endra i kunnskapsbanken",
        search_site = "Søk i kunnskapsbanken",
      },
      labels = {
        types = {
          plan = { title = "Planar", about = "Om planen" },
          strategi = { title = "Strategiar", about = "Om strategien" },
          kompetansesenter = { title = "Kompetansesenter" },
          innspill = { title = "Innspel", singular = "Innspel", about = "Om innspelet" },
        },
        fields = {
          kortnavn = "Kortnamn", utgiver = "Utgjevar", nettside = "Nettstad",
          virkemiddel = "Verkemiddel", ansvarlig = "Ansvarleg", kapittel = "Kapittel i meldinga",
          ["tiltak.kompetansesentre"] = { "Kompetansesenter", "Kompetansesenter" },
          forkortelse = "Forkorting", sted = "Stad", regioner = { "Region", "Regionar" },
          avsender = "Avsendar", mottaker = "Mottakar", gjelder = "Gjeld",
        },
      } },
    { code = "en", name = "English", prefix = "en",
      title = "The knowledge bank on competence and staffing",
      description = "The Norwegian government's measures, competence centres and strategies for competence and staffing in the municipal health and care services.",
      untranslated = "this page is not in English; the link goes to the English home page",
      strings = {
        sources = "Sources", source_page_one = "page", source_page_other = "pages", list_and = "and",
        related_same = "Related {type}", related_other = "Other {type}",
        follows_up = "Follows up", followed_up_by = "Followed up by",
        -- the English search page (in `pages` below; its index is at /en/sok/)
        search_site = "Search the knowledge bank",
        search_description = "Search the English pages of the knowledge bank: the plans, the strategies of Kompetanseløft 2020 and the pages about the knowledge bank.",
        search_help = "Type one or more words, for example “recruitment”, “leadership” or “white paper”.",
        search_needs_js_all = "Search needs JavaScript. Without it, you will find every page in English on",
        search_all_pages = "the English home page",
        search_ways_az = "You can also find every page in English on",
      },
      -- the types' names on English pages (the English home lists its pages by type)
      labels = {
        types = {
          plan = { title = "Plans", singular = "Plan" },
          strategi = { title = "Strategies", singular = "Strategy" },
          tiltak = { title = "Measures", singular = "Measure" },
          kompetansesenter = { title = "Competence centres", singular = "Competence centre" },
          innspill = { title = "Inputs", singular = "Input" },
          statistikk = { title = "Statistics", singular = "Statistics" },
          side = { title = "Pages", singular = "Page" },
        },
        -- shown with a result of the English search
        fields = { ["år"] = "Year" },
      },
      menu = {
        { title = "Kompetanseløft 2020", url = "/en/planer/kompetanseloft-2020/" },
        { title = "The white paper", url = "/en/planer/fremtidens-primaerhelsetjeneste/" },
        { title = "About", url = "/en/om-kunnskapsbanken/" },
        { title = "Norwegian pages", url = "/" },
      },
      footer = {
        { url = "/en/tilgjengelighetserklaering/", title = "Accessibility statement" },
        { url = "/en/om-kunnskapsbanken/", title = "About the knowledge bank" },
        { url = "/apne-data/", title = "Open data (in Norwegian)" },
      } },
  },
  theme = "standard",

  -- Which field plays which part: the engine knows fields by role, never by
  -- name. A type may override these with its own `roles`.
  roles = { title = "tittel", summary = "sammendrag", draft = "utkast", language = "språk",
            number = "nummer", abbreviation = "forkortelse" },
  -- Where the build writes what it makes itself: /endringer/ (change
  -- history), /filer/ (files beside the pages), /sok/ (search index),
  -- /data/ (open data). No page may take a URL inside them.
  paths = { changes = "endringer", files = "filer", search = "sok", data = "data" },
  -- The commit message trailer shown to readers as a change note.
  change_note = "Endringsnotat",
  home_type = "side",

  -- Links in the footer (a page's own title unless one is given).
  footer = {
    { url = "/tilgjengelighetserklaering/", title = "Tilgjengelighetserklæring" },
    { url = "/personvern/" },
    { url = "/om-kunnskapsbanken/" },
    { url = "/apne-data/" },
    { url = "/a-a/", title = "A–Å: alle sider" },
  },
  index_url = "/a-a/",  -- the A–Å page, offered on the 404 page

  -- This site's wording of the theme's strings (themes/standard/strings/nb.lua).
  strings = {
    taxonomy_lead = "Velg {what} for å se tiltak, kompetansesentre og andre sider som hører til.",
    period_over = "Perioden for {plan} ({period}) er over. Kunnskapsbanken har ikke nyere opplysninger om status.",
    added = "Lagt inn i kunnskapsbanken",
    last_changed = "Sist endret i kunnskapsbanken",
    search_site = "Søk i kunnskapsbanken",
    search_description = "Søk i tiltak, kompetansesentre, strategier, planer og innspill.",
    search_help = "Skriv ett eller flere ord, for eksempel «demens», «legevakt» eller et tiltaksnummer som «3.17».",
    latest_changes_description = "De siste endringene i kunnskapsbanken.",
    latest_changes_lead = "Her er de siste endringene i kunnskapsbanken. Du kan også følge dem med en",
    az_lead = "Alle {n} sider i kunnskapsbanken i alfabetisk rekkefølge.",
    -- words of this site's own templates (templates/partials/sources.html, related.html)
    sources = "Kilder", source_page_one = "side", source_page_other = "sidene", list_and = "og",
    related_same = "Relaterte {type}", related_other = "Andre {type}",
    follows_up = "Følger opp", followed_up_by = "Følges opp av",
  },
  raw_html = false,
  contact = "kunnskapsbanken@example.no",
  source_url = "https://example.no/varde",

  -- The documents pages cite in kilder (by their dokument name): what they are,
  -- who published them and where to read them. A url only where the sources
  -- themselves give one (never guessed); pdf_pages = true only when the
  -- publisher's PDF has been checked to take #page=N with the printed page
  -- numbers the kilder use. publisher_url is the publisher's own site as the
  -- document names it; language, the language its title is in (marked with
  -- lang on pages in other languages).
  documents = {
    ["Meld. St. 26 (2014–2015)"] = {
      title = "Fremtidens primærhelsetjeneste – nærhet og helhet",
      language = "nb",
      publisher = "Helse- og omsorgsdepartementet",
      -- the PDF FO's input to Nasjonal helse- og samhandlingsplan cites (its footnote 4)
      url = "https://www.regjeringen.no/contentassets/d30685b2829b41bf99edf3e3a7e95d97/no/pdfs/stm201420150026000dddpdfs.pdf",
    },
    ["IS-2684"] = {
      title = "Kompetanse og personell i helse- og omsorgstjenesten i kommunene. Status 2016 for Kompetanseløft 2020",
      language = "nb",
      publisher = "Helsedirektoratet",
      -- the report's colophon gives the publisher's site, not the report's own address
      publisher_url = "https://www.helsedirektoratet.no/",
    },
    ["Innspill fra FO til Helsepersonellkommisjonen om oppgavedeling i helsetjenestene"] = {
      language = "nb",
      publisher = "Fellesorganisasjonen (FO)",
      -- the address FO's input after the meeting on the opptrappingsplan gives for it (footnote 1)
      url = "https://files.nettsteder.regjeringen.no/wpuploads01/sites/494/ninja-forms/3/Innspill-fra-FO-til-Helsepersonellkommisjonen-om-oppgavedeling-i-helsetjenestene.pdf",
    },
  },

  -- Open data as CSV that Norwegian Excel opens as it is: semicolons and a BOM.
  csv_separator = ";",
  csv_bom = true,

  -- The open data: what each dataset (data/<type>.json and .csv) holds, its
  -- licence and how it is kept up to date. Shown on /apne-data/ and in the
  -- DCAT-AP-NO catalogue /apne-data/katalog.ttl that data.norge.no can harvest.
  open_data = {
    licence = { name = "Norsk lisens for offentlige data (NLOD) 2.0", url = "https://data.norge.no/nlod/no/2.0" },
    update = "Datasettene lages på nytt hver gang kunnskapsbanken publiseres, fra de samme filene som sidene. De er derfor alltid like nye som nettstedet.",
    -- EU's data theme for every dataset (DCAT-AP-NO requires one)
    theme = { url = "http://publications.europa.eu/resource/authority/data-theme/HEAL", label = "Helse" },
    -- pages of these types link to the data (lists always do)
    linked_from = { "statistikk" },
    keywords = { "helse- og omsorgstjenester", "kommuner", "kompetanse", "rekruttering", "bemanning" },
    datasets = {
      plan = "Planene og meldingene kunnskapsbanken bygger på, med utgiver, år og periode.",
      strategi = "Strategiene i Kompetanseløft 2020, med nummer og plan.",
      tiltak = "Statens tiltak for kompetanse og bemanning i de kommunale helse- og omsorgstjenestene: plan, strategi, virkemiddel, ansvarlig, målgrupper, tema, status med dato og kilde, periode og kilder.",
      kompetansesenter = "Nasjonale og regionale kompetansesentre for helse- og omsorgstjenestene i kommunene: vertsinstitusjon, sted, regioner, nettside, målgrupper og tema.",
      innspill = "Innspill fra Fellesorganisasjonen (FO) til planer og utvalg: avsender, mottaker, dato og hva de gjelder.",
      statistikk = "Oversikter over statistikk om personell og tjenester i kommunene (årsverk, utdanning, mottakere), med periode og kilder.",
      side = "Faste sider om kunnskapsbanken.",
    },
  },

  menu = {
    { title = "Tiltak", url = "/tiltak/" },
    { title = "Kompetansesentre", url = "/kompetansesentre/" },
    { title = "Strategier", url = "/strategier/" },
    { title = "Planer", url = "/planer/" },
    { title = "Innspill", url = "/innspill/" },
    { title = "Statistikk", url = "/statistikk/" },
  },

  -- Pages made from a template alone.
  pages = {
    { url = "/a-a/", template = "az.html", title = "A–Å" },
    { url = "/sok/", template = "search.html", title = "Søk" },
    -- the English pages' search, in English, over their own index
    { url = "/en/sok/", template = "search.html", title = "Search", language = "en" },
    { url = "/apne-data/", template = "apne-data.html", title = "Åpne data" },
    { url = "/apne-data/katalog.ttl", template = "katalog.ttl", title = "Datakatalog (DCAT-AP-NO)" },
  },

  -- Search: words people type for what the pages call something else (new
  -- names, everyday words, older terms). A query with the words of one entry
  -- also finds the other entries, and the results page says so ("Viser også
  -- treff på …"). With one_way = true only the first entry leads to the rest
  -- (a search for "demens" should not also show "alzheimer"). Keep the list
  -- short and reviewed: every line widens what a query finds.
  search = {
    synonyms = {
      { "helsesøster", "helsesykepleier" },
      { "fylkesmannen", "statsforvalteren" },
      { "fylkesmann", "statsforvalter" },
      { "selvmord", "suicid" },
      { "psykiatri", "psykisk helse", one_way = true },
      { "alzheimer", "demens", one_way = true },
      { "eldreomsorg", "omsorg for eldre", one_way = true },
      { "rusomsorg", "rus", one_way = true },
      { "rusavhengighet", "rusproblemer", one_way = true },
      { "palliativ", "lindrende", one_way = true },
      { "hjemmesykepleie", "hjemmetjenester", one_way = true },
      { "tannlege", "tannhelse", one_way = true },
      { "fastlege", "allmennlege", one_way = true },
      { "assistent", "ufaglært", one_way = true },
      { "jordmor", "jordmødre" },                       -- a plural the stemmer cannot join
      { "hjelpepleier", "helsefagarbeider", one_way = true }, -- the older titles
      { "omsorgsarbeider", "helsefagarbeider", one_way = true },
      { "helsedirektoratet", "hdir" },
      { "sykehjemsplass", "heldøgns omsorg", one_way = true },
      -- Bokmål and nynorsk forms of one word (tjeneste/teneste, syk/sjuk, …)
      -- need no entry here: the theme's search/nn.lua pairs them for every
      -- compound and inflection (docs/search.md, "Bokmål and nynorsk").
      { "kompetansesentre", "kompetansesenter" },       -- a plural the stemmer cannot join
      -- A field's name typed with what it is about ("status lederutdanningen
      -- 2016", "hvem er ansvarlig for …"): the page holds the field's values,
      -- not its name, so the name leads to its values (the status taxonomy).
      { "status", "pågår", "gjennomført", "planlagt", "avsluttet", one_way = true },
      -- Everyday words for what the pages call bemanning and rekruttering.
      { "personalmangel", "rekruttering og bemanning", one_way = true },
      { "bemanningskrise", "bemanning", one_way = true },
      { "mangel på personell", "bemanning", one_way = true },
      { "mangel på fagfolk", "rekruttering", one_way = true },
      -- "kurs" is what people call the opplæringsprogram the measures describe
      { "kurs", "opplæring", one_way = true },
      -- Everyday words for the groups the pages name officially
      { "utenlandske", "fremmedspråklige", "innvandrere", one_way = true },
      { "minoritetsspråklige", "fremmedspråklige", "innvandrere", one_way = true },
      { "heltidskultur", "heltid", one_way = true },
      -- Everyday and older words for the groups the pages name in today's terms
      { "funksjonshemmede", "funksjonsnedsettelser", "nedsatt funksjonsevne", one_way = true },
      { "psykisk utviklingshemmede", "utviklingshemming", one_way = true },
      { "psykisk syke", "psykiske lidelser", one_way = true },
      { "rusmisbruk", "rusproblemer", one_way = true },
      { "fanger", "innsatte", one_way = true },
      { "døende", "livets slutt", one_way = true },
      -- The name people give a white paper (primærhelsemeldingen: Meld. St. 26)
      { "primærhelsemeldingen", "fremtidens primærhelsetjeneste", one_way = true },
      -- Files people want to download: the open data (about, /apne-data/).
      { "regneark", "åpne data", one_way = true },
      { "excel", "åpne data", one_way = true },
      { "csv", "åpne data", one_way = true },
      { "datasett", "åpne data", one_way = true },
      -- Who runs the knowledge bank and how to reach it.
      { "redaksjonen", "kunnskapsbanken", one_way = true },
    },
    -- Fields shown with each result (when the page has them), after its type
    -- and number: where a measure stands, and when.
    result_fields = { "status", "status_per", "dato", "år" },
  },

  taxonomies = {
    { name = "tema", title = "Tema", path = "tema" },
    { name = "malgrupper", title = "Målgrupper", path = "malgrupper" },
    { name = "ansvarlig", title = "Ansvarlig", path = "ansvarlig" },
    { name = "virkemiddel", title = "Virkemiddel", path = "virkemiddel" },
    { name = "status", title = "Status", path = "status" },
  },

  -- Fields every type has, after its own.
  common_fields = {
    { name = "sammendrag", type = "text", required = true },
    { name = "kilder", type = "list", of = kilde, required = true, factbox = false },
    { name = "utkast", type = "bool" },
    -- the written form of a page that is not in bokmål
    { name = "språk", type = "enum", values = { "nb", "nn" }, label = "Målform" },
  },

  types = {
    { name = "plan", title = "Planer", singular = "Plan", folder = "planer", url = "/planer/{slug}/",
      description = "Planene og stortingsmeldingene som tiltakene i kunnskapsbanken hører til.",
      about = "Om planen",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "kortnavn", label = "Kortnavn", type = "string", required = true },
        { name = "utgiver", label = "Utgiver", type = "string", required = true },
        { name = "år", label = "År", type = "integer", required = true },
        { name = "dokument", label = "Dokument", type = "string" },
        { name = "periode", label = "Periode", type = "string", period = true },
        { name = "tema", label = "Tema", type = "list", of = "enum", values = tema, taxonomy = "tema" },
        { name = "nettside", label = "Nettside", type = "url" },
      } },
    { name = "strategi", title = "Strategier", singular = "Strategi", folder = "strategier", url = "/strategier/{slug}/",
      description = "Strategiene i Kompetanseløft 2020. Hver strategi samler tiltak med samme mål.",
      about = "Om strategien",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "nummer", label = "Nummer", type = "integer", required = true },
        { name = "plan", label = "Plan", type = "ref", to = "plan", required = true },
      } },
    { name = "tiltak", title = "Tiltak", singular = "Tiltak", folder = "tiltak", url = "/tiltak/{slug}/",
      about = "Om tiltaket",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "nummer", label = "Nummer", type = "list", of = "string" },
        { name = "plan", label = "Plan", type = "ref", to = "plan", required = true },
        { name = "strategier", label = "Strategi", plural = "Strategier", type = "list", of = "ref", to = "strategi" },
        { name = "virkemiddel", label = "Virkemiddel", type = "enum", values = virkemiddel, required = true, taxonomy = "virkemiddel" },
        { name = "ansvarlig", label = "Ansvarlig", type = "list", of = "enum", values = ansvarlig, taxonomy = "ansvarlig" },
        { name = "målgrupper", label = "Målgruppe", plural = "Målgrupper", type = "list", of = "enum", values = malgrupper, taxonomy = "malgrupper" },
        { name = "tema", label = "Tema", type = "list", of = "enum", values = tema, taxonomy = "tema" },
        -- A status holds as of a time and according to a source: the templates show
        -- "Pågår per 2016, ifølge IS-2684" and, when a later page follows the measure
        -- up (followed_up_by), that page's status and date too. period_from names the
        -- ref whose period (a field marked period = true) says when the plan ended.
        { name = "status", label = "Status", type = "enum", values = status, required = true, taxonomy = "status",
          as_of = "status_per", according_to = "statuskilde", followed_up_by = "følges_opp_av",
          period_from = "plan" },
        { name = "status_per", type = "string", required = true, label = "Status per" },
        { name = "statuskilde", type = "string", required = true, label = "Statuskilde" },
        { name = "periode", label = "Periode", type = "string", period = true },
        { name = "kapittel", label = "Kapittel i meldingen", type = "string" },
        { name = "kompetansesentre", label = "Kompetansesenter", plural = "Kompetansesentre", type = "list", of = "ref", to = "kompetansesenter" },
        { name = "relaterte", type = "list", of = "ref", to = "tiltak", factbox = false },
        { name = "følges_opp_av", type = "list", of = "ref", to = "tiltak", factbox = false },
      } },
    { name = "kompetansesenter", title = "Kompetansesentre", singular = "Kompetansesenter", folder = "kompetansesentre", url = "/kompetansesentre/{slug}/",
      description = "Nasjonale og regionale kompetansesentre og -tjenester som hjelper kommunene med kunnskap og fagutvikling.",
      about = "Om senteret",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "forkortelse", label = "Forkortelse", type = "string" },
        { name = "nummer", label = "Nummer", type = "list", of = "string" },
        { name = "vertsinstitusjon", label = "Vertsinstitusjon", type = "string" },
        { name = "sted", label = "Sted", type = "string" },
        { name = "regioner", label = "Region", plural = "Regioner", type = "list", of = "string" },
        { name = "nettside", label = "Nettside", type = "url" },
        { name = "målgrupper", label = "Målgruppe", plural = "Målgrupper", type = "list", of = "enum", values = malgrupper, taxonomy = "malgrupper" },
        { name = "tema", label = "Tema", type = "list", of = "enum", values = tema, taxonomy = "tema" },
        { name = "relaterte", type = "list", of = "ref", to = "kompetansesenter", factbox = false },
      } },
    { name = "innspill", title = "Innspill", singular = "Innspill", folder = "innspill", url = "/innspill/{slug}/",
      description = "Innspill fra organisasjoner til planer og tiltak.",
      about = "Om innspillet",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "avsender", label = "Avsender", type = "string", required = true },
        { name = "mottaker", label = "Mottaker", type = "string" },
        { name = "dato", label = "Dato", type = "date" },
        { name = "gjelder", label = "Gjelder", type = "list", of = "ref", to = { "plan", "tiltak", "kompetansesenter" } },
        { name = "tema", label = "Tema", type = "list", of = "enum", values = tema, taxonomy = "tema" },
        { name = "målgrupper", label = "Målgruppe", plural = "Målgrupper", type = "list", of = "enum", values = malgrupper, taxonomy = "malgrupper" },
      } },
    { name = "statistikk", title = "Statistikk", singular = "Statistikk", folder = "statistikk", url = "/statistikk/{slug}/",
      description = "Tall om ansatte, årsverk og utdanning i helse- og omsorgstjenestene.",
      about = "Om statistikken",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "periode", label = "Periode", type = "string" },
        { name = "tema", label = "Tema", type = "list", of = "enum", values = tema, taxonomy = "tema" },
        { name = "tiltak", label = "Tiltak", type = "list", of = "ref", to = "tiltak" },
      } },
    { name = "side", title = "Sider", singular = "Side", folder = "sider", url = "/{slug}/",
      fields = {
        { name = "tittel", type = "string", required = true },
      } },
  },
}
