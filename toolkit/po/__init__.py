"""po stage"""
