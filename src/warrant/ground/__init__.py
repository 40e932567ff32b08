"""The ground every other part stands on: exact numbers, dates, errors and shared validators.

Nothing here knows the warrant; everything else may import from here.
"""
