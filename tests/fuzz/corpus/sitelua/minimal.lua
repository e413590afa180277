return { title = "T", types = {{ name = "x" }} }
