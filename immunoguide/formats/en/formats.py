"""English dates as the product writes them, day first: "7 December 2026" (Django's own
"Dec. 7, 2026" is the US style). Spanish keeps Django's "7 de diciembre de 2026"."""
DATE_FORMAT = "j F Y"
