"""youjun.cli"""
