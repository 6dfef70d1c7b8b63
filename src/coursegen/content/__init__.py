"""Course content, resolved and format-free: articles, excerpts, glossary, lessons, the course."""
