-- expect: site.lua:2:1: error: instruction limit exceeded
local s = (""):rep(1e15, "") .. ("x"):rep(0) for i = 1, 1e9 do s = ("ab"):rep(1e6) end
