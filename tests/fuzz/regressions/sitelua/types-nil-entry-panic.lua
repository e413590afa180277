return { title = "T", types = { plann, { name = "side", folder = "sider" } } }
