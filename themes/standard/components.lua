-- Components an editor can place in a page's Markdown:
--
--   ```{merknad}
--   tittel: Foreløpige tall
--
--   Tallene for 2016 kan bli justert.
--   ```
--
-- Each is rendered by templates/components/<name>.html (or `template`), which
-- a file of the same name in the site's templates/ overrides. site.lua may add
-- components or replace these with `components = { navn = { … } }`
-- (`navn = false` removes one). docs/templates.md describes the fields.
--
-- A parameter: name (a template variable), required, description, values
-- (the allowed values), kind ("text", "page": a page's .md file, "file": a
-- file beside the page; both are checked like links), role (what a chart
-- parameter means to varde's chart module: type, title, data, unit, columns,
-- rows, exclude, series).

local callout_params = {
  { name = "tittel", description = "Overskrift i boksen (valgfri)" },
}

return {
  merknad = {
    template = "components/callout.html",
    description = "En merknad: tilleggsopplysninger leseren bør se, for eksempel om hvordan tallene er laget.",
    body = true,
    params = callout_params,
    example = "```{merknad}\ntittel: Om tallene\n\nTallene for 2016 er foreløpige.\n```",
  },
  viktig = {
    template = "components/callout.html",
    description = "Noe viktig leseren ikke må gå glipp av, for eksempel en frist eller et brudd i statistikken.",
    body = true,
    params = callout_params,
    example = "```{viktig}\nFra 2015 er tallene regnet på en ny måte og kan ikke sammenlignes med årene før.\n```",
  },
  figur = {
    description = "Et bilde med bildetekst og kilde.",
    params = {
      { name = "bilde", required = true, kind = "file", description = "Bildefilen, ved siden av siden (for eksempel bilder/kart.png)" },
      { name = "alt", required = true, description = "Hva bildet viser, for dem som ikke ser det" },
      { name = "bildetekst", description = "Teksten under bildet" },
      { name = "kilde", description = "Hvor bildet kommer fra" },
    },
    example = "```{figur}\nbilde: bilder/kompetanseloeftet.png\nalt: Tidslinje over Kompetanseløft 2020 fra 2016 til 2020\nbildetekst: De fire delene av Kompetanseløft 2020\nkilde: Helsedirektoratet, IS-2684\n```",
  },
  kort = {
    description = "Et kort som viser til en annen side på nettstedet, med tittel og sammendrag.",
    params = {
      { name = "side", required = true, kind = "page", description = "Sidens fil (.md), skrevet som en lenke" },
      { name = "tekst", description = "Egen tekst i stedet for sidens sammendrag" },
    },
    example = "```{kort}\nside: ../tiltak/1-1-menn-i-helse.md\n```",
  },
  graf = {
    description = "En graf tegnet av tallene i tabellen rett under (eller i en CSV-fil ved siden av siden). " ..
      "Tabellen blir stående under grafen, og tallene kan lastes ned som CSV.",
    chart = true,
    params = {
      { name = "type", role = "type", values = { "stolper", "grupperte stolper", "stablede stolper", "linje" },
        description = "stolper, grupperte stolper, stablede stolper eller linje (standard: stolper)" },
      { name = "tittel", required = true, role = "title", description = "Grafens tittel" },
      { name = "funn", required = true, description = "Hovedfunnet i én setning: det grafen viser (leses også opp for dem som ikke ser grafen)" },
      { name = "kilde", required = true, description = "Hvor tallene kommer fra" },
      { name = "enhet", role = "unit", description = "Enheten tallene er i, for eksempel årsverk (prosent vises av seg selv)" },
      { name = "kolonner", role = "columns", description = "Kolonnene som skal tegnes, skilt med komma (standard: alle med tall)" },
      { name = "rader", role = "rows", description = "Radene som skal tegnes, skilt med komma (standard: alle)" },
      { name = "utelat", role = "exclude", description = "Rader som ikke skal tegnes, for eksempel Sum eller Totalt" },
      { name = "serier", role = "series", values = { "rader", "kolonner" },
        description = "Om hver rad eller hver kolonne er en serie (standard: rader når kolonnene er årstall)" },
      { name = "data", role = "data", kind = "file", description = "En CSV-fil ved siden av siden, i stedet for tabellen under" },
    },
    example = "```{graf}\ntype: linje\ntittel: Årsverk i omsorgstjenestene 2011–2016\nfunn: Årsverkene økte hvert år, fra 128 902 i 2011 til 137 950 i 2016.\nkilde: SSB, KOSTRA\nenhet: årsverk\nrader: Årsverk i alt\n```\n\n| | 2011 | 2012 | 2013 |\n|---|---|---|---|\n| Årsverk i alt | 128 902 | 131 180 | 132 694 |",
  },
}
