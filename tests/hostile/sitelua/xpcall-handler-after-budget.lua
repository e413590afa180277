-- expect: site.lua:2:1: error: instruction limit exceeded
local function spin() while true do end end xpcall(function() xpcall(spin, spin) end, function(m) return xpcall(spin, spin) end)
