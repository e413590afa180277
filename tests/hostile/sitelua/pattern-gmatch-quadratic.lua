-- expect: site.lua:2:1: error: instruction limit exceeded
for w in ("a"):rep(100000):gmatch("a-b") do end
