"""The costliest PDF a person can ask for, inside the app: ten own questions, each in a different
script (so every fallback font is loaded, and right-to-left text shaped), as long as the
browser's cookie can keep them (the app refuses more).

    .venv/bin/python bench/worst_pdf.py

Prints the best and the worst of several downloads. Such a PDF costs more than the 0.5 s a
request may take, so the app makes a client wait after a few a minute
(questionnaire/pdf_limit.py); a list in Latin script costs a tenth of it and is not
counted. Production settings, a fresh SQLite
file with the shipped content (bench/server.py's prepare()), called as a WSGI
application in this process, as bench/profile_pages.py does.
"""
import os
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import client  # noqa: E402
from profile_pages import _text, walk  # noqa: E402
from server import prepare  # noqa: E402

#: A run of text in each script a person may type, repeated to the longest own question.
SCRIPTS = ["Can I swim? ", "我可以游泳吗？", "هل يمكنني السباحة؟ ", "האם אני יכול לשחות? ", "क्या मैं तैर सकता हूँ? ",
           "ฉันว่ายน้ำได้ไหม ", "Могу ли я плавать? ", "Μπορώ να κολυμπήσω; ", "수영해도 되나요? ", "泳いでもいいですか？"]


def own_questions(length):
    return "\n".join((text * 300)[:length - 1] + "?" for text in SCRIPTS)


def main():
    workdir = tempfile.mkdtemp(prefix="immunoguide-pdf-")
    os.environ.update(prepare("sqlite", workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immunoguide.settings")
    import django
    from django.core.wsgi import get_wsgi_application
    django.setup()
    app = get_wsgi_application()
    browser, token = walk(app, len(client.STEPS) + 1)
    page = _text(browser.call("GET", "/result/")[2])
    for length in range(int(os.environ.get("WORST_PDF_LENGTH", "300")), 0, -10):  # the longest the app keeps
        body = urllib.parse.urlencode([("csrfmiddlewaretoken", client.csrf_token(page) or token),
                                       ("action", "save"), ("own", own_questions(length))])
        status, _, _ = browser.call("POST", "/result/", body.encode())
        if status == 302:
            break
    from questionnaire.pdf_limit import COSTLY_PDFS_PER_MINUTE
    times = []
    for _ in range(COSTLY_PDFS_PER_MINUTE):
        start = time.perf_counter()
        status, headers, content = browser.call("GET", "/result/pdf/")
        times.append(time.perf_counter() - start)
        assert status == 200 and (content[:5] == b"%PDF-" or content[:2] == b"\x1f\x8b"), status
    print(f"Worst-case PDF ({len(SCRIPTS)} own questions of {length} characters, {len(SCRIPTS)} scripts): "
          f"best {min(times) * 1000:.0f} ms, first {times[0] * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms; "
          f"a client makes {COSTLY_PDFS_PER_MINUTE} such PDFs a minute at most")
    return 0


if __name__ == "__main__":
    sys.exit(main())
