-- expect: site.lua:[0-9]+:[0-9]+: error: type 'tiltak': fields nested more than 16 levels deep \(or a field that contains itself\)
local f = { name = "selv", type = "object" }
f.fields = { f }
--@fixture
table.insert(site.types[2].fields, f)
return site
