"""Digital signatures (PAdES, pyHanko): sign and validate PDFs, signing credentials, demo CA."""
