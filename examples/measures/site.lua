-- site.lua of an example site: an English register of public measures,
-- built by the same varde binary with the standard theme and no change to
-- the engine. Its types, field names and language differ from the
-- Norwegian knowledge bank's on purpose. See README.md.

local topics = { "Workforce", "Training", "Digital services", "Prevention", "Housing" }
local status = { "planned", "ongoing", "completed" }

return {
  title = "Measures Register",
  description = "What public agencies do about workforce, training and digital services, measure by measure.",
  base_url = "https://measures.example.org/",
  language = "en",
  theme = "standard",
  contact = "register@example.org",

  -- Field roles: which field is the title, summary and so on. title, summary
  -- and draft are the defaults; this site numbers its measures with `code`
  -- and abbreviates agencies with `short_name`.
  roles = { number = "code", abbreviation = "short_name" },
  home_type = "page",
  change_note = "Change-note",

  menu = {
    { title = "Measures", url = "/measures/" },
    { title = "Agencies", url = "/agencies/" },
    { title = "Topics", url = "/topics/" },
  },
  footer = {
    { url = "/about/" },
  },
  pages = {
    { url = "/search/", template = "search.html", title = "Search" },
  },

  taxonomies = {
    { name = "topic", title = "Topics", path = "topics", description = "Every measure on one subject." },
    { name = "status", title = "Status", path = "status" },
  },

  common_fields = {
    { name = "summary", type = "text", required = true },
    { name = "draft", type = "bool" },
  },

  types = {
    { name = "measure", title = "Measures", singular = "Measure", folder = "measures", url = "/measures/{slug}/",
      description = "Each measure with the agency that owns it, its status and its budget.",
      about = "About the measure",
      fields = {
        { name = "title", type = "string", required = true },
        { name = "code", label = "Code", type = "string", required = true },
        { name = "owner", label = "Owner", type = "ref", to = "agency", required = true },
        { name = "topics", label = "Topic", plural = "Topics", type = "list", of = "enum", values = topics, taxonomy = "topic" },
        { name = "status", type = "enum", values = status, required = true, taxonomy = "status" },
        { name = "started", label = "Started", type = "date" },
        { name = "budget", label = "Budget (GBP)", type = "integer" },
        { name = "website", type = "url" },
        { name = "related", label = "Related measure", plural = "Related measures", type = "list", of = "ref", to = "measure", factbox = false },
      } },
    { name = "agency", title = "Agencies", singular = "Agency", folder = "agencies", url = "/agencies/{slug}/",
      description = "The public bodies that own the measures.",
      about = "About the agency",
      fields = {
        { name = "title", type = "string", required = true },
        { name = "short_name", label = "Short name", type = "string" },
        { name = "website", type = "url" },
      } },
    { name = "page", title = "Pages", singular = "Page", folder = "pages", url = "/{slug}/",
      fields = {
        { name = "title", type = "string", required = true },
      } },
  },
}
