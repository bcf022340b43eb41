"""Which fonts print a list's texts: DejaVu Sans, then the installed fallback fonts for
the scripts it lacks, and which characters no font has."""
import unicodedata
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
DEJAVU = str(FONT_DIR / "DejaVuSans.ttf")
NOTO = "/usr/share/fonts/truetype/noto"
#: Fonts for what DejaVu Sans cannot print, tried in this order, at their Debian paths:
#: fonts-noto-core, fonts-noto-cjk (a collection: path and face, 2 = Simplified Chinese) and
#: fonts-noto-color-emoji. Files that are not there are skipped. A deployment elsewhere sets
#: IMMUNOGUIDE_PDF_FALLBACK_FONTS to its own list of the same kind.
FALLBACK_FONTS = [
    *(f"{NOTO}/NotoSans{script}-Regular.ttf" for script in (
        "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada",
        "Malayalam", "Sinhala", "Thai", "Lao", "Khmer", "Myanmar", "Arabic", "Hebrew", "Syriac",
        "Thaana", "Ethiopic", "Armenian", "Georgian", "Mongolian", "Tifinagh", "Cherokee")),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    f"{NOTO}/NotoColorEmoji.ttf",
    f"{NOTO}/NotoSansSymbols-Regular.ttf",
    f"{NOTO}/NotoSansSymbols2-Regular.ttf",
    f"{NOTO}/NotoSansMath-Regular.ttf",
]
#: What the PDF prints for a character no font has, so that it never vanishes silently.
PLACEHOLDER = "\ufffd"


@lru_cache(maxsize=None)
def _coverage(path, face=0):
    """The code points a font file has glyphs for, read once per process."""
    with TTFont(path, fontNumber=face, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _fallback_fonts():
    """(path, face) of each installed fallback font, in the order they are tried."""
    entries = settings.IMMUNOGUIDE_PDF_FALLBACK_FONTS
    if entries is None:
        entries = FALLBACK_FONTS
    fonts = [(entry, 0) if isinstance(entry, str) else tuple(entry) for entry in entries]
    return [(path, face) for path, face in fonts if Path(path).is_file()]


def _ignorable(ch):
    """Spaces, control and format characters (joiners, direction marks) and variation
    selectors: nothing to print on their own, so no font needs a glyph for them."""
    return (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")
            or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF)


def fonts_for(texts):
    """The fallback fonts these texts need, and the characters that no font has."""
    dejavu = _coverage(DEJAVU)
    missing = {ch for text in texts for ch in text if ord(ch) not in dejavu and not _ignorable(ch)}
    needed = []
    for font in _fallback_fonts() if missing else ():
        covered = {ch for ch in missing if ord(ch) in _coverage(*font)}
        if covered:
            needed.append(font)
            missing -= covered
    return needed, missing


def unprintable_characters(texts):
    """The characters of texts that neither DejaVu Sans nor an installed fallback font can
    print, sorted and each once, so the page can name what the PDF shows as a placeholder."""
    return sorted(fonts_for(texts)[1])
