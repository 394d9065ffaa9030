"""Export: one format-neutral Manuscript (manuscript.py, parse.py, typography.py) read by
one writer per format (docx.py, epub.py, md.py); build.py runs a whole build."""
