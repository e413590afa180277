-- expect: ^$
local s = ("a"):rep(1000000) for i = 1, 50 do assert(not s:find(("a"):rep(5000) .. "b", 1, true)) end
