"""`narrative site` and `narrative serve`: the story bible as a static, self-contained website.

data.py gathers what the pages show (from the loaded project, the Manuscript, the checks and
Git), pages.py renders them with Jinja2 (autoescaping on), graph.py lays out the relationship
map, build.py writes the folder (only files whose bytes changed), serve.py serves it.
"""
