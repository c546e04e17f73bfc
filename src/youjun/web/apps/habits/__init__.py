"""Good-habit formation (习惯培养): habits, schedules, check-ins, reviews, trends."""
