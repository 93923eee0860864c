"""Reading raw files: bytes decoded to text, each source format (text, HTML, JSON, JSON Lines) split into documents."""
