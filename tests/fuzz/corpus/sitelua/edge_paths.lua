return { title = "T", theme = "../../etc", types = {{ name = "x", folder = "../outside", url = "/../x/{slug}/" }} }
