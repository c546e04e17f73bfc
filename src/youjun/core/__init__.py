"""youjun.core"""
