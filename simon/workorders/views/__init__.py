"""The work order screens ('Werkbonnen', the work order page, 'Planning'), one module per part."""
