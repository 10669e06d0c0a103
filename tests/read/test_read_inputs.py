"""read_inputs: kinds, ids, origins, and one error per bad input without stopping the batch."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

import pytest

from dyadwatch.errors import (
    BinaryInput,
    EmptyArticle,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
    UnreadableInput,
    UnsupportedFormat,
)
from dyadwatch.model import Document
from dyadwatch.read import DEFAULT_MAX_BYTES, read_inputs
from dyadwatch.read.jsonl import content_id

PAGES = Path(__file__).parent.parent / "data" / "pages"
STORY = "Kim Jong-un met Vladimir Putin at the Vostochny Cosmodrome on 13 September 2023.\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


def read_all(
    *inputs: str, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Document | InputError]:
    return list(read_inputs(inputs, stdin=stdin, max_bytes=max_bytes))


def only(items: list[Document | InputError]) -> Document | InputError:
    assert len(items) == 1, items
    return items[0]


def document(items: list[Document | InputError]) -> Document:
    item = only(items)
    assert isinstance(item, Document), item
    return item


def error(items: list[Document | InputError], kind: type[InputError]) -> InputError:
    item = only(items)
    assert isinstance(item, kind), item
    return item


def write(path: Path, data: str | bytes) -> str:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def test_default_cap_is_twenty_mebibytes() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_text_file_is_read_verbatim_with_a_content_id(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    doc = document(read_all(path))
    assert doc.kind == "text"
    assert doc.content == STORY
    assert doc.origin == path
    assert doc.doc_id == content_id(STORY)
    assert len(doc.doc_id) == 16
    assert (doc.url, doc.title, doc.published) == (None, None, None)


def test_content_id_is_the_same_across_paths_and_runs(tmp_path: Path) -> None:
    first = write(tmp_path / "a.txt", STORY)
    (tmp_path / "sub").mkdir()
    second = write(tmp_path / "sub" / "copy", STORY)
    ids = {d.doc_id for d in read_all(first, second) if isinstance(d, Document)}
    assert ids == {content_id(STORY)}
    # Pinned so that a change of hashing (which would re-key stored documents) is seen.
    assert content_id("abc") == "ba7816bf8f01cfea"


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + STORY.encode())
    assert document(read_all(path)).content == STORY


def test_windows_line_ends_and_spacing_are_left_alone(tmp_path: Path) -> None:
    raw = "Line one.\r\n\r\n  Line\ttwo.  \r\n"
    path = write(tmp_path / "crlf.txt", raw.encode())
    assert document(read_all(path)).content == raw


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.HTML"])
def test_html_extension(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "<html><body><p>Hello.</p></body></html>")
    assert document(read_all(path)).kind == "html"


def test_txt_file_holding_html_is_html(tmp_path: Path) -> None:
    path = write(tmp_path / "saved.txt", "\n  <!DOCTYPE html>\n<html><body><p>x</p></body></html>")
    assert document(read_all(path)).kind == "html"


def test_txt_with_angle_brackets_in_prose_stays_text(tmp_path: Path) -> None:
    path = write(tmp_path / "prose.txt", "<Analysis> Talks went on for hours, Tass said.\n")
    assert document(read_all(path)).kind == "text"


def test_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    html = write(tmp_path / "page", "<div><p>Talks ended.</p></div>")
    jsonl = write(tmp_path / "feed", '\n{"id": "a", "text": "Talks ended."}\n{"text": "Again."}\n')
    text = write(tmp_path / "README", "{Not JSON} but prose about talks.\n")
    assert document(read_all(html)).kind == "html"
    docs = read_all(jsonl)
    assert [d.origin for d in docs] == [f"{jsonl}:2", f"{jsonl}:3"]
    assert document(read_all(text)).kind == "text"


def test_jsonl_fixture_fields() -> None:
    path = str(PAGES / "briefs.jsonl")
    docs = read_all(path)
    assert all(isinstance(d, Document) for d in docs)
    docs_ = [d for d in docs if isinstance(d, Document)]
    assert [d.doc_id for d in docs_[:4]] == ["brief-001", "2", "brief-003", "brief-004"]
    assert [d.origin for d in docs_] == [f"{path}:{n}" for n in range(1, 6)]
    assert [d.published for d in docs_] == [
        "2018-06-12",
        "2022-02-24",
        "2015-07-14",
        "2020-01-03",
        "2018-04-27",
    ]
    assert docs_[0].url == "https://briefs.example.org/001"
    assert docs_[0].title == "Trump and Kim meet in Singapore"
    assert docs_[2].title is None and docs_[1].url is None
    assert [d.kind for d in docs_] == ["text", "text", "text", "text", "html"]
    # The last line has no id: its id is the hash of its text, as for a file.
    assert docs_[4].doc_id == content_id(docs_[4].content)


def test_broken_jsonl_lines_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [
        '{"id": "ok-1", "text": "First brief."}',
        "{not json",
        '["an", "array"]',
        '{"id": "no-text"}',
        '{"text": 42}',
        "",
        '{"text": "Dated badly.", "date": "last Tuesday"}',
        '{"id": true, "text": "Odd id."}',
        '{"text": "Odd title.", "title": ["a"]}',
        '{"text": "   "}',
        '{"id": 7, "text": "Last brief.", "date": "2024-06-19"}',
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == [
        "Document",
        "MalformedInput",
        "MalformedInput",
        "MalformedInput",
        "MalformedInput",
        "MalformedInput",
        "MalformedInput",
        "MalformedInput",
        "EmptyArticle",
        "Document",
    ]
    messages = [str(i) for i in items if isinstance(i, InputError)]
    assert messages[0].startswith(f"E107 {path}:2: not JSON (")
    assert messages[1].startswith(f"E107 {path}:3: not a JSON object but an array")
    assert messages[2].startswith(f"E107 {path}:4: the required field 'text' is missing")
    assert messages[3].startswith(f"E107 {path}:5: 'text' is a number, not a string")
    assert messages[4].startswith(f"E107 {path}:7: 'date' is not a date: 'last Tuesday'")
    assert messages[5].startswith(f"E107 {path}:8: 'id' is a boolean")
    assert messages[6].startswith(f"E107 {path}:9: 'title' is an array")
    assert messages[7].startswith(f"E105 {path}:10:")
    last = items[-1]
    assert isinstance(last, Document)
    assert (last.doc_id, last.published, last.origin) == ("7", "2024-06-19", f"{path}:11")


def test_png_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", PNG_HEADER)
    err = error(read_all(path), BinaryInput)
    assert err.code == "E103"
    assert "PNG image" in str(err) and path in str(err)


def test_nul_byte_is_binary_with_its_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "dump", b"Some text\x00more")
    assert "NUL byte at offset 9" in str(error(read_all(path), BinaryInput))


def test_latin1_is_not_utf8_and_the_byte_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", "Le café de Pyongyang.".encode("latin-1"))
    message = str(error(read_all(path), BinaryInput))
    assert "byte 0xE9 at offset 6" in message
    assert "iconv" in message  # says how to fix it


def test_offset_counts_the_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path / "bom_latin1.txt", b"\xef\xbb\xbfab\xff")
    assert "offset 5" in str(error(read_all(path), BinaryInput))


@pytest.mark.parametrize("content", [b"", b"  \n\t\n\r\n", b"\xef\xbb\xbf"])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    err = error(read_all(path), EmptyArticle)
    assert str(err).startswith(f"E105 {path}: ")


def test_huge_sparse_file_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)
    err = error(read_all(str(path)), InputTooLarge)
    # The size in the message comes from stat: the file was not read.
    assert f"{DEFAULT_MAX_BYTES + 1} bytes" in str(err)
    assert "--max-bytes" in str(err)


def test_max_bytes_option(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    error(read_all(path, max_bytes=10), InputTooLarge)
    document(read_all(path, max_bytes=len(STORY.encode())))


def test_missing_path(tmp_path: Path) -> None:
    path = str(tmp_path / "nowhere.txt")
    err = error(read_all(path), InputNotFound)
    assert str(err) == (
        f"E101 {path}: no such file or directory. "
        "Check the path, or pass - to read from standard input"
    )


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "target.txt")
    assert "broken symbolic link" in str(error(read_all(str(link)), InputNotFound))


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", STORY)

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    # Tests may run as root, for whom chmod 000 does not stop reading.
    monkeypatch.setattr(Path, "open", refuse)
    err = error(read_all(path), UnreadableInput)
    assert str(err).startswith(f"E102 {path}: cannot read it (permission denied)")


def test_unknown_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.docx", b"PK\x03\x04")
    err = error(read_all(path), UnsupportedFormat)
    assert str(err).startswith(f"E106 {path}: unknown kind of file '.docx'")


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    items = read_all(str(tmp_path / "missing.txt"), good, good)
    assert [type(i).__name__ for i in items] == ["InputNotFound", "Document", "Document"]


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    write(root / "a.txt", "Alpha story.\n")
    write(root / "b" / "c.html", "<html><body><p>Charlie story.</p></body></html>")
    write(root / "b" / "deeper" / "d.jsonl", '{"id": "d1", "text": "Delta."}\n')
    write(root / "b" / "image.png", PNG_HEADER)
    write(root / "e", "Echo story.\n")
    write(root / "notes.md", "# Notes\n")
    write(root / ".hidden.txt", "Never read.\n")
    write(root / ".git" / "HEAD", "ref: refs/heads/main\n")
    (root / "z_empty_dir").mkdir()
    items = read_all(str(root))
    summary = [
        (type(i).__name__, i.origin if isinstance(i, Document) else i.subject) for i in items
    ]
    sep = os.sep
    assert summary == [
        ("Document", f"{root}{sep}a.txt"),
        ("Document", f"{root}{sep}b{sep}c.html"),
        ("Document", f"{root}{sep}b{sep}deeper{sep}d.jsonl:1"),
        ("UnsupportedFormat", f"{root}{sep}b{sep}image.png"),
        ("Document", f"{root}{sep}e"),
        ("UnsupportedFormat", f"{root}{sep}notes.md"),
    ]


def test_directory_origin_keeps_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "a.txt", STORY)
    monkeypatch.chdir(tmp_path)
    assert document(read_all("in/")).origin == os.path.join("in/", "a.txt")


def test_symlinked_directory_inside_a_walk_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "loop").symlink_to(root)
    err = error(read_all(str(root)), UnsupportedFormat)
    assert "symbolic link to a directory" in str(err)


def test_stdin_text() -> None:
    doc = document(read_all("-", stdin=io.BytesIO(STORY.encode())))
    assert (doc.origin, doc.kind, doc.content) == ("<stdin>", "text", STORY)
    assert doc.doc_id == content_id(STORY)


def test_stdin_is_sniffed_for_html_and_jsonl() -> None:
    html = document(read_all("-", stdin=io.BytesIO(b"<html><body><p>x</p></body></html>")))
    assert html.kind == "html"
    items = read_all("-", stdin=io.BytesIO(b'{"id": "s1", "text": "One."}\n{"text": 1}\n'))
    assert isinstance(items[0], Document) and items[0].origin == "<stdin>:1"
    assert isinstance(items[1], MalformedInput) and items[1].subject == "<stdin>:2"


def test_stdin_errors() -> None:
    assert "standard input is empty" in str(
        error(read_all("-", stdin=io.BytesIO(b"")), EmptyArticle)
    )
    big = io.BytesIO(b"x" * 100)
    err = error(read_all("-", stdin=big, max_bytes=50), InputTooLarge)
    assert str(err).startswith("E104 <stdin>: more than 50 bytes")
    # Only one byte past the cap was read.
    assert big.tell() == 51
    error(read_all("-", stdin=io.BytesIO(PNG_HEADER)), BinaryInput)


def test_every_error_is_one_line_naming_its_input(tmp_path: Path) -> None:
    inputs = [
        str(tmp_path / "missing"),
        write(tmp_path / "bin.txt", PNG_HEADER),
        write(tmp_path / "empty.txt", b""),
        write(tmp_path / "x.pdf", b"%PDF-1.7"),
    ]
    items = read_all(*inputs)
    assert len(items) == len(inputs)
    for given, item in zip(inputs, items, strict=True):
        assert isinstance(item, InputError)
        assert "\n" not in str(item)
        assert str(item).startswith(f"{item.code} {given}: ")


def test_pipe_inside_a_directory_is_reported_not_read(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    os.mkfifo(root / "pipe.txt")  # reading it would block the batch forever
    err = error(read_all(str(root)), UnsupportedFormat)
    assert "not a regular file" in str(err)
