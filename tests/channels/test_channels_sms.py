"""SMS encoding and segmentation: GSM-7 escapes and UTF-16 surrogates stay whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crisisplay.channels import is_gsm, measure, spec_for, split_sms
from crisisplay.channels.gsm import septets
from crisisplay.channels.sms import encode_parts

FRENCH = (
    "Orange : suite à l’incident sur le réseau mobile ce matin, les appels et SMS sont"
    " rétablis depuis 11h. Merci de votre patience."
)


def test_one_typographic_apostrophe_forces_ucs2() -> None:
    split = split_sms(FRENCH)
    assert split.encoding == "UCS-2"
    assert [(c.char, c.first_index, c.replacement) for c in split.non_gsm_chars] == [
        ("’", FRENCH.index("’"), "'")
    ]
    assert split.part_count == 2  # 126 code units: over 70, so parts of 67


def test_the_same_sms_with_a_plain_apostrophe_is_one_gsm_part() -> None:
    split = split_sms(FRENCH.replace("’", "'"))
    assert (split.encoding, split.part_count, split.units) == ("GSM-7", 1, len(FRENCH))


def test_the_ucs2_finding_names_the_character_and_its_replacement() -> None:
    result = measure(spec_for("sms"), FRENCH)
    (finding,) = result.findings
    start = FRENCH.index("’")
    assert (finding.rule, finding.level, finding.start, finding.end) == (
        "sms.ucs2",
        "warning",
        start,
        start + 1,
    )
    assert finding.message == (
        "’ (U+2019 right single quotation mark) is not in the GSM-7 alphabet:"
        " the SMS goes out as UCS-2, 70 characters per SMS instead of 160"
    )
    assert finding.hint == "Write ' instead."
    assert result.ok
    assert result.as_json()["non_gsm_chars"] == ["’"]


def test_extension_characters_cost_two_septets() -> None:
    split = split_sms("Prix : 5€ {offert}")
    assert split.encoding == "GSM-7"
    assert split.units == len("Prix : 5€ {offert}") + 3


def test_an_extension_character_is_never_split_from_its_escape() -> None:
    text = "a" * 152 + "€" + "b" * 10  # € would take septets 153 and 154
    split = split_sms(text)
    assert split.parts[0] == "a" * 152
    assert split.parts[1].startswith("€")
    assert split.part_units == (152, 12)


def test_a_surrogate_pair_is_never_split() -> None:
    text = "☃" * 66 + "🐳" + "☃" * 3  # the whale would take code units 67 and 68
    split = split_sms(text)
    assert split.parts == ("☃" * 66, "🐳☃☃☃")
    assert split.part_units == (66, 5)


def test_max_parts_is_an_error() -> None:
    result = measure(spec_for("sms"), "a" * 500)
    assert not result.ok
    assert result.findings[0].rule == "sms.parts"
    assert result.findings[0].message == (
        "4 SMS parts, over the maximum of 3: 500 septets in GSM-7, 153 per part"
    )
    assert measure(spec_for("sms", {"max_parts": 4}), "a" * 500).ok


def test_many_non_gsm_characters_are_summarised() -> None:
    text = "абвгдежзийклмн"  # 14 Cyrillic letters, none in GSM-7
    findings = measure(spec_for("sms"), text).findings
    assert len(findings) == 11
    assert findings[-1].message.startswith("4 more characters are not in the GSM-7 alphabet: ")


def _units(part: str, encoding: str) -> int:
    if encoding == "GSM-7":
        return sum(septets(c) for c in part)
    return sum(2 if ord(c) > 0xFFFF else 1 for c in part)


SMS_TEXT = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from(list("aé €{}[]~^|\\\f\n")), max_size=500),
    st.text(alphabet=st.sampled_from(list("a☃🐳’👨\u200d")), max_size=250),
)


@given(SMS_TEXT)
def test_parts_join_back_and_fit(text: str) -> None:
    split = split_sms(text)
    assert "".join(split.parts) == text
    assert split.encoding == ("GSM-7" if all(is_gsm(c) for c in text) else "UCS-2")
    per_part = split.units_per_part
    for part, units in zip(split.parts, split.part_units, strict=True):
        assert units == _units(part, split.encoding)
        assert units <= per_part
        assert part or not text


@given(SMS_TEXT)
def test_encoded_parts_are_as_long_as_counted(text: str) -> None:
    split = split_sms(text)
    encoded = encode_parts(split)
    octets_per_unit = 1 if split.encoding == "GSM-7" else 2
    assert [len(part) for part in encoded] == [u * octets_per_unit for u in split.part_units]
    if split.encoding == "UCS-2":
        assert b"".join(encoded).decode("utf-16-be") == text
    else:
        assert all(octet < 0x80 for part in encoded for octet in part)


def test_an_escape_pair_stays_in_its_part_once_encoded() -> None:
    text = "a" * 152 + "€" + "b" * 10
    first, second = encode_parts(split_sms(text))
    assert first == b"a" * 152
    assert second == b"\x1b\x65" + b"b" * 10


def test_a_ucs2_part_is_utf16_big_endian_surrogates_whole() -> None:
    text = "☃" * 66 + "🐳" + "☃" * 3
    first, second = encode_parts(split_sms(text))
    assert first == "☃".encode("utf-16-be") * 66
    assert second[:4] == b"\xd8\x3d\xdc\x33"  # U+1F433 as its surrogate pair
