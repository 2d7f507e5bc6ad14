"""A program of many pairs in one shared place: enrolment, intake, matches, answers and
each member's summary of figures (docs/program.md). No Textual here."""
