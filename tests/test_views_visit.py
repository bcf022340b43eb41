"""During and after the visit: the notes page, the summary and the link to the next visit's list
(questionnaire/views/visit.py)."""
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse

from questionnaire.question_list import MAX_OWN_LENGTH
from questionnaire.session_keys import ANSWERS_SESSION_KEY, LIST_SESSION_KEY, VISIT_SESSION_KEY
from questionnaire.visit import MAX_ANSWER_LENGTH, MAX_OTHER_LENGTH, MAX_TEACH_BACK_LENGTH
from tests.helpers.pages import page_text
from tests.helpers.wizard import complete

pytestmark = pytest.mark.django_db
VISIT = reverse("questionnaire:visit")
SUMMARY = reverse("questionnaire:visit_summary")
RESULT = reverse("questionnaire:result")


@pytest.fixture
def items(client):
    """A person with melanoma about to start a PD-1 blocker, on the visit page: its items in order."""
    outcome = complete(client, "strengthen", "melanoma", medicines=["pd1_pdl1_inhibitors"]).context["result"]
    suggested = [q.slug for q in outcome.suggested_questions()]
    client.post(RESULT, {"keep": suggested, "top": suggested[:3], "own": "Can I still swim?", "action": "save"})
    return client.get(VISIT).context["form"].items


def noted(items, asked=4, answers=2, **more):
    """Four asked, the first two with an answer, the first with the person's own words."""
    data = {"asked": [item.key for item in items[:asked]], "action": "save", "other": "Blood tests first."}
    data.update({f"answer-{item.key}": f"Answer {n}." for n, item in enumerate(items[:answers], start=1)})
    data[f"teach_back-{items[0].key}"] = "I call the day team if I get a fever."
    return {**data, **more}


def error_of(response, field):
    error = response.context["form"].errors.as_data()[field][0]
    return error.code, error.params


def test_the_result_page_opens_the_visit_page_after_saving_the_list(client):
    complete(client, "strengthen", "melanoma")
    response = client.post(RESULT, {"keep": [], "own": "Mine?", "action": "visit"})
    assert response.url == VISIT
    assert client.session[LIST_SESSION_KEY]["own"] == ["Mine?"]


def test_the_visit_page_lists_the_kept_questions_most_important_first_with_own_words_for_those(client, items):
    response = client.get(VISIT)
    assert response["Cache-Control"].count("no-store") == 1
    top = [item.key for item in items if item.top]
    assert [item.key for item in items][:3] == top and items[-1].key == "own-1"
    fields = response.context["form"].fields
    assert {f"teach_back-{key}" for key in top} == {name for name in fields if name.startswith("teach_back-")}
    page = response.content.decode()
    assert page.index(items[0].text) < page.index(items[3].text) < page.index("Can I still swim?")
    assert f"up to {MAX_ANSWER_LENGTH} characters" in page and f"up to {MAX_OTHER_LENGTH}" in page


def test_saving_keeps_the_notes_in_the_session_and_shows_them_again(client, items):
    response = client.post(VISIT, noted(items))
    assert response.url == VISIT + "?saved=1#visit-saved"
    kept = client.session[VISIT_SESSION_KEY]
    assert kept["asked"] == [item.key for item in items[:4]]
    assert kept["answers"] == {items[0].key: "Answer 1.", items[1].key: "Answer 2."}
    assert kept["teach_back"] == {items[0].key: "I call the day team if I get a fever."}
    page = client.get(VISIT + "?saved=1")
    assert page.context["saved"]
    html = page.content.decode()
    assert "Answer 2." in html and "Blood tests first." in html
    assert html.count('name="asked" value=') == len(items) and html.count(" checked>") >= 4


@pytest.mark.parametrize("field, limit", [("answer", MAX_ANSWER_LENGTH), ("teach_back", MAX_TEACH_BACK_LENGTH),
                                          ("other", MAX_OTHER_LENGTH)])
