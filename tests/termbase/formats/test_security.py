"""Hostile and broken input: entities, malformed XML, encodings, the file system."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.termbase.formats.strategies import un_concepts
from untm import _io, _xml
from untm.errors import EncodingError, FormatError, InputError, UnsafeInputError
from untm.termbase.formats import TermbaseFormat, read_concepts, write_concepts

NS = "urn:iso:std:iso:30042:ed-2"
BODY = (
    f'<tbx xmlns="{NS}" type="TBX-Basic" style="dca" xml:lang="en"><tbxHeader><fileDesc>'
    "<sourceDesc><p>&e;</p></sourceDesc></fileDesc></tbxHeader><text><body>"
    '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>x</term></termSec>'
    "</langSec></conceptEntry></body></text></tbx>"
)
LAUGHS = "\n".join(
    ['<?xml version="1.0"?>', "<!DOCTYPE tbx [", ' <!ENTITY e0 "lol">']
    + [f' <!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 11)]
    + ['<!ENTITY e "&e10;">', "]>", BODY]
)


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to parse fail the test: refusals must come before the parser."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the parser was reached")

    monkeypatch.setattr(_xml.etree, "fromstring", fail)
    monkeypatch.setattr(_xml.etree, "XMLPullParser", fail)


def _xxe(secret: Path) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY e SYSTEM "file://{secret}">\n]>\n{BODY}'
    )


def test_external_entity_is_refused_before_parsing(tmp_path: Path, no_parsing: None) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(_xxe(secret), encoding="utf-8")
    with pytest.raises(UnsafeInputError) as err:
        read_concepts(path)  # the format is sniffed from the file, which is refused too
    assert err.value.line == 3
    assert "TOP SECRET" not in str(err.value)
    with pytest.raises(UnsafeInputError):
        read_concepts(path, TermbaseFormat.TBX)


def test_billion_laughs_is_refused_before_parsing(tmp_path: Path, no_parsing: None) -> None:
    path = tmp_path / "bomb.tbx"
    path.write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(UnsafeInputError, match="ENTITY") as err:
        read_concepts(path, TermbaseFormat.TBX)
    assert err.value.line == 3


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE tbx SYSTEM "a>b" [<!ENTITY e "x">]>',  # a '>' in the system literal
        '<!DOCTYPE tbx [<!ATTLIST tbx a CDATA "]"> <!ENTITY e "x">]>',  # a ']' in a literal
        '<!-- a comment first --><?pi x?>\n<!DOCTYPE tbx [<!ENTITY e "x">]>',
        '<!doctype tbx [<!-- ] --><!entity e "x">]>',
    ],
)
def test_entity_declarations_cannot_hide(tmp_path: Path, doctype: str, no_parsing: None) -> None:
    path = tmp_path / "hidden.tbx"
    path.write_text(f"{doctype}\n{BODY}", encoding="utf-8")
    with pytest.raises(UnsafeInputError):
        read_concepts(path, TermbaseFormat.TBX)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_entities_in_utf16_and_utf32_are_refused(
    tmp_path: Path, encoding: str, no_parsing: None
) -> None:
    path = tmp_path / "wide.tbx"
    path.write_bytes(
        LAUGHS.replace('version="1.0"', f'version="1.0" encoding="{encoding}"').encode(encoding)
    )
    with pytest.raises(UnsafeInputError):
        read_concepts(path, TermbaseFormat.TBX)


def test_a_doctype_without_internal_subset_is_fine_and_no_dtd_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "dtd.tbx"
    text = BODY.replace("&e;", "t")
    path.write_text(
        f'<!DOCTYPE tbx SYSTEM "file://{tmp_path}/missing.dtd">\n{text}', encoding="utf-8"
    )
    assert len(read_concepts(path).concepts) == 1


def test_a_huge_prolog_is_refused(tmp_path: Path, no_parsing: None) -> None:
    path = tmp_path / "long.tbx"
    path.write_bytes(b"<!--" + b"x" * (1 << 20) + b"-->" + BODY.encode())
    with pytest.raises(UnsafeInputError, match="1 MB"):
        read_concepts(path, TermbaseFormat.TBX)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (BODY.replace("&e;", "t").replace("</term>", "</terms>"), 1),
        ("<tbx>\n<unclosed>\n</tbx>", 3),
        ("not xml at all", 1),
        ('<tbx xmlns="urn:other">\n</tbx>', 1),
    ],
)
def test_malformed_or_foreign_xml_is_a_format_error_with_the_line(
    tmp_path: Path, text: str, line: int
) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as err:
        read_concepts(path, TermbaseFormat.TBX)
    assert err.value.line == line
    assert "\n" not in str(err.value)


# ----------------------------------------------------------------------- untm._io fixes


def test_decode_counts_lines_right_in_utf16() -> None:
    """U+4E0A 上 is 0A 4E in UTF-16-LE: counting 0x0A bytes would put the error too late."""
    data = "上\n上\n上\nok\n".encode("utf-16") + b"\x00\xd8" + "x\n".encode("utf-16-le")
    with pytest.raises(EncodingError) as err:
        _io.decode(data, "f.tsv")
    assert err.value.line == 5


def test_read_bytes_turns_os_errors_into_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        _io.read_bytes(tmp_path)
    with pytest.raises(InputError, match="cannot read"):
        _io.read_bytes(tmp_path / ("x" * 300))


def test_write_errors_are_input_errors_and_leave_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_concepts(un_concepts(tmp_path), tmp_path / "no" / "such.tsv", TermbaseFormat.TSV)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(InputError, match="cannot write"), _io.atomic_binary(locked / "x") as fh:
            fh.write(b"x")
    finally:
        locked.chmod(0o700)


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "kept.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    with _io.atomic_text(path) as fh:
        fh.write("new")
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def _external(tmp_path: Path, body: str) -> Path:
    """A TBX whose DOCTYPE names a DTD that would declare ``&ext;`` as EVIL if read."""
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY ext "EVIL">\n', encoding="utf-8")
    path = tmp_path / "ext.tbx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "file://{dtd}">\n{body}', encoding="utf-8"
    )
    return path


def test_an_entity_only_an_external_dtd_could_declare_is_refused(tmp_path: Path) -> None:
    body = BODY.replace("&e;", "t").replace("<term>x</term>", "<term>&ext;</term>")
    path = _external(tmp_path, body)
    for fmt in (None, TermbaseFormat.TBX):
        with pytest.raises(UnsafeInputError) as err:
            read_concepts(path, fmt)
        assert str(err.value) == (
            f"{path}: line 3: &ext; is not declared in the file; only an external DTD could "
            "declare it, and untm never reads one (replace the entity with its text)"
        )
        assert "EVIL" not in str(err.value)


def test_an_undeclared_entity_in_an_attribute_is_refused_too(tmp_path: Path) -> None:
    # lxml would drop it silently, leaving an empty attribute
    body = BODY.replace("&e;", "t").replace('id="c1"', 'id="&ext;"')
    with pytest.raises(UnsafeInputError, match="&ext;") as err:
        read_concepts(_external(tmp_path, body))
    assert err.value.line == 3


def test_a_harmless_internal_subset_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "subset.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ELEMENT tbx ANY>\n<!-- a comment -->\n]>\n'
        + BODY.replace("&e;", "t &amp; &#x4E2D;"),
        encoding="utf-8",
    )
    assert [t.text for t in read_concepts(path).concepts[0].terms] == ["x"]


def test_iterparse_refuses_undeclared_entities_before_yielding_them(tmp_path: Path) -> None:
    import io

    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx><body>\n'
        b"<tu><seg>fine</seg></tu>\n<tu><seg>&ext;</seg></tu>\n<tu><seg>never</seg></tu>\n"
        b"</body></tmx>"
    )
    seen = []
    with pytest.raises(UnsafeInputError, match="&ext;") as err:
        for _event, el in _xml.iterparse(io.BytesIO(data), "m.tmx", tag="seg"):
            seen.append(el.text)
    assert seen in ([], ["fine"])  # the parser reads ahead; the bad <seg> never comes out
    assert err.value.line == 5
    clean = data.replace(b"&ext;", b"ok &amp; &lt;")
    texts = [el.text for _e, el in _xml.iterparse(io.BytesIO(clean), "m.tmx", tag="seg")]
    assert texts == ["fine", "ok & <", "never"]
