"""The release: site chrome removed (chrome: by shape, site words, repetition across a batch), header block read
(block, facts, header, dates), paragraphs rebuilt (paragraphs), kind decided with its reason (kind); parse joins them."""
