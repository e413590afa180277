local function r() return 1 + r() end
return r()
