-- Bokmål: the words of the standard theme and of the pages varde writes
-- itself. A site overrides any of them with `strings = { … }` in site.lua.
-- Templates read them as strings.KEY.
return {
  -- written by the engine
  table = "Tabell",                 -- names a table's scroll region: "Tabell 2: <heading>"
  content_type = "Innholdstype",    -- the search's type facet
  yes = "ja", no = "nei",           -- booleans in the CSV files
  section = "seksjon",              -- id of a heading without letters or digits
  changes = "Endringer",            -- the change feed: "Endringer – <site title>"
  change_anchor = "endring",        -- id of one change: #endring-<commit>
  -- comments in the skeleton `varde new` writes
  new_required = "påkrevd",
  new_list = "liste",
  new_one_of = "én av:",
  new_see_site = "se site.lua",
  new_ref = "slug til",
  new_date = "dato, ÅÅÅÅ-MM-DD",
  new_url = "nettadresse, https://…",
  new_integer = "heltall",
  new_bool = "true eller false",
  new_text = "tekst",
  new_draft = "fjern linjen når siden skal publiseres",
  -- components in Markdown (templates/components/)
  note = "Merknad",
  important = "Viktig",
  source = "Kilde",
  chart_csv = "Last ned tallene (CSV)",
  chart_table_below = "Tallene står i tabellen under.",
  chart_show_table = "Vis tabellen",
  chart_highest = "høyest for",
  chart_in = "i",
  chart_and = "og",
  chart_no_value = "ingen verdi",
}
