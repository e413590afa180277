-- expect: ^$
local s = (""):rep(1e15) assert(s == "")
