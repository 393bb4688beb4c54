#!/usr/bin/python3
"""Writes the .xlsx fixtures of TablesTests the way Excel lays them out (workbook, relationships,
shared strings with rich-text runs and phonetic guides, sparse rows, a formula with its cached value,
inline strings, booleans, date serials). Run it again only to change the fixtures."""
import zipfile

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
# The visible first sheet ("Log") is sheet2.xml: the order comes from workbook.xml, not file names.
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="2" r:id="rId7"/><sheet name="Notes" sheetId="1" r:id="rId3"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>PD hours log: Ann Rivera</t></si><si><t>Date</t></si><si><t>Activity</t></si><si><t>Micro-credential</t></si><si><t>Hours</t></si><si><r><t>Read </t></r><r><rPr><b/></rPr><t>Mindset</t></r><r><t xml:space="preserve"> chapters</t></r></si><si><t>Growth Mindset</t></si><si><t>Classroom observation &amp; notes</t><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>Total</t></si></sst>"""
LOG = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c></row>
<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c><c r="D3" t="s"><v>4</v></c></row>
<row r="4"><c r="A4" s="1"><v>45870</v></c><c r="B4" t="s"><v>5</v></c><c r="C4" t="s"><v>6</v></c><c r="D4"><v>2.5</v></c></row>
<row r="5"><c r="A5" s="1"><v>45871.375</v></c><c r="B5" t="inlineStr"><is><t>Lesson study</t></is></c><c r="C5" t="s"><v>6</v></c><c r="D5"><f>2+1</f><v>3</v></c></row>
<row r="6"><c r="B6" t="s"><v>7</v></c><c r="C6" t="s"><v>6</v></c><c r="D6" t="str"><v>four</v></c></row>
<row r="8"><c r="A8" t="s"><v>8</v></c><c r="D8"><f>SUM(D4:D6)</f><v>5.5</v></c></row>
</sheetData></worksheet>"""
NOTES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="b"><v>1</v></c></row></sheetData></worksheet>"""

with zipfile.ZipFile("pd_log.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK),
                       ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/sharedStrings.xml", SHARED),
                       ("xl/worksheets/sheet1.xml", NOTES), ("xl/worksheets/sheet2.xml", LOG)]:
        z.writestr(name, text)
