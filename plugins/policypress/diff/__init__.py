"""Redlines: rendered documents split into blocks of words, aligned and compared word by word."""
