"""FHIR R4 for health records (questionnaire/fhir.py), checked with the fhir.resources models."""
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.conceptmap import ConceptMap
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.valueset import ValueSet

from questionnaire import fhir
from questionnaire.engine import Answers, recommend
from questionnaire.question_list import ListChoices, build_question_list
from questionnaire.views import QuestionnaireWizard
from questionnaire.vocabulary import Concern, Factor, Goal, Stage
from tests.helpers.wizard import complete

pytestmark = pytest.mark.django_db
BASE = "https://clinic.example/fhir"
AUTHORED = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.timezone.utc)


def codes(code_system):
    """Every selectable code of a CodeSystem, and its display."""
    found = {}

    def walk(concepts):
        for concept in concepts:
            if not any(p["code"] == "notSelectable" for p in concept.get("property", ())):
                found[concept["code"]] = concept["display"]
            walk(concept.get("concept", ()))
    walk(code_system["concept"])
    return found


def response_for(content, answers, choices=ListChoices()):
    result = recommend(answers, content)
    return result, fhir.questionnaire_response(answers, build_question_list(result, choices), content, BASE, AUTHORED)


def answered(response):
    return {item["linkId"]: item["answer"] for item in response["item"] if "answer" in item}


class TestQuestionnaire:
    def test_is_a_valid_r4_questionnaire_with_one_item_per_step_then_the_list(self, content):
        questionnaire = fhir.questionnaire(content, BASE)
        Questionnaire.model_validate(questionnaire)
        steps = [step for step, _ in QuestionnaireWizard.form_list if step != "check"]
        assert [item["linkId"] for item in questionnaire["item"]] == [
            *steps, "questions", "top-questions", "own-questions", "visit", "visit-other", "visit-date"]
        visit = questionnaire["item"][-3]
        assert (visit["type"], visit["repeats"]) == ("group", True)
        assert [(i["linkId"], i["type"]) for i in visit["item"]] == [
            ("visit.question", "open-choice"), ("visit.asked", "boolean"), ("visit.answer", "string"),
            ("visit.own-words", "string")]
        assert questionnaire["version"] == content.release.version
        assert [i["required"] for i in questionnaire["item"][:6]] == [True, True, False, True, False, False]

    def test_every_choice_is_a_code_of_the_published_code_system(self, content):
        vocabulary = codes(fhir.vocabulary_code_system(content, BASE))
        options = [option["valueCoding"] for item in fhir.questionnaire(content, BASE)["item"]
                   for option in item.get("answerOption", ())]
        assert options and all(o["system"] == f"{BASE}/CodeSystem/immunoguide" for o in options)
        assert all(vocabulary[o["code"]] == o["display"] for o in options)
        assert {o["code"] for o in options} == {
            *Goal.values, *content.conditions, *content.medicines, *Stage.values, *Factor.values, *Concern.values}

    def test_skip_logic_follows_the_wizard(self, content):
        """The wizard skips no step, so no step item has enableWhen; the most important
        questions are asked once there are questions, as on the result page."""
        assert QuestionnaireWizard.get_initkwargs(url_name="questionnaire:step")["condition_dict"] == {}
        items = {item["linkId"]: item for item in fhir.questionnaire(content, BASE)["item"]}
        assert [link for link, item in items.items() if "enableWhen" in item] == ["top-questions"]
        assert items["top-questions"]["enableWhen"][0]["question"] in items

    def test_the_code_systems_value_set_and_concept_map_are_valid_and_agree(self, content):
        vocabulary = fhir.vocabulary_code_system(content, BASE)
        questions = fhir.questions_code_system(content, BASE)
        CodeSystem.model_validate(vocabulary)
        CodeSystem.model_validate(questions)
        ValueSet.model_validate(fhir.questions_value_set(content, BASE))
        concept_map = fhir.concept_map(content, BASE)
        ConceptMap.model_validate(concept_map)
        assert set(codes(questions)) == set(content.questions)
        assert codes(vocabulary)["stimulating"] == content.categories["stimulating"].title
        mapped = [e["code"] for group in concept_map["group"] for e in group["element"]]
        assert mapped and set(mapped) <= set(codes(vocabulary))
        assert all(t["code"].isdigit() for group in concept_map["group"] for e in group["element"] for t in e["target"])


