"""youjun.sample"""
