"""Eteinen: the Flask application."""
