"""US English dates, month first: "December 7, 2026" (Django's own "Dec. 7, 2026" shortens the month).

Used for a person whose browser asks for US English (questionnaire.printout.long_date).
"""
DATE_FORMAT = "F j, Y"
