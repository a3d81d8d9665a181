"""Suomi.fi Palvelutietovaranto (PTV) into the directory: reading its open API (source), turning its objects
into HSDS rows (convert), and bringing them in all or nothing (importer)."""
