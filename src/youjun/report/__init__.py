"""youjun.report"""
