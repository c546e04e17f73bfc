"""Pupil comprehensive quality evaluation (综合素质评价): records, publication, objections, archive."""
