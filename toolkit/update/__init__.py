"""update stage"""
