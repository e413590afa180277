os.execute("id")
io.open("/etc/passwd")
require("os")
return {}
