"""School evaluation by the 2021 compulsory-education quality guide: indicator tree, self-evaluation, review."""
