-- English: the words of the standard theme and of the pages varde writes
-- itself. A site overrides any of them with `strings = { … }` in site.lua.
-- Templates read them as strings.KEY.
return {
  -- written by the engine
  table = "Table",                  -- names a table's scroll region: "Table 2: <heading>"
  content_type = "Content type",    -- the search's type facet
  yes = "yes", no = "no",           -- booleans in the CSV files
  section = "section",              -- id of a heading without letters or digits
  changes = "Changes",              -- the change feed: "Changes – <site title>"
  change_anchor = "change",         -- id of one change: #change-<commit>
  -- comments in the skeleton `varde new` writes
  new_required = "required",
  new_list = "list",
  new_one_of = "one of:",
  new_see_site = "see site.lua",
  new_ref = "slug of a",
  new_date = "date, YYYY-MM-DD",
  new_url = "web address, https://…",
  new_integer = "whole number",
  new_bool = "true or false",
  new_text = "text",
  new_draft = "remove this line to publish the page",
  -- components in Markdown (templates/components/)
  note = "Note",
  important = "Important",
  source = "Source",
  chart_csv = "Download the numbers (CSV)",
  chart_table_below = "The numbers are in the table below.",
  chart_show_table = "Show the table",
  chart_highest = "highest for",
  chart_in = "in",
  chart_and = "and",
  chart_no_value = "no value",
}
