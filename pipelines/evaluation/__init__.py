"""Scoring the warehouse against gold annotations (../shared/docs/gold-format.md): `communique evaluate`.

gold.py reads the gold file, predictions.py the contract tables, one module per table matches and scores,
scorer.py puts them together, report.py renders the text; build.py makes a warehouse for a raw folder.
"""

from pipelines.evaluation.gold import GoldDocument, GoldError, load_gold
from pipelines.evaluation.scorer import Report, score_warehouse

__all__ = ["GoldDocument", "GoldError", "Report", "load_gold", "score_warehouse"]
