local f = { name = "selv", type = "object" }
f.fields = { f }
local d = { name = "x", type = "string" }
for i = 1, 60 do d = { name = "o" .. i, type = "object", fields = { d } } end
return { title = "T", types = { { name = "t", fields = { f, d } } } }
