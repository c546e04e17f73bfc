"""youjun.plan"""
