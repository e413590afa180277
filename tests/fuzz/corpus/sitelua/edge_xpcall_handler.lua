local ok, m = xpcall(function() error("x") end, function(e) return ("h"):rep(3) .. tostring(e) end)
local s = ("a(b)c"):gsub("%b()", ""):match("^(%w+)$")
for w in ("a b c"):gmatch("%f[%w]%w+") do s = s .. w end
return { title = s, types = { { name = "t" } } }
