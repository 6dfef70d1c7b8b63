"""What each document says: the content model, the fixed words, the documents of a lesson."""
