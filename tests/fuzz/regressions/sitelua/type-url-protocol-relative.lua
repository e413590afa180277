return { title = "T", types = {{ name = "x", url = "//evil.example/{slug}/" }} }
