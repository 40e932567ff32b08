"""warrant: exact anti-dilution adjustments of the 2002 lender warrant."""
