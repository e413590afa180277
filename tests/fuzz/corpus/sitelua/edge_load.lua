local f = load("\27Lua\84\0")
local d = string.dump(print)
debug.sethook()
collectgarbage("stop")
return {}
