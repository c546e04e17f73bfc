"""youjun.analytics"""
