"""youjun.ingest"""
