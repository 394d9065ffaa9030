"""Character voices: stylometric fingerprints of attributed dialogue, compared by Delta."""
