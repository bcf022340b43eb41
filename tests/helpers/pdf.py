"""Reading a printed list back from its PDF: what is on each page, and where.

The printing rules (docs/product.md#printing) are checked on the PDF itself, from
the positions of its text, not on the code that wrote it.
"""
import io
import unicodedata
from dataclasses import dataclass

from pypdf import PdfReader

#: The page footer (version, disclaimer, page number) sits in the bottom 15 mm.
FOOTER_TOP = 15 / 25.4 * 72


@dataclass(frozen=True)
class Line:
    y: float
    bold: bool
    text: str


def page_count(data):
    return len(PdfReader(io.BytesIO(data)).pages)


def fonts(data):
    """The names of the fonts a PDF embeds, without their subset prefix."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font.get("/BaseFont", font.get("/Name", ""))).split("+")[-1])
    return names


def pages(data):
    """Each page's body lines (the footer left out), top to bottom."""
    result = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = []

        def visit(text, cm, tm, font, size, lines=lines):
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and y > FOOTER_TOP:
                lines.append(Line(y, "Bold" in str((font or {}).get("/BaseFont", "")), text.strip()))

        page.extract_text(visitor_text=visit)
        result.append(sorted(lines, key=lambda line: -line.y))
    return result


def layout_problems(data, question_texts):
    """What breaks the printing rules: a heading alone at a page's foot, or a last
    page without a question on it (only notes, sources or the disclaimer)."""
    problems = []
    found = pages(data)
    for number, lines in enumerate(found, start=1):
        if lines and lines[-1].bold:
            problems.append(f"page {number} ends with the heading {lines[-1].text!r}")
    last_text = " ".join(line.text for line in found[-1])
    if not any(text[:40] in last_text for text in question_texts):
        problems.append(f"the last page (page {len(found)}) holds no question")
    return problems


def qr_codes(data, folder):
    """The text of every QR code on the PDF's pages, read from the pages as a printer shows
    them (rendered by Debian's poppler-utils, read by zxing-cpp)."""
    import shutil
    import subprocess

    import zxingcpp
    from PIL import Image

    from tests.helpers import skip_or_fail
    if not shutil.which("pdftoppm"):
        skip_or_fail("pdftoppm not found (sudo apt-get install poppler-utils)")
    (folder / "list.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(folder / "list.pdf"), str(folder / "page")], check=True)
    return [code.text for path in sorted(folder.glob("page*.png"))
            for code in zxingcpp.read_barcodes(Image.open(path), formats=zxingcpp.BarcodeFormat.QRCode)]


def pdf_text(source):
    """The words of a PDF on one line, ligatures (such as "fi") turned back into letters."""
    pages = PdfReader(source).pages
    return unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text() for p in pages).split()))


def font_sizes(data):
    """The size (pt) of every font the PDF sets, in order: for the tests of its smallest text."""
    sizes = []

    def font_size(operator, operands, cm, tm):
        if operator == b"Tf":
            sizes.append(float(operands[1]))
    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_operand_before=font_size)
    return sizes
