"""Presentation: template sets and their search path, the Jinja2 sandbox, the variables templates
see, the PDF through WeasyPrint, and the edit loop (render --watch)."""
