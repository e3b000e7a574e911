"""build stage"""
