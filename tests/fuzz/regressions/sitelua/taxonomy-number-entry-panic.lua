return { title = "T", taxonomies = { 1 }, types = { { name = "side", folder = "sider" } } }
