"""Format backends: each turns a Document into the bytes of one file."""
