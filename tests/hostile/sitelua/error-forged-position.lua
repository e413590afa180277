-- expect: ^site.lua:3:1: error: content/x.md:7: falsk
-- Low: a Lua error's text named the position, so site.lua could blame a page
if true then error("content/x.md:7: falsk", 0) end
