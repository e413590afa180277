-- expect: ^$
local t = ("Æ lang tittel "):rep(40) assert(t:gsub("^[^%w\128-\255]+", ""):match("^[%z\1-\127\194-\244][\128-\191]*") == "Æ")