class TestQuestionnaireResponse:
    @pytest.mark.parametrize("answers", [
        Answers("dampen", "lupus", "starting", ("vaccines_due",), ("cost",)),
        Answers("unsure", "kidney_transplant", "considering"),
        Answers("strengthen", "rheumatoid_arthritis", "on_treatment", ("pregnancy", "breastfeeding")),  # a mismatch
        Answers("modulate", "not_listed", "finished", (), tuple(Concern.values)),
    ])
    def test_is_valid_and_answers_with_codes_of_the_code_systems(self, content, answers):
        result, response = response_for(content, answers, ListChoices(own=("Can I still travel?",)))
        QuestionnaireResponse.model_validate(response)
        assert response["questionnaire"] == f"{BASE}/Questionnaire/immunoguide|{content.release.version}"
        vocabulary = codes(fhir.vocabulary_code_system(content, BASE))
        questions = codes(fhir.questions_code_system(content, BASE))
        items = answered(response)
        assert [a["valueCoding"]["code"] for a in items["goal"]] == [answers.goal]  # as given, even "unsure"
        assert [a["valueCoding"]["code"] for a in items.get("factors", [])] == list(answers.factors)
        for link_id, item_answers in items.items():
            for answer in item_answers:
                coding = answer.get("valueCoding")
                if coding:
                    pool = questions if link_id in ("questions", "top-questions") else vocabulary
                    assert pool[coding["code"]] == coding["display"], (link_id, coding)
        assert [a["valueCoding"]["code"] for a in items["questions"]] == [q.slug for q in result.suggested_questions()]
        assert items["own-questions"] == [{"valueString": "Can I still travel?"}]

    def test_answers_left_empty_are_left_out_and_nothing_identifies_the_person(self, content):
        _, response = response_for(content, Answers("dampen", "lupus", "starting"))
        assert {item["linkId"] for item in response["item"]} == {"goal", "condition", "stage", "questions", "top-questions"}
        assert not {"subject", "author", "source", "identifier"} & set(response)
        assert response["authored"] == "2026-12-01T09:30:00+00:00"


class TestVisitNotes:
    def test_the_response_carries_what_was_asked_and_said_and_validates(self, content):
        """So a clinic can take the visit summary into its record (questionnaire/visit.py)."""
        from questionnaire.visit import VisitNotes
        answers = Answers("strengthen", "melanoma", "starting")
        result = recommend(answers, content)
        question_list = build_question_list(result, ListChoices(own=("Can I still swim?",)))
        first, second = question_list.top[:2]
        notes = VisitNotes(asked=(first.slug, second.slug, "own-1"), answers={first.slug: "Blood tests each time."},
                           teach_back={first.slug: "They check my blood first."}, other="Come back in 3 weeks.",
                           date=datetime.date(2026, 12, 8))
        response = fhir.questionnaire_response(answers, question_list, content, BASE, AUTHORED, notes=notes)
        QuestionnaireResponse.model_validate(response)
        groups = [item["item"] for item in response["item"] if item["linkId"] == "visit"]
        noted = [{part["linkId"]: part["answer"][0] for part in group} for group in groups]
        assert [n["visit.question"].get("valueCoding", {}).get("code") or n["visit.question"]["valueString"]
                for n in noted] == [first.slug, second.slug, "Can I still swim?"]
        assert noted[0]["visit.answer"] == {"valueString": "Blood tests each time."}
        assert noted[0]["visit.own-words"] == {"valueString": "They check my blood first."}
        assert all(n["visit.asked"] == {"valueBoolean": True} for n in noted) and "visit.answer" not in noted[1]
        assert answered(response)["visit-other"] == [{"valueString": "Come back in 3 weeks."}]
        assert answered(response)["visit-date"] == [{"valueDate": "2026-12-08"}]

    def test_without_notes_the_response_has_no_visit(self, content):
        from questionnaire.visit import VisitNotes
        answers = Answers("strengthen", "melanoma", "starting")
        question_list = build_question_list(recommend(answers, content), ListChoices())
        response = fhir.questionnaire_response(answers, question_list, content, BASE, AUTHORED, notes=VisitNotes())
        assert not {"visit", "visit-other", "visit-date"} & {item["linkId"] for item in response["item"]}


