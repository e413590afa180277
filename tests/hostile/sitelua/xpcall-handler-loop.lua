-- expect: site.lua:2:1: error: instruction limit exceeded
xpcall(function() while true do end end, function() while true do end end)
