"""Texts stored in Dutch and read in the reader's language (issue 14 item 8)."""

from __future__ import annotations

import pickle

from django.utils import translation
from django.utils.translation import gettext_noop

from simon.lib import later_text
from simon.lib.later_text import later

# Msgids of the English catalogue, so the translation is a real one.
BACK = gettext_noop("De verbinding met SnelStart werkt weer.")
NOT_SENT = gettext_noop("Werkbon %(number)s is niet naar SnelStart gestuurd: %(reasons)s")
CUSTOMER_GONE = gettext_noop("De klant '%(name)s' is in SnelStart verwijderd of inactief gezet.")


def test_a_later_text_is_the_text_in_the_language_of_the_moment():
    with translation.override("nl"):
        text = later(BACK)
    assert text == "De verbinding met SnelStart werkt weer."
    assert isinstance(text, str) and text.upper().startswith("DE VERBINDING")


def test_stored_it_reads_in_the_language_active_when_shown():
    with translation.override("nl"):
        stored = later_text.to_json(later(BACK))
    with translation.override("en"):
        assert later_text.render(stored, "x") == "The connection with SnelStart works again."
    with translation.override("nl"):
        assert later_text.render(stored, "x") == "De verbinding met SnelStart werkt weer."


def test_parameters_that_are_texts_themselves_and_lists_of_them_are_translated_too():
    with translation.override("nl"):
        gone = later(CUSTOMER_GONE, name="Bakkerij de Vries")
        text = later(NOT_SENT, number=12, reasons=[gone, later(BACK)])
        stored = later_text.to_json(text)
    assert text == (
        "Werkbon 12 is niet naar SnelStart gestuurd: De klant 'Bakkerij de Vries' is in "
        "SnelStart verwijderd of inactief gezet. De verbinding met SnelStart werkt weer."
    )
    with translation.override("en"):
        assert later_text.render(stored, "") == (
            "Work order 12 was not sent to SnelStart: The customer 'Bakkerij de Vries' was "
            "deleted or set inactive in SnelStart. The connection with SnelStart works again."
        )


def test_a_list_of_texts_is_stored_and_shown_one_after_the_other():
    with translation.override("nl"):
        stored = later_text.to_json([later(BACK), later(CUSTOMER_GONE, name="X")])
    with translation.override("en"):
        assert later_text.render(stored, "") == (
            "The connection with SnelStart works again. The customer 'X' was deleted or set "
            "inactive in SnelStart."
        )
    assert later_text.to_json([later(BACK), "plain"]) is None  # cannot be shown otherwise


def test_plain_text_and_rows_from_before_show_as_written():
    assert later_text.to_json("Gewoon een tekst.") is None
    assert later_text.render(None, "Zoals geschreven.") == "Zoals geschreven."
    assert later_text.render({}, "Zoals geschreven.") == "Zoals geschreven."


def test_a_stored_form_that_no_longer_fits_its_msgid_falls_back_to_the_text():
    broken = {"id": NOT_SENT, "p": {"number": 12}}  # 'reasons' missing
    assert later_text.render(broken, "Werkbon 12 is niet verstuurd.") == (
        "Werkbon 12 is niet verstuurd."
    )
    assert later_text.render({"p": {}}, "fallback") == "fallback"


def test_hostile_parameters_are_cleaned_before_they_are_stored():
    stored = later_text.to_json(
        later(CUSTOMER_GONE, name="Bakker\x00ij"), clean=lambda s: s.replace("\x00", "")
    )
    assert stored == {"id": CUSTOMER_GONE, "p": {"name": "Bakkerij"}}


def test_numbers_stay_numbers_and_other_values_are_stored_as_they_were_shown():
    from decimal import Decimal

    stored = later_text.to_json(later("%(n)d %(amount)s", n=3, amount=Decimal("1.50")))
    assert stored == {"id": "%(n)d %(amount)s", "p": {"n": 3, "amount": "1.50"}}
    assert later_text.render(stored, "") == "3 1.50"


def test_it_survives_a_trip_through_a_job_queue():
    with translation.override("nl"):
        text = later(CUSTOMER_GONE, name="X")
        again = pickle.loads(pickle.dumps(text))
    assert again == text and later_text.to_json(again) == later_text.to_json(text)
