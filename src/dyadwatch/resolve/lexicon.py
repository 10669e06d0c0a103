"""Nouns that turn a country word into an actor, and the titles that name office holders.

"Russian officials" is an actor (RUS GOV) and "Russian oil" is not: the difference is the
noun the country word modifies. ``HEADS`` maps such nouns (and titles, which may be
followed by a name) to a CAMEO sector and, for titles, to the office in the leaders table.
Matching is on folded tokens, longest phrase first, like the actor tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dyadwatch.resolve.tables import Role, fold, split_phrase

__all__ = ["Head", "HeadIndex", "default_heads", "leader_roles"]


@dataclass(frozen=True, slots=True)
class Head:
    """A noun phrase head: its sector (None: an actor of unknown sector, e.g. "hackers")."""

    sector: str | None
    title: bool = False  # a title can be followed by a person's name
    role: str | None = None  # "leader", "president" or a Role of the leaders table


# Plural and singular forms are listed explicitly: the noun after a demonym is matched as
# written, and lemmas from a small model are not reliable enough for proper-noun titles.
_GROUPS: dict[str | None, str] = {
    "GOV": "official|officials|government|governments|administration|authorities|authority|"
    "diplomat|diplomats|diplomacy|ministry|ministries|cabinet|leadership|delegation|"
    "delegations|embassy|embassies|consulate|mission|regime|presidency|side|state|"
    "negotiators|foreign ministry|foreign office|state department|interior ministry|"
    "officialdom|envoys|emissaries|communist party|ruling party|foreign affairs ministry|"
    "ministry of foreign affairs|foreign affairs department|finance ministry|"
    "ministry of finance|trade ministry|ministry of commerce|commerce ministry|"
    "ministry of unification|unification ministry|central bank|customs|"
    "national security council|security council|presidential office|"
    "presidential administration|government officials|senior officials",
    "MIL": "military|militaries|army|armies|navy|navies|air force|troops|soldiers|forces|"
    "armed forces|force|marines|special forces|military officials|military units|units|"
    "defence ministry|defense ministry|ministry of defence|ministry of defense|"
    "defense department|department of defense|general staff|joint chiefs of staff|"
    "coast guard|coastguard|revolutionary guards|guards|warships|warship|jets|"
    "fighter jets|warplanes|fighters|bombers|submarines|submarine|destroyers|destroyer|"
    "frigate|frigates|drones|military intelligence|artillery|gunners|paratroopers|"
    "peacekeepers|sailors|servicemen|personnel|military personnel|commanders|generals|"
    "officers|army officers|military officers|battalion|brigade|division|regiment",
    "COP": "police|policemen|police officers|border guards|border police|riot police|"
    "security forces|interior troops|national guard",
    "JUD": "court|courts|supreme court|constitutional court|judiciary|judges|prosecutors|"
    "prosecution|prosecutor's office|justice ministry|ministry of justice",
    "LEG": "parliament|parliaments|lawmakers|legislators|legislature|congress|senate|"
    "senators|national assembly|parliamentarians|mps|legislative council|lower house|"
    "upper house|duma",
    "MED": "media|state media|news agency|state news agency|official news agency|"
    "newspaper|state newspaper|television|state television|state tv|tv|broadcaster|"
    "state broadcaster|public broadcaster|journalists|reporters|press|news outlet|"
    "outlets|media outlets|news media|state-run media|state run media|state-run news agency",
    "BUS": "company|companies|firm|firms|businesses|business|businessmen|banks|exporters|"
    "importers|investors|conglomerates|corporations|manufacturers|shipowners|oil company",
    "CVL": "civilians|people|citizens|nationals|residents|public|population|tourists|"
    "villagers|fishermen|families|protesters|demonstrators|activists|pilgrims",
    "OPP": "opposition|dissidents|opposition parties|opposition party|defectors",
    "REB": "rebels|insurgents|separatists|militants|militia|militias|guerrillas",
    "SPY": "intelligence|intelligence agency|intelligence services|intelligence service|"
    "spy agency|spies|spy|security service|security services|secret service|"
    "intelligence officials|agents",
    "REF": "refugees|asylum seekers|asylum-seekers|migrants|displaced",
    "EDU": "students|universities|scholars|academics|researchers",
    "LAB": "workers|unions|trade unions|labour unions|labor unions",
    "HLH": "doctors|health ministry|ministry of health|health officials|nurses",
    None: "hackers|scientists|experts|analysts|team|crew|athletes",
}

# Titles: (phrases, sector, role). A role names the office looked up in the leaders table;
# "leader" and "president" are resolved per country (see ``leader_roles``).
_TITLES: tuple[tuple[str, str, str | None], ...] = (
    ("president|head of state", "GOV", "president"),
    ("leader|supreme leader|ruler|dictator|strongman", "GOV", "leader"),
    ("prime minister|premier|chancellor|pm|head of government", "GOV", "head_of_government"),
    ("king|queen|emperor|monarch|emir|sultan", "GOV", "head_of_state"),
    ("crown prince", "GOV", "head_of_government"),
    (
        "foreign minister|foreign secretary|secretary of state|minister of foreign affairs|"
        "top diplomat|external affairs minister|minister of external affairs|"
        "foreign affairs minister|chief diplomat",
        "GOV",
        "foreign_minister",
    ),
    (
        "defence minister|defense minister|defence secretary|defense secretary|"
        "secretary of defense|secretary of war|war secretary|minister of defence|"
        "minister of defense|armed forces minister|minister of national defense|"
        "minister of national defence|national defence minister|national defense minister",
        "GOV",
        "defence_minister",
    ),
    (
        "minister|counterpart|ambassador|envoy|special envoy|diplomat|official|spokesman|"
        "spokeswoman|spokesperson|negotiator|deputy foreign minister|vice foreign minister|"
        "vice president|deputy prime minister|first deputy prime minister|national security "
        "adviser|national security advisor|security adviser|adviser|advisor|secretary|"
        "foreign ministry spokesman|foreign ministry spokeswoman|foreign ministry "
        "spokesperson|chairman|governor|mayor|interior minister|finance minister|"
        "trade minister|unification minister|first lady|deputy|aide|representative",
        "GOV",
        None,
    ),
    (
        "general|gen.|lieutenant general|major general|lt. gen.|maj. gen.|admiral|adm.|"
        "commander|colonel|col.|army chief|military chief|chief of staff|chief of general "
        "staff|chief of the general staff|marshal|field marshal|military commander|"
        "defence chief|defense chief|army general",
        "MIL",
        None,
    ),
    (
        "lawmaker|senator|sen.|mp|legislator|parliamentarian|speaker|congressman|congresswoman",
        "LEG",
        None,
    ),
    ("judge|prosecutor|chief justice", "JUD", None),
    ("opposition leader|dissident|activist", "OPP", None),
    ("journalist|reporter|editor|columnist", "MED", None),
    ("spy|agent|intelligence chief|spy chief|intelligence officer", "SPY", None),
    ("police chief|police officer|policeman", "COP", None),
)

# Countries where "the X leader" means the head of government, not the head of state.
_PARLIAMENTARY = frozenset(
    [
        "GBR",
        "JPN",
        "DEU",
        "ITA",
        "CAN",
        "AUS",
        "IND",
        "ISR",
        "ESP",
        "NLD",
        "BEL",
        "SWE",
        "NOR",
        "DNK",
        "NZL",
        "IRL",
        "GRC",
        "POL",
        "CZE",
        "HUN",
        "PAK",
        "BGD",
        "THA",
        "MYS",
        "SGP",
        "NPL",
        "LKA",
        "IRQ",
        "LBN",
        "AUT",
        "PRT",
        "FIN",
        "SVK",
        "SVN",
        "HRV",
        "EST",
        "LVA",
        "LTU",
        "BGR",
        "ROU",
    ]
)


def leader_roles(role: str, iso3: str) -> tuple[Role, ...]:
    """The offices a title may mean in a country, most likely first."""
    if role == "president":
        # Iran's president heads the government; the Supreme Leader is head of state.
        return ("head_of_government",) if iso3 == "IRN" else ("head_of_state",)
    if role == "leader":
        if iso3 in _PARLIAMENTARY:
            return ("head_of_government", "head_of_state")
        return ("head_of_state", "head_of_government")
    return (role,)  # type: ignore[return-value]


class HeadIndex:
    """Folded phrase -> Head, indexed by first token for longest-first matching."""

    def __init__(self, heads: dict[tuple[str, ...], Head]) -> None:
        self._heads = heads
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in heads:
            lengths[key[0]].add(len(key))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def match(self, keys: Sequence[str], i: int) -> tuple[int, Head] | None:
        for length in self._lengths.get(keys[i], ()):
            if i + length > len(keys):
                continue
            head = self._heads.get(tuple(keys[i : i + length]))
            if head is not None:
                return length, head
        return None

    def ending_at(
        self, keys: Sequence[str], last: int, longest: int = 6
    ) -> tuple[int, Head] | None:
        """The longest phrase that ends at token ``last``: its first token and head."""
        for start in range(max(0, last - longest + 1), last + 1):
            found = self.match(keys, start)
            if found is not None and start + found[0] == last + 1:
                return start, found[1]
        return None


@cache
def default_heads() -> HeadIndex:
    heads: dict[tuple[str, ...], Head] = {}
    for sector, phrases in _GROUPS.items():
        for phrase in phrases.split("|"):
            heads[tuple(fold(t) for t in split_phrase(phrase))] = Head(sector)
    for phrases, sector, role in _TITLES:
        for phrase in phrases.split("|"):
            heads[tuple(fold(t) for t in split_phrase(phrase))] = Head(sector, True, role)
    return HeadIndex(heads)
