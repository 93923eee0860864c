"""Counted things in a release body: strikes, engagements, targets, coalition size, amounts.

Every number is found once (digits, words, "83-member", "$1.6 billion") and kept only when a counted noun
follows it and it is not a date, year, duration, ordinal or identifier. Strike reports add their own shapes:
per-town lines ("Near Mosul, three strikes engaged two tactical units; destroyed 11 tunnels"), "a/an" targets
after strike verbs, explicit zeros ("There were no reported strikes in Syria on March 18") and flattened
monthly tables ("In Iraq In Syria" / "14 partnered operations 9 partnered operations").
Every row's text is body[char_start:char_end].

    segments  - units (paragraphs, list lines) and sentences
    counts    - one number: value, qualifier, counted noun, refusals
    names     - counted noun phrase -> snake_case plural name (data/metric_names.tsv)
    context   - place and date of a count within its sentence
    shapes    - strike-report shapes: town lines, zeros, tables
    definition - the paragraph that defines what a strike is, however worded (no data)
    lexicon   - the word lists (data/metric_*.t*)
    document  - the walk over the body, section periods, extract_metrics
"""

from pipelines.extract.metrics.document import extract_metrics

__all__ = ["extract_metrics"]
