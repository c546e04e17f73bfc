"""The national student physical-fitness standard (2014): results, scores, report cards, statistics."""
