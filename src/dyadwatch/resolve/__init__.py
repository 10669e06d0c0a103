"""Resolve: find the spans of parsed sentences that name state actors and resolve them.

``ActorResolver(tables).resolve(article)`` returns, per sentence, the mentions of
countries, demonym phrases ("North Korean troops"), capitals and seats of power, named
institutions, state media, international bodies, armed groups and dated office holders
("Chinese Foreign Minister Wang Yi"), plus later references to them (surnames, "the
Russian president", "he"). ``resolve_phrase`` does the same for a bare string.
"""

from dyadwatch.resolve.resolver import ActorResolver
from dyadwatch.resolve.tables import ActorTables, default_tables

__all__ = ["ActorResolver", "ActorTables", "default_tables"]
