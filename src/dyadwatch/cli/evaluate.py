"""``dyadwatch evaluate GOLD.jsonl``: score the coder against gold events."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import dyadwatch.evaluate as scoring
from dyadwatch.model import Article
from dyadwatch.pipeline import Pipeline
from dyadwatch.quality_gate import below_floors, read_floors

__all__ = ["register"]


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "evaluate",
        help="precision/recall/F1 of the coder against a gold JSONL file",
        description="Code each gold sentence and score the events field by field.",
    )
    parser.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--misses", type=int, default=10, help="how many misses to list")
    parser.add_argument(
        "--floors",
        type=Path,
        default=None,
        metavar="FLOORS.json",
        help="fail (exit 1) when a score falls below the floor pinned for this gold file",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    gold = scoring.read_gold(args.gold)
    articles = [
        Article(
            doc_id=item.id, origin=f"{args.gold}:{item.id}", text=item.text, published=item.date
        )
        for item in gold
    ]
    coded = Pipeline().code_articles(articles)
    predicted = [[event.to_dict() for event in c.events] for c in coded]
    report = scoring.score(gold, predicted)
    if args.json:
        json.dump(scoring.render_json(report), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(scoring.render_text(report, misses=args.misses))
    if args.floors is None:
        return 0
    drops = below_floors(report, read_floors(args.floors, args.gold))
    for drop in drops:
        print(f"dyadwatch: below floor: {drop}", file=sys.stderr)
    return 1 if drops else 0