class TestViews:
    @pytest.mark.parametrize("path, model", [
        ("/fhir/Questionnaire/immunoguide", Questionnaire), ("/fhir/CodeSystem/immunoguide", CodeSystem),
        ("/fhir/CodeSystem/immunoguide-questions", CodeSystem), ("/fhir/ValueSet/immunoguide-questions", ValueSet),
        ("/fhir/ConceptMap/immunoguide-to-snomed", ConceptMap), ("/fhir/Questionnaire", Bundle),
    ])
    def test_each_resource_is_served_as_fhir_json(self, client, path, model):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
        model.model_validate(json.loads(response.content))

    def test_the_questionnaire_search_holds_the_questionnaire(self, client, settings):
        bundle = json.loads(client.get("/fhir/Questionnaire").content)
        assert bundle["total"] == 1
        assert bundle["entry"][0]["resource"]["url"] == f"{settings.IMMUNOGUIDE_FHIR_BASE}/Questionnaire/immunoguide"

    @pytest.mark.parametrize("path", ["/fhir/Questionnaire/other", "/fhir/Patient", "/fhir/Patient/1"])
    def test_an_unknown_resource_is_a_404_operation_outcome(self, client, path):
        response = client.get(path)
        assert response.status_code == 404
        assert json.loads(response.content)["issue"][0]["code"] == "not-found"

    def test_the_capability_statement_says_what_can_be_read(self, client):
        from fhir.resources.R4B.capabilitystatement import CapabilityStatement
        response = client.get("/fhir/metadata")
        data = json.loads(response.content)
        CapabilityStatement.model_validate(data)
        assert sorted(r["type"] for r in data["rest"][0]["resource"]) == [
            "CodeSystem", "ConceptMap", "Questionnaire", "ValueSet"]

    @pytest.mark.parametrize("query, ids", [
        ("?_id=immunoguide", ["immunoguide"]), ("?_id=other", []),
        ("?url=https://immunoguide.example/fhir/CodeSystem/immunoguide-questions", ["immunoguide-questions"]),
        ("?status=active", ["immunoguide", "immunoguide-questions"]), ("?colour=blue", ["immunoguide", "immunoguide-questions"]),
    ])
    def test_a_search_uses_the_parameters_it_knows(self, client, query, ids):
        bundle = json.loads(client.get("/fhir/CodeSystem" + query).content)
        assert [e["resource"]["id"] for e in bundle["entry"]] == ids and bundle["total"] == len(ids)
        assert "colour" not in bundle["link"][0]["url"]

    def test_a_versioned_canonical_finds_only_that_version(self, client, content):
        url = "https://immunoguide.example/fhir/Questionnaire/immunoguide"
        assert json.loads(client.get(f"/fhir/Questionnaire?url={url}|{content.release.version}").content)["total"] == 1
        assert json.loads(client.get(f"/fhir/Questionnaire?url={url}|1999.01.0").content)["total"] == 0

    @pytest.mark.parametrize("method", ["post", "put", "delete"])
    def test_writing_is_refused_as_fhir_not_as_a_page(self, client, method):
        response = getattr(client, method)("/fhir/Questionnaire/immunoguide")
        assert response.status_code == 405 and response["Content-Type"] == "application/fhir+json"
        assert json.loads(response.content)["issue"][0]["code"] == "not-supported"

    @pytest.mark.parametrize("query, headers", [
        ("?_format=xml", {}), ("?_format=application/fhir%2Bxml", {}), ("", {"HTTP_ACCEPT": "application/fhir+xml"})])
    def test_xml_asked_for_is_a_406_operation_outcome(self, client, query, headers):
        response = client.get("/fhir/Questionnaire/immunoguide" + query, **headers)
        assert response.status_code == 406 and response["Content-Type"] == "application/fhir+json"
        assert json.loads(response.content)["issue"][0]["code"] == "not-supported"
        assert client.get("/fhir/Questionnaire/immunoguide", HTTP_ACCEPT="application/fhir+json, */*").status_code == 200

    def test_a_database_away_is_a_503_operation_outcome_not_a_page(self):
        from django.test import Client
        from tests.test_views_service import database_away
        with database_away():
            response = Client(raise_request_exception=False).get("/fhir/Questionnaire/immunoguide")
        assert response.status_code == 503 and response["Content-Type"] == "application/fhir+json"
        assert json.loads(response.content)["issue"][0]["code"] == "transient"
        from django.db import connections
        connections["default"].close_at = None

    @pytest.mark.parametrize("path", ["/fhir", "/fhir/", "/fhir/Questionnaire/immunoguide/_history/1"])
    def test_any_other_fhir_address_is_a_404_operation_outcome(self, client, path):
        response = client.get(path)
        assert response.status_code == 404 and response["Content-Type"] == "application/fhir+json"

    def test_the_result_page_downloads_the_response_for_a_health_record(self, client):
        page = complete(client, "dampen", "lupus")
        kept = [q.slug for q in page.context["result"].suggested_questions()][1:]
        client.post(reverse("questionnaire:most_important"), {"top": kept[:1]})
        redirect = client.post(reverse("questionnaire:result"), {
            "keep": kept, "own": "Can I still travel?", "action": "fhir"})
        assert redirect.url == reverse("questionnaire:result_fhir")
        response = client.get(redirect.url)
        assert response["Content-Type"] == "application/fhir+json"
        assert response["Content-Disposition"].startswith('attachment; filename="immunoguide-questions-')
        data = json.loads(response.content)
        QuestionnaireResponse.model_validate(data)
        items = answered(data)
        assert [a["valueCoding"]["code"] for a in items["top-questions"]] == kept[:1]
        assert {a["valueCoding"]["code"] for a in items["questions"]} == set(kept)
        assert items["own-questions"] == [{"valueString": "Can I still travel?"}]

    def test_without_answers_the_download_sends_the_person_to_start(self, client):
        response = client.get(reverse("questionnaire:result_fhir"))
        assert response.status_code == 302


