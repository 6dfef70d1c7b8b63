"""Exports of a published course for other systems: an LMS (IMS Common Cartridge, Moodle XML)
and Anki. Each is a format of the registry (render/__init__.py REGISTRY) that renders the course
package (documents/publish.py) or the course glossary, and is made by `coursegen publish`."""
