"""Pupils, classes, teachers' classes and guardians: the people the evaluation apps record."""
