"""Development tools, not shipped with the package: ``make bench`` and the synthetic archive."""
