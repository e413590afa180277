local s = ("a"):rep(30000) s:find(".-.-.-.-b")
return {}
