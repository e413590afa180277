setmetatable("", {})
getmetatable("").__index = {}
local s = ("x"):rep(1e10)
return {}
