"""The integration's screens ('Integraties', manual chapters 4 to 9), one module per step."""
