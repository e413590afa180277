local tema = { "Demens", "Ledelse", "Psykisk helse" }
return {
  title = "Testbanken",
  base_url = "https://test.example.no/",
  language = "nb",
  theme = "standard",
  contact = "test@example.no",
  menu = { { title = "Tiltak", url = "/tiltak/" } },
  taxonomies = { { name = "tema", title = "Tema", path = "tema" } },
  common_fields = {
    { name = "sammendrag", type = "text", required = true },
    { name = "kilder", type = "list", of = { type = "object", fields = {
        { name = "dokument", type = "string" }, { name = "side", type = "string" },
        { name = "tittel", type = "string" }, { name = "url", type = "url" } } } },
    { name = "utkast", type = "bool" },
  },
  types = {
    { name = "plan", title = "Planer", folder = "planer", url = "/planer/{slug}/",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "år", type = "integer", required = true },
      } },
    { name = "tiltak", title = "Tiltak", folder = "tiltak", url = "/tiltak/{slug}/",
      fields = {
        { name = "tittel", type = "string", required = true },
        { name = "nummer", type = "list", of = "string" },
        { name = "plan", type = "ref", to = "plan", required = true },
        { name = "status", type = "enum", values = { "planlagt", "pågår" }, required = true },
        { name = "målgrupper", type = "list", of = "string" },
        { name = "tema", type = "list", of = "enum", values = tema, taxonomy = "tema" },
        { name = "start", type = "date" },
        { name = "nettside", type = "url" },
        { name = "relaterte", type = "list", of = "ref", to = "tiltak" },
      } },
    { name = "side", title = "Sider", folder = "sider", url = "/{slug}/",
      fields = { { name = "tittel", type = "string", required = true } } },
  },
}
