-- expect: site.lua:[0-9]+:[0-9]+: error: type 'tiltak': fields nested more than 16 levels deep
local f = { name = "x", type = "string" }
for i = 1, 60 do f = { name = "o" .. i, type = "object", fields = { f } } end
--@fixture
table.insert(site.types[2].fields, f)
return site
