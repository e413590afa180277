-- expect: (site.lua:2:1: error: )?string.rep: the result would exceed the Lua memory limit
local s = (""):rep(1e15, ",")
