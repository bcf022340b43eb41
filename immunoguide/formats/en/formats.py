"""English dates as the product writes them, day first: "7 December 2026"; US English is
month first (en_US). Spanish keeps Django's "7 de diciembre de 2026"."""
DATE_FORMAT = "j F Y"