def test_a_note_over_its_limit_is_refused_with_everything_typed_shown_again(client, items, field, limit):
    client.post(VISIT, noted(items))
    name = "other" if field == "other" else f"{field}-{items[0].key}"
    too_long = "x" * (limit + 1)
    sent = noted(items, asked=5, **{name: too_long, f"answer-{items[2].key}": "Typed, not yet saved."})
    response = client.post(VISIT, sent)
    assert response.status_code == 200
    code, params = error_of(response, name)
    assert code == "max_length" and params["limit_value"] == limit and params["show_value"] == limit + 1
    form = response.context["form"]
    assert form[name].value() == too_long and form[f"answer-{items[2].key}"].value() == "Typed, not yet saved."
    assert form["asked"].value() == [item.key for item in items[:5]]
    assert "There is a problem" in response.content.decode()
    assert client.session[VISIT_SESSION_KEY]["asked"] == [item.key for item in items[:4]]


def test_notes_too_big_for_the_cookie_are_refused_and_the_saved_ones_kept(client, items):
    # Ten long own questions leave the cookie little room.
    own = "\n".join(f"{n}: " + "".join(chr(0x4E00 + (n * 300 + i) * 7 % 20000) for i in range(MAX_OWN_LENGTH - 10))
                    for n in range(3))
    client.post(RESULT, {"keep": [item.key for item in items if not item.key.startswith("own-")], "own": own,
                         "action": "save"})
    items = client.get(VISIT).context["form"].items
    client.post(VISIT, noted(items))
    dense = {f"answer-{item.key}": "".join(chr(0x4E00 + (k * 97 + i * 13) % 20000) for i in range(MAX_ANSWER_LENGTH))
             for k, item in enumerate(items)}
    response = client.post(VISIT, noted(items, **dense))
    code, params = error_of(response, "__all__")
    assert code == "too_big_to_keep" and params["size"] > params["limit"] == 4000
    assert response.context["form"][f"answer-{items[3].key}"].value() == dense[f"answer-{items[3].key}"]
    assert client.session[VISIT_SESSION_KEY]["answers"] == {items[0].key: "Answer 1.", items[1].key: "Answer 2."}
    assert len(client.cookies["sessionid"].value) <= 4000


def test_a_question_not_on_the_list_is_refused(client, items):
    response = client.post(VISIT, noted(items, asked=1) | {"asked": ["no-such-question"]})
    assert error_of(response, "asked")[0] == "invalid_choice"


def test_the_text_size_switch_keeps_the_notes_typed(client, items):
    response = client.post(VISIT, noted(items) | {"size": "large"})
    assert response.url == VISIT
    assert client.session[VISIT_SESSION_KEY]["answers"][items[0].key] == "Answer 1."


def test_without_answers_the_visit_pages_send_the_person_to_the_start(client):
    for url in (VISIT, SUMMARY, reverse("questionnaire:visit_summary_pdf")):
        assert client.get(url).url == "/?expired=1"


class TestSummary:
    def test_it_shows_each_asked_question_with_its_answer_and_the_rest_for_next_time(self, client, items):
        client.post(VISIT, noted(items))
        response = client.get(SUMMARY)
        summary = response.context["summary"]
        assert [q.text for q in summary.asked] == [item.text for item in items[:4]]
        assert [q.answer for q in summary.asked] == ["Answer 1.", "Answer 2.", "", ""]
        assert summary.asked[0].teach_back == "I call the day team if I get a fever."
        assert [text for text, _ in summary.next_time] == [item.text for item in items[4:]]
        assert summary.other == "Blood tests first." and summary.date is not None
        assert response["Cache-Control"].count("no-store") == 1

    def test_the_text_download_says_the_same(self, client, items):
        client.post(VISIT, noted(items))
        response = client.get(reverse("questionnaire:visit_summary_text"))
        assert response["Content-Disposition"].startswith('attachment; filename="immunoguide-visit-')
        text = response.content.decode()
        assert f"[x] {items[0].text}\n    Answer: Answer 1." in text and f"[ ] {items[-1].text}" in text

    def test_the_date_is_the_day_the_notes_were_first_saved(self, client, items):
        client.post(VISIT, noted(items))
        with mock.patch("time.time", return_value=time.time() + timedelta(hours=1).total_seconds()):
            first = client.session[VISIT_SESSION_KEY]["date"]
        client.post(VISIT, noted(items, asked=5))
        assert client.session[VISIT_SESSION_KEY]["date"] == first


