"""Face-detection model (OpenCV Haar cascade) bundled with its licence.

A package so that setuptools ships the XML as package data.
"""
