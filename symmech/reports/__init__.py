"""Reports for people: LaTeX, plots, the trust report and the coverage catalogs of the papers."""
