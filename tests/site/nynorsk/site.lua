-- A fixture site: the nynorsk entry's strings and labels are checked, the
-- bokmål site strings are not.
return {
  title = "Hva vi gjør",
  languages = {
    { code = "nb", name = "Norsk (bokmål)" },
    { code = "nn", name = "Norsk (nynorsk)",
      strings = { sources = "Kjelder", followed_up_by = "Blir fulgt opp av" },
      labels = { types = { plan = { title = "Planar", about = "Om planen" } } } },
  },
  strings = { sources = "Kilder" },
}
