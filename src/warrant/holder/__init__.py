"""The holder's side of the warrant: exercise, the series, transfers, consents.

========================  ==========================================================
module                    clause
========================  ==========================================================
``s1_business_days``      Section 1: which days are business days, under the reading
``s1_exercise``           Section 1: pricing and recording a holder's exercise
``s3_transfers``          Section 3: transfers in whole or in part, and exchanges
``s11_consents``          Section 11: whether signers hold the majority a change needs
========================  ==========================================================
"""
