"""Tools for the people who edit the content: starting a programme year (``newyear``)."""
