"""Reading and writing project files: safe YAML, front matter, atomic writes, project loading."""
