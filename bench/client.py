"""What the load test and the benchmark share: the answers, the form data, the cookies.

Secure cookies over plain HTTP
------------------------------
Production cookies are ``Secure``. In production TLS ends at the clinic's proxy,
which talks plain HTTP to gunicorn and says ``X-Forwarded-Proto: https`` (the
settings trust that header, SECURE_PROXY_SSL_HEADER). Here the client plays the
browser *and* the proxy, without weakening the app:

- every request carries ``X-Forwarded-Proto: https``, so the app sees a secure
  request exactly as it does behind the proxy (and its CSRF check wants a matching
  ``Origin: https://…`` on POSTs, which we send as a browser would);
- the client's cookie jar uses :class:`SendSecureCookies`, a cookie policy that
  sends Secure cookies back over our plain-HTTP loopback connection, as a browser
  does over the HTTPS it would have there. Everything else about cookies (domain,
  path, expiry) is the standard library's DefaultCookiePolicy.
"""
import html
import json
import random
import re
import urllib.parse
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = ["goal", "condition", "medicines", "stage", "factors", "concerns", "check"]
MULTI = {"medicines", "factors", "concerns"}

# The vocabulary (questionnaire/vocabulary.py) and the condition labels (fixtures),
# read as data so the load client does not import Django.
GOALS = ["strengthen", "modulate", "dampen", "unsure"]
STAGES = {
    "considering": "I am thinking about a treatment",
    "starting": "I am about to start a treatment",
    "on_treatment": "I am having treatment now",
    "finished": "I have finished a treatment",
}
FACTORS = ["autoimmune_history", "transplant_history", "pregnancy", "breastfeeding",
           "infection_history", "vaccines_due", "other_medicines", "age_65_plus"]
CONCERNS = ["side_effects", "effectiveness", "administration", "daily_life", "cost",
            "fertility", "infections", "long_term"]
_CONDITIONS = json.loads((ROOT / "fixtures" / "conditions.json").read_text())
CONDITION_LABELS = {row["pk"]: row["fields"]["label"] for row in _CONDITIONS}
#: Each condition's usual medicines (any aim): what a person who knows their medicine names.
USUAL_MEDICINES = {row["pk"]: sorted({slug for slugs in (row["fields"].get("medicines") or {}).values()
                                      for slug in slugs}) for row in _CONDITIONS}

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
FORM_TYPE = "application/x-www-form-urlencoded"

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CURRENT_STEP = re.compile(r'name="questionnaire_wizard-current_step"[^>]*value="([^"]*)"')


class SendSecureCookies(DefaultCookiePolicy):
    """Send cookies marked Secure back over plain HTTP to 127.0.0.1 (see the module doc)."""

    def return_ok_secure(self, cookie, request):
        return True


def random_answers(rng=random):
    """One person's answers, drawn from the whole answer space (any number of factors and concerns;
    half the people name one or two of their condition's usual medicines)."""
    condition = rng.choice(sorted(CONDITION_LABELS))
    usual = USUAL_MEDICINES[condition]
    return {
        "goal": rng.choice(GOALS),
        "condition": condition,
        "medicines": sorted(rng.sample(usual, min(len(usual), rng.randint(1, 2)))) if usual and rng.random() < 0.5
        else [],
        "stage": rng.choice(sorted(STAGES)),
        "factors": sorted(rng.sample(FACTORS, rng.randint(0, len(FACTORS)))),
        "concerns": sorted(rng.sample(CONCERNS, rng.randint(0, len(CONCERNS)))),
    }


_KEEP = re.compile(r'name="keep" value="([^"]+)"[^>]* checked')


def list_body(result_page, token, rng=random):
    """A saved list as a person sends it: some suggested questions unticked, one own question."""
    ticked = _KEEP.findall(result_page)
    kept = [slug for slug in ticked if rng.random() > 0.25]
    own = f"Own question {rng.randrange(10**6)}: can I travel in {rng.choice(['May', 'June', 'July'])}?"
    return urllib.parse.urlencode([("csrfmiddlewaretoken", token), ("action", "save"), ("own", own),
                                   *(("keep", slug) for slug in kept)])


def csrf_token(page):
    match = _CSRF.search(page)
    return match.group(1) if match else None


def current_step(page):
    match = _CURRENT_STEP.search(page)
    return match.group(1) if match else None


def step_body(step, answers, token):
    """The urlencoded form a browser sends for one wizard step."""
    fields = [("csrfmiddlewaretoken", token), ("questionnaire_wizard-current_step", step)]
    if step in MULTI:
        fields += [(f"{step}-{step}", value) for value in answers[step]]
    elif step != "check":
        fields.append((f"{step}-{step}", answers[step]))
    return urllib.parse.urlencode(fields)


def next_url(step):
    index = STEPS.index(step)
    return f"/questions/{STEPS[index + 1]}/" if index + 1 < len(STEPS) else "/questions/done/"


def result_mismatch(page, answers):
    """Why the result page is not this person's, or None when it is."""
    text = html.unescape(page)
    condition = CONDITION_LABELS[answers["condition"]]
    if f"For: <strong>{condition}</strong>" not in text:
        found = re.search(r"For: <strong>(.*?)</strong>", text)
        return f"result shows {found.group(1) if found else 'no condition'!r}, expected {condition!r}"
    if f"</strong>. {STAGES[answers['stage']]}." not in text:
        return f"result does not show the stage {STAGES[answers['stage']]!r}"
    return None


def text_mismatch(text, answers):
    condition = CONDITION_LABELS[answers["condition"]]
    if f"For: {condition}" not in text.splitlines():
        found = re.search(r"For: (.*)", text)
        return f"text list is for {found.group(1) if found else 'nothing'!r}, expected {condition!r}"
    return None


def check_page_mismatch(page, answers):
    text = html.unescape(page)
    condition = CONDITION_LABELS[answers["condition"]]
    if condition not in text or STAGES[answers["stage"]] not in text:
        return f"check-answers page does not show {condition!r} / {STAGES[answers['stage']]!r}"
    return None
