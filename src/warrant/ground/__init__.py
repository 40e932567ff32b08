"""The ground every other part stands on: exact numbers, dates, errors and shared validators.

Nothing here knows the warrant; everything else may import from here.

SPEC §2 (exact numbers) and §12 (errors that name the file, event, field and clause).
"""
