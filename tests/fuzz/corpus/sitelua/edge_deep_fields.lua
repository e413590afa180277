local f = { name = "x", type = "string" }
for i = 1, 20 do f = { name = "o" .. i, type = "object", fields = { f } } end
local l = { name = "l", type = "list" } l.of = l
return { title = "T", types = { { name = "t", fields = { f, l } } } }
