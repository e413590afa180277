-- expect: ^site.lua:4:1: error: .*(stack overflow|C stack)
-- Low: a C stack overflow had no position (Lua gives none in its text)
local function f(s)
  return (s:gsub(".", f))
end
f("x")
