"""Renderers that turn a Story into files: the PowerPoint deck."""
