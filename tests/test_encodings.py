"""Text exports in any encoding and with any line ends read as the same log.

The sentences are time-log lines in the languages people write them in; each is encoded in every
code page that can hold it and must come back letter for letter. charset-normalizer alone gets
about half of these right (short texts, a few accented names: it cannot tell Mac Roman or
Windows-1250 from Windows-1252), which is why it is only the second opinion in text_encoding.py.
"""

from __future__ import annotations

import pytest

import storykit as sk
from storykit.ingest.text_encoding import decode, decode_text, guess_code_page

LINES = {
    "de": "Name;Projekt;Dauer\nStefanie Größer;Übergabe an Kundendienst;1,5\nBjörn Schäfer;Prüfung der Rechnungen;2\n",
    "fr": "Nom;Tâche;Durée\nHélène Dupré;Réunion hebdomadaire;1,5\nJérôme Bœuf;Dépannage réseau;2\n",
    "es": "Nombre,Tarea,Duración\nIñaki Ibáñez,Revisión de facturas,1.5\nMaría José Cañas,Atención telefónica,2\n",
    "fr-caps": "DATE;NOM DE L'EMPLOYÉ;TEMPS CONSACRÉ (MIN)\n02/02/2026;Céline Dubois;75\n03/02/2026;Reunión;90\n",
    "pt": "Nome,Tarefa,Duração\nJoão Gonçalves,Reunião de equipa,1.5\nInês Conceição,Formação técnica,2\n",
    "cs": "Jméno;Činnost;Hodiny\nPetr Novák;Řešení požadavků;1,5\nTereza Dvořáková;Účtování faktur;2\n",
    "pl": "Imię;Zadanie;Godziny\nAgnieszka Wróblewska;Księgowość;2\nJędrzej Śliwiński;Szkolenie;0,5\n",
    "hu": "Név;Feladat;Óra\nKovács Ödön;Ügyfélszolgálat;1,5\nSzabó Erzsébet;Számlázás;2\n",
    "sv": "Namn;Uppgift;Timmar\nÅsa Öberg;Kundtjänst;1,5\nBjörn Ängström;Fakturering;2\n",
    "tr": "Ad;Görev;Saat\nŞükrü Çelik;Müşteri hizmetleri;1,5\nİlknur Güneş;Faturalandırma;2\n",
    "hr": "Ime;Zadatak;Sati\nĐurđa Kovačević;Podrška korisnicima;1,5\nŽeljko Šarić;Računovodstvo;2\n",
    "ru": "Имя;Задача;Часы\nСергей Кузнецов;Обслуживание клиентов;1,5\nОльга Иванова;Бухгалтерия;2\n",
    "el": "Όνομα;Εργασία;Ώρες\nΝίκος Γεωργίου;Εξυπηρέτηση πελατών;1,5\nΕλένη Δημητρίου;Λογιστήριο;2\n",
}
CODE_PAGES = ("cp1252", "mac_roman", "iso-8859-1", "iso-8859-2", "cp1250", "cp1251", "cp1253", "cp1254", "cp850")


def holds(text: str, encoding: str) -> bool:
    """The code page can write every letter of the text, and some of them are not ASCII."""
    try:
        return not text.encode(encoding).isascii()
    except UnicodeEncodeError:
        return False


CASES = [(lang, enc) for lang, text in LINES.items() for enc in CODE_PAGES if holds(text, enc)]


@pytest.mark.parametrize(("lang", "encoding"), CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_a_code_page_is_read_back_letter_for_letter(lang, encoding):
    data = LINES[lang].encode(encoding)
    assert data.decode(guess_code_page(data)) == LINES[lang]


def test_the_word_check_beats_the_detector_alone():
    from charset_normalizer import from_bytes

    ours = detector = 0
    for lang, encoding in CASES:
        data = LINES[lang].encode(encoding)
        ours += data.decode(guess_code_page(data)) == LINES[lang]
        best = from_bytes(data).best()
        detector += best is not None and data.decode(best.encoding, errors="replace") == LINES[lang]
    assert ours == len(CASES) and detector < ours


def test_utf8_is_the_fast_path_and_says_nothing():
    text, encoding, notes = decode_text("a.csv", LINES["de"].encode("utf-8"))
    assert (text, encoding, notes) == (LINES["de"], "utf-8", ())


def test_a_guessed_code_page_is_said():
    _, encoding, notes = decode_text("a.csv", LINES["cs"].encode("cp1250"))
    assert encoding == "cp1250" and any("cp1250" in n and "not UTF-8" in n for n in notes)


def test_nul_bytes_from_a_broken_copy_are_dropped_with_a_note_not_taken_for_utf16():
    data = LINES["de"].encode("utf-8")
    broken = data[:40] + b"\x00" * 3000 + data[40:]
    text, encoding, notes = decode_text("a.csv", broken)
    assert text == LINES["de"] and encoding == "utf-8" and any("3,000 NUL bytes" in n for n in notes)


def test_utf16_without_a_byte_order_mark_is_still_utf16():
    data = LINES["fr"].encode("utf-16-le")
    assert decode("a.txt", data) == (LINES["fr"], "utf-16-le")


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr-only"])
def test_any_line_ends_give_the_same_log(newline):
    text = "Date;Person;Activity;Hours\n2026-03-02;Åsa Öberg;Kundtjänst;1,5\n2026-03-03;Björn Ängström;Fakturering;2\n"
    log = sk.load(("log.csv", text.replace("\n", newline).encode("cp1252")))
    assert log.total_hours == pytest.approx(3.5)
    assert log.people == ["Björn Ängström", "Åsa Öberg"]