class TestCommands:
    def test_export_fhir_questionnaire_prints_what_the_server_serves(self, client):
        out = io.StringIO()
        call_command("export_fhir_questionnaire", stdout=out)
        assert json.loads(out.getvalue()) == json.loads(client.get("/fhir/Questionnaire/immunoguide").content)

    def test_the_terminology_bundle_holds_every_resource(self):
        out = io.StringIO()
        call_command("export_fhir_questionnaire", "--terminology", stdout=out)
        bundle = json.loads(out.getvalue())
        Bundle.model_validate(bundle)
        assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
            "Questionnaire", "CodeSystem", "CodeSystem", "ValueSet", "ConceptMap"]

    def test_recommend_prints_the_same_response_as_the_engine_gives(self, content):
        out = io.StringIO()
        call_command("recommend", "goal=unsure", "condition=lupus", "stage=starting", "--format", "fhir", stdout=out)
        data = json.loads(out.getvalue())
        QuestionnaireResponse.model_validate(data)
        result = recommend(Answers("unsure", "lupus", "starting"), content)
        assert [a["valueCoding"]["code"] for a in answered(data)["questions"]] == [
            q.slug for q in result.suggested_questions()]


class TestLanguages:
    """The records speak English; the code systems carry the Spanish as each code's designation."""

    def test_every_code_has_its_spanish_designation(self, content):
        spanish = content.in_language("es")
        for system in (fhir.vocabulary_code_system(content, BASE), fhir.questions_code_system(content, BASE)):
            CodeSystem.model_validate(system)
            stack = list(system["concept"])
            while stack:
                concept = stack.pop()
                stack += concept.get("concept", [])
                languages = {d["language"]: d["value"] for d in concept["designation"]}
                assert set(languages) == {"en", "es"}, concept["code"]
                assert languages["en"] == concept["display"]
        questions = {c["code"]: c for c in fhir.questions_code_system(content, BASE)["concept"]}
        slug = "biologic-tb-hepb-tests"
        assert {d["language"]: d["value"] for d in questions[slug]["designation"]}["es"] == spanish.questions[slug].text
        lupus = next(c for group in fhir.vocabulary_code_system(content, BASE)["concept"]
                     for c in group.get("concept", []) if c["code"] == "lupus")
        assert lupus["display"] == content.conditions["lupus"].label

    def test_a_resource_built_from_the_spanish_snapshot_is_the_english_one(self, content):
        spanish = content.in_language("es")
        assert fhir.questionnaire(spanish, BASE) == fhir.questionnaire(content, BASE)
        answers = Answers("dampen", "lupus", "starting", ("vaccines_due",), ())
        _, english_response = response_for(content, answers)
        _, spanish_response = response_for(spanish, answers)
        assert spanish_response == english_response

    def test_the_download_from_a_page_in_spanish_is_in_english(self, client, content):
        complete(client, "dampen", "lupus")
        english = json.loads(client.get(reverse("questionnaire:result_fhir")).content)
        client.cookies["django_language"] = "es"
        spanish = json.loads(client.get(reverse("questionnaire:result_fhir")).content)
        assert {k: v for k, v in spanish.items() if k != "authored"} == {
            k: v for k, v in english.items() if k != "authored"}