def carry_forward_link(client):
    return client.get(SUMMARY).context["summary"].link


class TestCarryForward:
    def test_the_link_opens_the_next_visit_s_list_on_treatment_with_the_unasked_questions_ticked(self, client, items):
        client.post(VISIT, noted(items))
        link = carry_forward_link(client)
        assert "/list/" in link
        client.post(reverse("questionnaire:start_over"))
        client.get(link.split("testserver")[1])
        assert client.session[ANSWERS_SESSION_KEY]["stage"] == "on_treatment"
        assert VISIT_SESSION_KEY not in client.session
        page = client.get(RESULT)
        kept = page.context["question_list"].kept
        offered = {q.slug for q in page.context["result"].questions}
        unasked = [item for item in items[4:] if not item.own]
        assert {item.key for item in unasked if item.key in offered} <= kept
        assert not {item.key for item in items[:4]} & kept
        # Own questions not asked carry, and so do questions no longer offered at this stage, in their words.
        assert page.context["question_list"].own == ["Can I still swim?"] + [
            item.text for item in unasked if item.key not in offered]
        # New suggestions for the answers at that time are ticked beside them.
        assert kept - {item.key for item in items} and set(page.context["result"].suggested) - {
            item.key for item in items[:4]} <= kept

    def test_an_expired_or_changed_link_gets_the_clear_pages(self, client, items):
        client.post(VISIT, noted(items))
        path = carry_forward_link(client).split("testserver")[1]
        token = re.search(r"/list/([^/]+)/", path).group(1)
        changed = client.get(reverse("questionnaire:open_list", kwargs={"token": token[:-4] + "AAAA"}))
        assert changed.status_code == 400 and changed.context["link_problem"]
        with mock.patch("time.time", return_value=time.time() + timedelta(days=31).total_seconds()):
            expired = client.get(path)
        assert expired.status_code == 410
        assert "This link has expired" in page_text(expired)


class TestClinicDevice:
    def test_finishing_wipes_the_notes_and_the_visit_pages_show_nothing_after(self, client, items):
        client.get(reverse("questionnaire:clinic_device"))
        client.post(VISIT, noted(items))
        assert client.session[VISIT_SESSION_KEY]
        response = client.post(reverse("questionnaire:start_over"))
        assert response.url == reverse("questionnaire:ready")
        assert response["Clear-Site-Data"] == '"cache"'
        assert VISIT_SESSION_KEY not in client.session
        for url in (VISIT, SUMMARY, reverse("questionnaire:visit_summary_text")):
            after = client.get(url, follow=True)
            assert "Answer 1." not in page_text(after) and "Blood tests first." not in page_text(after)

    def test_the_idle_limit_wipes_the_notes_too(self, client, items, settings):
        client.get(reverse("questionnaire:clinic_device"))
        client.post(VISIT, noted(items))
        later = time.time() + settings.IMMUNOGUIDE_IDLE_SECONDS + 5
        with mock.patch("time.time", return_value=later):
            response = client.get(VISIT)
        assert response.url == reverse("questionnaire:ready") + "?idle=1"
        assert VISIT_SESSION_KEY not in client.session


def test_the_summary_downloads_the_notes_for_a_health_record_as_valid_fhir(client, items):
    import json
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
    client.post(VISIT, noted(items))
    summary = client.get(reverse("questionnaire:visit_summary"))
    assert reverse("questionnaire:visit_summary_fhir") in summary.content.decode()
    assert reverse("questionnaire:wallet_card") in summary.content.decode()
    response = client.get(reverse("questionnaire:visit_summary_fhir"))
    assert response["Content-Type"].startswith("application/fhir+json")
    resource = json.loads(response.content)
    QuestionnaireResponse.model_validate(resource)
    groups = [item for item in resource["item"] if item["linkId"] == "visit"]
    assert len(groups) == 4
    assert {"linkId": "visit.answer", "text": "What the doctor said", "answer": [{"valueString": "Answer 1."}]} \
        in groups[0]["item"]
