"""Section 4 of the warrant, one module per clause group, named by the warrant's numbering.

========================  ==========================================================
module                    clause
========================  ==========================================================
``a_distributions``       4.A   distributions of other securities or property
``b_reorganizations``     4.B   reorganisation, merger, sale of assets
``c1_formula``            4.C(1) the weighted-average formula, the Effective Price
``c1_weighted_average``   4.C(1) the test against the Current Fair Market Value
``c2_consideration``      4.C(2) consideration received, part by part
``c3_c4_deemed_issues``   4.C(3), 4.C(4) rights, options, convertibles when issued
``c3_after_grant``        4.C(3) exercise, expiry, cancellation; readjustment
``c5_exclusions``         4.C(5) what is not an Additional Share
``c6_repricing``          4.C(6) a change in the price of rights
``c7_other_securities``   4.C(7) other securities
``c8_record_dates``       4.C(8) a record date is the date of issue
``d_stock_dividends``     4.D   stock dividends, and dividends not paid
``e_splits``              4.E   subdivisions and combinations
``f_par_value``           4.F   an adjustment below par value is flagged
``g_certificates``        4.G   the accountants' certificate of an adjustment
``alpha_2002``            the rulebook: each event kind's base rule and exceptions
========================  ==========================================================
"""
