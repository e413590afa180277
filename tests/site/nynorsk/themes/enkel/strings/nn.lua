-- Nynorsk strings of a fixture theme: bokmål planted ("finnes ikke"), the
-- rest good nynorsk; comments, keys and {placeholders} are not checked.
return {
  not_found = "Fann ikkje sida",
  not_found_lead = "Sida finnes ikke lenger.", -- hva som helst i ein kommentar
  ["hva"] = "{hva} treff",
  search_needs_js = "Søket treng JavaScript.",
}
