"""Plain-language problem messages (German and English) for user-uploaded tables.

Every problem found in an upload is a :class:`Problem` with a stable ``code`` (for tests
and programs) and two texts a planner can act on. Locations are spelled out in the
text ("Zeile 5, Spalte „Kursplätze“" / "row 5, column 'Kursplätze'") and also kept in
the ``row`` and ``column`` fields. Row numbers are those a spreadsheet program shows
(the header is usually row 1).
"""

from __future__ import annotations

from geodata.problems import Problem, Severity
from geodata.text import shorten

__all__ = ["MESSAGES", "Problem", "Severity", "make_problem", "shorten"]


#: code -> (German template, English template); ``{where_de}``/``{where_en}`` are filled in.
MESSAGES: dict[str, tuple[str, str]] = {
    "too_large": (
        "Die Datei „{filename}“ ist {size_de} Bytes groß; erlaubt sind höchstens {limit_de} "
        "Bytes ({limit_mb} MB).",
        "The file '{filename}' is {size} bytes; at most {limit} bytes ({limit_mb} MB) are allowed.",
    ),
    "empty_file": (
        "Die Datei „{filename}“ ist leer.",
        "The file '{filename}' is empty.",
    ),
    "not_a_table": (
        "Die Datei „{filename}“ ist keine Tabelle, sondern {what}. Bitte eine CSV- oder "
        "Excel-Datei (.xlsx) hochladen.",
        "The file '{filename}' is not a table but {what_en}. Please upload a CSV or an "
        "Excel (.xlsx) file.",
    ),
    "encoding": (
        "Die Datei „{filename}“ lässt sich nicht als Text lesen ({detail_de}). Bitte als "
        "„CSV UTF-8“ speichern.",
        "The file '{filename}' cannot be read as text ({detail_en}). Please save it as "
        "'CSV UTF-8'.",
    ),
    "broken_xlsx": (
        "Die Excel-Datei „{filename}“ ist beschädigt oder unvollständig ({detail_de}).",
        "The Excel file '{filename}' is damaged or incomplete ({detail_en}).",
    ),
    "broken_csv": (
        "Zeile {row}: Die CSV-Datei ist fehlerhaft ({detail}).",
        "Row {row}: the CSV file is malformed ({detail}).",
    ),
    "too_many_rows": (
        "Die Tabelle hat mehr als {limit_de} Zeilen; erwartet wird eine Zeile je Kreis.",
        "The table has more than {limit} rows; one row per district is expected.",
    ),
    "too_many_fields": (
        "Zeile {row} hat {count} Spalten; erlaubt sind höchstens {limit}. Erwartet wird eine "
        "Zeile je Kreis mit wenigen Spalten (Schlüssel oder Name und die Indikatoren).",
        "Row {row} has {count} columns; at most {limit} are allowed. One row per district "
        "with a few columns (key or name, and the indicators) is expected.",
    ),
    "too_many_cells": (
        "Das Tabellenblatt „{sheet}“ hat mehr als {limit_de} Zellen; erlaubt sind höchstens "
        "{limit_de} (eine Zeile je Kreis). Bitte nur die Tabelle der Kreise hochladen.",
        "The worksheet '{sheet}' has more than {limit} cells; at most {limit} are allowed "
        "(one row per district). Please upload only the table of districts.",
    ),
    "too_many_strings": (
        "Die Excel-Datei „{filename}“ enthält {count_de} verschiedene Texte; erlaubt sind "
        "höchstens {limit_de}. Bitte nur die Tabelle der Kreise hochladen oder als CSV "
        "speichern.",
        "The Excel file '{filename}' holds {count} distinct texts; at most {limit} are "
        "allowed. Please upload only the table of districts, or save it as CSV.",
    ),
    "part_too_large": (
        "Die Excel-Datei „{filename}“ ist beschädigt oder manipuliert: ihr Teil „{part}“ ist "
        "entpackt {size_de} Bytes groß (erlaubt: {limit_de}). Bitte neu als .xlsx oder CSV "
        "speichern.",
        "The Excel file '{filename}' is damaged or crafted: its part '{part}' is {size} bytes "
        "when unpacked (allowed: {limit}). Please save it again as .xlsx or CSV.",
    ),
    "sheet_dimension": (
        "Das Tabellenblatt „{sheet}“ erklärt den Bereich {ref}; erlaubt sind höchstens "
        "{max_columns} Spalten und {max_rows_de} Zeilen. Bitte leere Zeilen und Spalten "
        "unter und rechts der Tabelle löschen oder als CSV speichern.",
        "The worksheet '{sheet}' declares the range {ref}; at most {max_columns} columns and "
        "{max_rows} rows are allowed. Please delete empty rows and columns below and right "
        "of the table, or save it as CSV.",
    ),
    "far_cell": (
        "Das Tabellenblatt „{sheet}“ reicht bis Zelle {ref}; erlaubt sind höchstens "
        "{max_columns} Spalten und {max_rows_de} Zeilen. Bitte Zellen außerhalb der Tabelle "
        "löschen oder als CSV speichern.",
        "The worksheet '{sheet}' reaches cell {ref}; at most {max_columns} columns and "
        "{max_rows} rows are allowed. Please delete cells outside the table, or save it as "
        "CSV.",
    ),
    "long_number": (
        "Zeile {row}, Spalte {column}: eine Zahl mit mehr als 4000 Ziffern ist kein Messwert.",
        "Row {row}, column {column}: a number with more than 4,000 digits is not a measured value.",
    ),
    "field_too_long": (
        "Zeile {row}, Spalte „{column}“: ein Feld hat mehr als {limit_de} Zeichen. Fehlt ein "
        "schließendes Anführungszeichen?",
        "Row {row}, column '{column}': a field holds more than {limit} characters. Is a "
        "closing quote missing?",
    ),
    "unterminated_quote": (
        'Zeile {row}, Spalte „{column}“: ein Anführungszeichen (") öffnet ein Feld, das nie '
        "geschlossen wird; der Rest der Datei (bis Zeile {end}) wäre ein einziges Feld. Bitte "
        "das Anführungszeichen schließen oder entfernen.",
        "Row {row}, column '{column}': a quote (\") opens a field that is never closed; the "
        "rest of the file (to line {end}) would be one field. Please close or remove the "
        "quote.",
    ),
    "quote_spans_rows": (
        'Zeile {row}, Spalte „{column}“: ein Anführungszeichen (") öffnet ein Feld, das erst '
        "in Zeile {end} geschlossen wird; die Zeilen dazwischen wären ein einziges Feld. Bitte "
        "das Anführungszeichen schließen oder entfernen.",
        "Row {row}, column '{column}': a quote (\") opens a field that is closed only in line "
        "{end}; the lines in between would be one field. Please close or remove the quote.",
    ),
    "mixed_encoding": (
        "Die Datei „{filename}“ ist in UTF-8 gespeichert, aber Byte {offset_de} (Zeile {row}, "
        "Zeichen {char}) ist kein gültiges UTF-8 ({byte}). Vermutlich wurden zwei Kodierungen "
        "gemischt; bitte die Datei einheitlich als „CSV UTF-8“ speichern.",
        "The file '{filename}' is saved as UTF-8, but byte {offset} (line {row}, character "
        "{char}) is not valid UTF-8 ({byte}). Two encodings were probably mixed; please save "
        "the whole file as 'CSV UTF-8'.",
    ),
    "encrypted": (
        "Die Excel-Datei „{filename}“ ist verschlüsselt (kennwortgeschützt) und kann nicht "
        "gelesen werden. Bitte in Excel den Kennwortschutz entfernen (Datei → Informationen → "
        "Arbeitsmappe schützen) und erneut hochladen.",
        "The Excel file '{filename}' is encrypted (password-protected) and cannot be read. "
        "Please remove the password in Excel (File → Info → Protect Workbook) and upload it "
        "again.",
    ),
    "too_costly": (
        "Das Lesen der Datei „{filename}“ wurde abgebrochen: es bräuchte mehr als {cpu} s "
        "Rechenzeit oder {memory} MB Speicher. Bitte nur die Tabelle der Kreise hochladen "
        "oder als CSV speichern.",
        "Reading the file '{filename}' was stopped: it would take more than {cpu} s of "
        "computing time or {memory} MB of memory. Please upload only the table of districts, "
        "or save it as CSV.",
    ),
    "too_many_problems": (
        "Weitere {count} Probleme werden nicht einzeln aufgeführt.",
        "{count} further problems are not listed one by one.",
    ),
    "no_rows": (
        "Die Tabelle hat keine Datenzeilen unter der Kopfzeile.",
        "The table has no data rows below the header row.",
    ),
    "no_key_column": (
        "Keine Spalte mit Kreisschlüssel oder Kreisname gefunden. Gefundene Spalten: "
        "{headers}. Erwartet wird z. B. „AGS“, „Kreisschlüssel“ oder „Kreis“/„Name“.",
        "No column with district key or district name found. Columns found: {headers}. "
        "Expected e.g. 'AGS', 'Kreisschlüssel' (key) or 'Kreis'/'Name'.",
    ),
    "no_numeric_column": (
        "Keine Spalte mit Zahlen gefunden (außer der Schlüssel- bzw. Namensspalte).",
        "No column with numbers found (besides the key or name column).",
    ),
    "empty_header": (
        "Spalte {index} enthält Werte, hat aber keine Überschrift.",
        "Column {index} holds values but has no header.",
    ),
    "duplicate_header": (
        "Die Spaltenüberschrift „{column}“ kommt mehrfach vor.",
        "The column header '{column}' occurs more than once.",
    ),
    "formula_header": (
        "Die Spaltenüberschrift „{column}“ beginnt mit „{char}“ wie eine Formel; bitte umbenennen.",
        "The column header '{column}' starts with '{char}' like a formula; please rename it.",
    ),
    "too_many_columns": (
        "Die Tabelle hat {count} Zahlenspalten; erlaubt sind höchstens {limit}.",
        "The table has {count} numeric columns; at most {limit} are allowed.",
    ),
    "text_column_ignored": (
        "Spalte „{column}“ enthält überwiegend Text und wird nicht verwendet.",
        "Column '{column}' holds mostly text and is not used.",
    ),
    "column_ignored": (
        "Spalte „{column}“ beschreibt die Zeile (Nummer, Jahr, Datum) und wird nicht als "
        "Indikator verwendet.",
        "Column '{column}' describes the row (number, year, date) and is not used as an indicator.",
    ),
    "text_in_numeric": (
        "Zeile {row}, Spalte „{column}“{district_de}: „{value}“ ist keine Zahl. Für fehlende "
        "Werte die Zelle leer lassen.",
        "Row {row}, column '{column}'{district_en}: '{value}' is not a number. Leave the cell "
        "empty for a missing value.",
    ),
    "formula": (
        "Zeile {row}, Spalte „{column}“{district_de}: „{value}“ ist eine Formel. Formeln werden "
        "nicht ausgewertet; bitte nur Werte einfügen („Inhalte einfügen → Werte“).",
        "Row {row}, column '{column}'{district_en}: '{value}' is a formula. Formulas are never "
        "evaluated; please paste values only ('Paste special → Values').",
    ),
    "not_finite": (
        "Zeile {row}, Spalte „{column}“{district_de}: „{value}“ ist kein endlicher Zahlenwert "
        "(NaN oder unendlich). Für fehlende Werte die Zelle leer lassen.",
        "Row {row}, column '{column}'{district_en}: '{value}' is not a finite number (NaN or "
        "infinity). Leave the cell empty for a missing value.",
    ),
    "huge_value": (
        "Zeile {row}, Spalte „{column}“{district_de}: {value} ist unplausibel groß "
        "(Betrag über 10^15).",
        "Row {row}, column '{column}'{district_en}: {value} is implausibly large "
        "(magnitude above 10^15).",
    ),
    "not_a_number_type": (
        "Zeile {row}, Spalte „{column}“{district_de}: ein {what_de} ist keine Zahl.",
        "Row {row}, column '{column}'{district_en}: a {what_en} is not a number.",
    ),
    "mixed_decimals": (
        "Spalte „{column}“ mischt Dezimalkomma und Dezimalpunkt (z. B. Zeile {row_comma}: "
        "„{comma}“, Zeile {row_point}: „{point}“). Bitte eine Schreibweise verwenden.",
        "Column '{column}' mixes decimal comma and decimal point (e.g. row {row_comma}: "
        "'{comma}', row {row_point}: '{point}'). Please use one notation.",
    ),
    "decimal_assumed": (
        "Spalte „{column}“: Zahlen wie „{example}“ sind mehrdeutig; sie wurden mit "
        "{decimal_de} als Dezimaltrennzeichen gelesen. Bitte prüfen.",
        "Column '{column}': numbers like '{example}' are ambiguous; they were read with a "
        "decimal {decimal_en}. Please check.",
    ),
    "bad_key": (
        "Zeile {row}, Spalte „{column}“: „{value}“ ist kein Kreisschlüssel (fünfstellig, "
        "z. B. 09162).",
        "Row {row}, column '{column}': '{value}' is not a district key (five digits, e.g. 09162).",
    ),
    "unknown_key": (
        "Zeile {row}, Spalte „{column}“: Den Kreisschlüssel {key} gibt es nicht.",
        "Row {row}, column '{column}': there is no district with key {key}.",
    ),
    "old_key": (
        "Zeile {row}, Spalte „{column}“: {key} ist ein alter Kreisschlüssel (Gebietsstand vor "
        "dem {date_de}); der Kreis gehört heute zu {successors}. Bitte den aktuellen Schlüssel "
        "verwenden.",
        "Row {row}, column '{column}': {key} is an old district key (territorial status "
        "before {date}); that district now belongs to {successors}. Please use the current "
        "key.",
    ),
    "aggregate_row": (
        "Zeile {row}: „{value}“ ist kein Kreis (Bund, Land oder Summe); die Zeile wird "
        "übersprungen.",
        "Row {row}: '{value}' is not a district (Germany, a Land or a total); the row is skipped.",
    ),
    "blank_key_row": (
        "Zeile {row} hat weder Kreis noch Werte und wird übersprungen.",
        "Row {row} has neither a district nor values and is skipped.",
    ),
    "note_row": (
        "Zeile {row}: „{value}“ ist kein Kreis und hat keine Werte; die Zeile wird übersprungen.",
        "Row {row}: '{value}' is not a district and has no values; the row is skipped.",
    ),
    "missing_key": (
        "Zeile {row}: Werte ohne Kreisschlüssel/Kreisname in Spalte „{column}“.",
        "Row {row}: values without a district key/name in column '{column}'.",
    ),
    "unmatched_name": (
        "Zeile {row}, Spalte „{column}“: Kein Kreis heißt „{value}“.{hint_de}",
        "Row {row}, column '{column}': no district is called '{value}'.{hint_en}",
    ),
    "ambiguous_name": (
        "Zeile {row}, Spalte „{column}“: „{value}“ passt zu mehreren Kreisen: {candidates_de}. "
        "Bitte „Stadt“ oder „Landkreis“ ergänzen oder den Kreisschlüssel verwenden.",
        "Row {row}, column '{column}': '{value}' matches several districts: {candidates_en}. "
        "Please add 'Stadt' or 'Landkreis' or use the district key.",
    ),
    "name_key_mismatch": (
        "Zeile {row}: Schlüssel {key} gehört zu „{district}“, der Name lautet aber „{value}“.",
        "Row {row}: key {key} belongs to '{district}', but the name says '{value}'.",
    ),
    "duplicate_district": (
        "Zeile {row}: {district} ({key}) kommt schon in Zeile {first_row} vor.",
        "Row {row}: {district} ({key}) already occurs in row {first_row}.",
    ),
    "missing_districts": (
        "Für {count} von {total} Kreisen fehlen Zeilen (z. B. {examples}); sie bleiben ohne Wert.",
        "{count} of {total} districts have no row (e.g. {examples}); they stay without a value.",
    ),
    "empty_cells": (
        "Spalte „{column}“: {count} leere Zelle(n) (z. B. Zeile {row}); diese Kreise bleiben "
        "ohne Wert.",
        "Column '{column}': {count} empty cell(s) (e.g. row {row}); those districts stay "
        "without a value.",
    ),
    "ragged_row": (
        "Zeile {row} hat {count} Felder, die Kopfzeile nur {expected}.{hint_de}",
        "Row {row} has {count} fields but the header only {expected}.{hint_en}",
    ),
    "other_sheets": (
        "Nur das erste Tabellenblatt „{sheet}“ wurde gelesen; weitere Blätter: {others}.",
        "Only the first worksheet '{sheet}' was read; other sheets: {others}.",
    ),
    "rows_above_header": (
        "Die Kopfzeile steht in Zeile {row}; die Zeilen darüber werden übersprungen.",
        "The header is in row {row}; the rows above it are skipped.",
    ),
}


def make_problem(
    code: str, *, row: int | None = None, column: str | None = None, **params: object
) -> Problem:
    """Build a :class:`Problem` from :data:`MESSAGES` with ``params`` filled in.

    ``row`` and ``column`` are available to the templates as ``{row}`` and ``{column}``.
    An optional ``district`` parameter fills ``{district_de}``/``{district_en}`` with
    " (Kreis …)"/" (district …)".
    """
    template_de, template_en = MESSAGES[code]
    values: dict[str, object] = {"row": row, "column": column, **params}
    district = params.get("district")
    values.setdefault("district_de", f" ({district})" if district else "")
    values.setdefault("district_en", f" ({district})" if district else "")
    return Problem(
        code=code,
        message_de=template_de.format(**values),
        message_en=template_en.format(**values),
        row=row,
        column=column,
    )
