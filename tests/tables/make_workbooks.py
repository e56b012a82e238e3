#!/usr/bin/env python3
"""Writes the small workbooks the tests and the Culemborg example read.

Run once after changing it: python3 tests/tables/make_workbooks.py
The tests read the committed files and need no Python. Only the standard
library is used: an .xlsx and an .ods are zipped XML, written here by hand
so that a formula carries its cached value and a date its date format, as
a spreadsheet program saves them.
"""
import os
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXED = (2018, 4, 12, 0, 0, 0)  # fixed timestamps: the same bytes every run


def col(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def xlsx_cell(ref, v):
    if v is None:
        return ""
    if isinstance(v, tuple) and v[0] == "f":  # formula, cached value
        return f'<c r="{ref}"><f>{escape(v[1])}</f><v>{v[2]}</v></c>'
    if isinstance(v, tuple) and v[0] == "d":  # date as Excel serial
        return f'<c r="{ref}" s="1"><v>{v[1]}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'


def write(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def xlsx(path, sheets):
    files = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
         + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(sheets)))
         + "</Types>"),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         + "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(sheets))
         + "</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
         + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
         "</Relationships>"),
        ("xl/styles.xml",
         '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
         '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
         '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'),
    ]
    for i, (_, rows) in enumerate(sheets):
        body = "".join(
            f'<row r="{r + 1}">' + "".join(xlsx_cell(f"{col(c)}{r + 1}", v) for c, v in enumerate(row)) + "</row>"
            for r, row in enumerate(rows))
        files.append((f"xl/worksheets/sheet{i + 1}.xml",
                      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                      f"<sheetData>{body}</sheetData></worksheet>"))
    write(path, files)


def ods_cell(v):
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, tuple) and v[0] == "f":
        return (f'<table:table-cell table:formula="of:{escape(v[1])}" office:value-type="float" office:value="{v[2]}">'
                f"<text:p>{v[2]}</text:p></table:table-cell>")
    if isinstance(v, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'


def ods(path, sheets):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    tables = "".join(
        f'<table:table table:name="{escape(n)}">'
        + "".join("<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>" for n, rows in sheets)
    write(path, [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml",
         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
         '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
        ("content.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
         f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"),
    ])


def at(*parts):
    path = os.path.join(ROOT, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


NOTE = ("Toelichting", [["Bron: CBS StatLine en eigen registratie."], ["Dit blad heeft geen kolom indicator en wordt overgeslagen."]])

# Culemborg: two indicators moved here from cbs-bijstand.csv, as CBS codes
# them; one figure is a formula, as a BI team's sheet has them.
xlsx(at("fixtures/culemborg/waarden/monitor.xlsx"), [
    ("Bijstand", [
        ["indicator", "gebied", "2015", "2016", "2017"],
        ["bijstand-werkleeftijd", "GM0216", 36.5, 36.5, 34.0],
        ["bijstand-werkleeftijd", "NL01  ", 40.0, 41.5, 40.5],
        ["uitstroom-naar-werk-pct", "GM0216", 9.0, 10.5, ("f", "D3+1.5", 12.0)],
        ["uitstroom-naar-werk-pct", "NL01  ", 10.5, 10.0, 10.5],
    ]),
    NOTE,
])

# The forms test: the same values as tests/tables/long.csv, in each form.
WIDE = [
    ["indicator", "gebied", 2015, "2016", "2017*"],
    ["bijstand", None, 30.0, 29.0, 28.0],
    ["bijstand", "NL01", 35.0, ".", "33,5"],
    ["trajecten", None, None, None, 12],
]
xlsx(at("tests/tables/forms/wide-xlsx/waarden/w.xlsx"), [("Blad1", WIDE), NOTE])
ods(at("tests/tables/forms/wide-ods/waarden/w.ods"), [("Blad1", WIDE)])
xlsx(at("tests/tables/forms/long-xlsx/waarden/w.xlsx"), [("Gegevens", [
    ["indicator", "gebied", "periode", "waarde", "status"],
    ["bijstand", None, 2015, 30, None],
    ["bijstand", None, "2016", ("f", "B2-1", 29), None],
    ["bijstand", None, "2017JJ00", 28, "voorlopig"],
    ["bijstand", "Nederland", 2015, 35, None],
    ["bijstand", "Nederland", "2017*", "33.5", None],
    ["trajecten", None, "2017*", 12, None],
])])

# Bad input cases (tests/cases/<name>).
xlsx(at("tests/cases/xlsx_text_for_number/kompas/waarden/monitor.xlsx"), [("Blad1", [
    ["indicator", "gebied", 2015, 2016],
    ["trajecten", None, None, "n.v.t."],
])])
xlsx(at("tests/cases/xlsx_value_twice/kompas/waarden/monitor.xlsx"), [("Blad1", [
    ["indicator", "periode", "waarde"],
    ["trajecten", 2015, 9],
    ["trajecten", 2016, 10],
])])
xlsx(at("tests/cases/xlsx_no_table/kompas/waarden/notities.xlsx"), [NOTE])
