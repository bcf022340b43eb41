"""The management commands: recommend, validate_content, load_content and export_content."""
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from questionnaire.content_reading import read_content
from questionnaire.engine import Answers, recommend
from questionnaire.models import Question, Rule
from tests.helpers import FIXTURES

FIXTURES_FOLDER = Path(FIXTURES[0]).parent

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class TestRecommend:
    def test_json_has_the_documented_shape(self):
        data = json.loads(run(
            "recommend", "goal=dampen", "condition=kidney_transplant", "stage=starting",
            "factors=vaccines_due,pregnancy", "concerns=cost", "--format", "json"))
        assert set(data) >= {"goal", "goal_inferred", "categories", "treatments", "notes",
                             "questions", "matched_rules"}
        assert data["goal"] == "dampen" and data["goal_inferred"] is False
        assert [c["slug"] for c in data["categories"]] == ["suppressive"]
        assert "transplant_antirejection" in [t["slug"] for t in data["treatments"]]
        assert {"safety"} <= {n["kind"] for n in data["notes"]}
        assert all(set(q) >= {"slug", "text", "theme", "suggested"} for q in data["questions"])
        assert all(isinstance(q["suggested"], bool) for q in data["questions"])
        assert all(set(n) >= {"kind", "text"} for n in data["notes"])

    def test_json_and_text_give_the_medicines_call_now_signs_split_by_whom_to_call(self):
        from questionnaire.vocabulary import EMERGENCY_SIGNS, Sign
        answers = ("recommend", "goal=dampen", "condition=hereditary_angioedema", "stage=starting",
                   "medicines=c1_inhibitors")
        signs = json.loads(run(*answers, "--format", "json"))["call_now_signs"]
        labels = {str(sign.label): sign for sign in Sign}
        assert signs["emergency"] and all(labels[s] in EMERGENCY_SIGNS for s in signs["emergency"])
        assert signs["care_team"] and all(labels[s] not in EMERGENCY_SIGNS for s in signs["care_team"])
        text = run(*answers)
        assert all(sign in text for sign in signs["emergency"] + signs["care_team"])

    def test_json_lists_the_suggested_questions_first_and_at_most_eight(self):
        data = json.loads(run(
            "recommend", "goal=dampen", "condition=kidney_transplant", "stage=starting",
            "factors=pregnancy_planning", "--format", "json"))
        flags = [q["suggested"] for q in data["questions"]]
        assert flags == sorted(flags, reverse=True)
        suggested = [q for q in data["questions"] if q["suggested"]]
        assert 1 <= len(suggested) <= 8
        assert [q["priority"] for q in suggested].count("call_now") == 1
        assert suggested[0]["priority"] == "safety"
        assert "fact-pregnancy-planning" in [q["slug"] for q in suggested]
        assert "mycophenolate" in next(q["text"] for q in suggested if q["slug"] == "fact-pregnancy-planning")

    def test_unsure_is_reported_as_inferred(self):
        data = json.loads(run("recommend", "goal=unsure", "condition=kidney_transplant",
                              "stage=starting", "--format", "json"))
        assert data["goal"] == "dampen" and data["goal_inferred"] is True

    def test_text_format_is_for_people(self):
        out = run("recommend", "goal=strengthen", "condition=melanoma", "stage=starting")
        assert "Goal used: strengthen" in out
        suggested = out.index("Suggested questions (")
        assert "  1. " in out[suggested:]
        assert suggested < out.index("More questions (")
        assert "Why: the rules that matched" in out

    def test_uses_the_same_engine_as_the_web_result(self, client):
        from questionnaire.engine import Answers, recommend
        data = json.loads(run("recommend", "goal=modulate", "condition=hay_fever", "stage=on_treatment",
                              "--format", "json"))
        direct = recommend(Answers.from_mapping(
            {"goal": "modulate", "condition": "hay_fever", "stage": "on_treatment"}, read_content()), read_content())
        assert data == json.loads(json.dumps(direct.as_dict()))

    def test_in_spanish_the_same_result_with_the_spanish_texts(self):
        args = ("recommend", "goal=dampen", "condition=lupus", "stage=starting", "factors=vaccines_due",
                "--format", "json")
        english, spanish = json.loads(run(*args)), json.loads(run(*args, "--lang", "es"))
        assert (english["language"], spanish["language"]) == ("en", "es")
        for key in ("categories", "treatments", "notes", "questions"):
            assert [i.get("slug", i.get("kind")) for i in spanish[key]] == [i.get("slug", i.get("kind")) for i in english[key]]
        assert spanish["matched_rules"] == english["matched_rules"]
        content = read_content().in_language("es")
        plain = [q for q in spanish["questions"] if not content.questions[q["slug"]].fact]  # templates are filled
        assert [q["text"] for q in plain] == [content.questions[q["slug"]].text for q in plain]
        assert all("{" not in q["text"] for q in spanish["questions"])
        assert {q["language"] for q in spanish["questions"]} == {"es"}

    def test_in_spanish_the_text_format_is_spanish_too(self):
        out = run("recommend", "goal=strengthen", "condition=melanoma", "stage=starting", "--lang", "es")
        assert out.startswith("Respuestas: goal=strengthen")
        assert "Goal used" not in out and "Why: the rules" not in out
        content = read_content().in_language("es")
        assert content.categories["stimulating"].title in out

    def test_in_spanish_the_fhir_response_is_the_same_answers(self):
        english = json.loads(run("recommend", "goal=dampen", "condition=lupus", "stage=starting", "--format", "fhir"))
        spanish = json.loads(run("recommend", "goal=dampen", "condition=lupus", "stage=starting", "--format", "fhir",
                                 "--lang", "es"))
        def answers(response):
            return [(item["linkId"], [a.get("valueCoding", {}).get("code") for a in item.get("answer", [])])
                    for item in response["item"]]
        assert answers(spanish) == answers(english)

    def test_a_language_not_offered_is_refused(self):
        with pytest.raises(CommandError, match="invalid choice: 'fr'"):
            call_command("recommend", "goal=dampen", "condition=lupus", "stage=starting", "--lang", "fr")

    @pytest.mark.parametrize("args, words", [
        (["condition=melanoma", "stage=starting"], "Missing answer 'goal'. Valid choices: strengthen"),
        (["goal=boost", "condition=melanoma", "stage=starting"], "Unknown goal 'boost'. Valid choices:"),
        (["goal=dampen", "condition=flu", "stage=starting"], "Unknown condition 'flu'. Valid choices: melanoma"),
        (["goal=dampen", "condition=lupus", "stage=starting", "concerns=price"], "Unknown concerns 'price'"),
        (["goal=dampen", "condition=lupus", "stage=starting", "mood=ok"], "Unknown answer 'mood'"),
        (["goal=dampen", "condition=lupus", "stage"], "Expected key=value, got 'stage'"),
    ])
    def test_bad_answers_are_named_with_the_valid_choices(self, args, words):
        with pytest.raises(CommandError, match=words.replace("(", r"\(").replace(".", r"\.")):
            call_command("recommend", *args)

    def test_a_database_without_content_exits_non_zero_naming_the_fix_without_a_traceback(self, tmp_path):
        import os
        import subprocess
        import sys
        done = subprocess.run(
            [sys.executable, "manage.py", "recommend", "goal=boost", "condition=lupus", "stage=starting"],
            capture_output=True, text=True,
            env={**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
                 "IMMUNOGUIDE_SQLITE_PATH": str(tmp_path / "empty.db")})
        assert done.returncode != 0
        assert "No content is loaded. Run: python manage.py migrate" in done.stderr
        assert "Traceback" not in done.stderr


class TestValidateContent:
    def test_the_shipped_content_is_valid(self):
        assert "is valid" in run("validate_content")

    def test_names_the_broken_rule_and_field(self):
        Rule.objects.filter(pk=Rule.objects.first().pk).update(stages=["later"])
        with pytest.raises(CommandError, match=r"rule '[-\w]+', field 'stages'"):
            call_command("validate_content")


class TestLoadContent:
    def write(self, tmp_path, objects):
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(objects))
        return str(path)

    def test_refuses_a_rule_that_points_at_a_missing_question_and_keeps_the_old_content(self, tmp_path):
        before = Rule.objects.get(pk=Rule.objects.first().pk)
        before_questions = sorted(before.questions.values_list("pk", flat=True))
        fixture = self.write(tmp_path, [{
            "model": "questionnaire.rule", "pk": before.pk,
            "fields": {"priority": 1, "reason": "Changed.", "goals": ["dampen"],
                       "questions": ["no-such-question"]}}])
        with pytest.raises(CommandError) as error:
            call_command("load_content", fixture, verbosity=0)
        assert f"rule '{before.pk}', field 'questions': refers to question 'no-such-question'" in str(error.value)
        after = Rule.objects.get(pk=before.pk)
        assert after.reason == before.reason
        assert sorted(after.questions.values_list("pk", flat=True)) == before_questions

    def test_refuses_a_question_with_an_unknown_theme_and_keeps_the_old_one(self, tmp_path):
        question = Question.objects.first()
        fixture = self.write(tmp_path, [{
            "model": "questionnaire.question", "pk": question.pk,
            "fields": {"text": "Changed?", "theme": "weather", "last_reviewed": "2026-11-01"}}])
        with pytest.raises(CommandError, match=f"question '{question.pk}', field 'theme'"):
            call_command("load_content", fixture, verbosity=0)
        assert Question.objects.get(pk=question.pk).text == question.text

    def test_refuses_a_rule_with_no_conditions(self, tmp_path):
        fixture = self.write(tmp_path, [{
            "model": "questionnaire.rule", "pk": "everyone",
            "fields": {"priority": 1, "reason": "Always.", "questions": [Question.objects.first().pk]}}])
        with pytest.raises(CommandError, match="rule 'everyone', field 'conditions': lists no condition"):
            call_command("load_content", fixture, verbosity=0)
        assert not Rule.objects.filter(pk="everyone").exists()

    def test_refuses_a_lesson_of_the_clinical_review_coming_back_and_keeps_the_old_text(self, tmp_path):
        question = Question.objects.get(pk="sct-gvhd")
        folder = fixture_folder(tmp_path, "edited")
        edit_fixture(folder, "questions.json", "sct-gvhd", text="What are the signs of rejection of my new cells?")
        with pytest.raises(CommandError, match="question 'sct-gvhd', field 'text': speaks of rejection after a stem"):
            call_command("load_content", str(folder), verbosity=0)
        assert Question.objects.get(pk=question.pk).text == question.text

    def test_loads_sound_content(self, tmp_path):
        folder = fixture_folder(tmp_path, "edited")
        edit_fixture(folder, "questions.json", "flare-plan", text="Reworded?", text_es="¿Con otras palabras?")
        call_command("load_content", str(folder), verbosity=0)
        assert Question.objects.get(pk="flare-plan").text == "Reworded?"

    def test_a_rule_removed_from_the_fixtures_stops_firing(self, tmp_path):
        answers = Answers("strengthen", "melanoma", "starting", concerns=("long_term",))
        withdrawn = Rule.objects.get(pk="concern-long-term-known")  # the one rule adding c-long-term-known
        assert "c-long-term-known" in {q.slug for q in recommend(answers, read_content()).questions}
        folder = fixture_folder(tmp_path, "edited")
        path = folder / "rules.json"
        path.write_text(json.dumps([r for r in json.loads(path.read_text(encoding="utf-8"))
                                    if r["pk"] != withdrawn.pk], indent=2, ensure_ascii=False), encoding="utf-8")
        call_command("load_content", str(folder), verbosity=0)
        assert not Rule.objects.filter(pk=withdrawn.pk).exists()
        assert "c-long-term-known" not in {q.slug for q in recommend(answers, read_content()).questions}
        diff = json.loads(run("content_diff", str(FIXTURES_FOLDER), str(folder), "--format", "json"))
        assert {"kind": "rule", "slug": withdrawn.pk, "change": "removed"} in [
            {k: item[k] for k in ("kind", "slug", "change")} for item in diff["items"]]

    def test_refuses_a_model_that_is_not_content_naming_the_file_line_and_model(self, tmp_path):
        from django.contrib.auth.models import User
        question = Question.objects.first()
        path = tmp_path / "questions.json"
        path.write_text(json.dumps([
            {"model": "questionnaire.question", "pk": question.pk, "fields": {"text": "Planted?"}},
            {"model": "auth.user", "pk": 900, "fields": {"username": "planted", "is_superuser": True,
                                                        "is_staff": True, "password": "pbkdf2_sha256$1$x$y"}},
        ], indent=2), encoding="utf-8")
        with pytest.raises(CommandError) as error:
            call_command("load_content", str(path), verbosity=0)
        assert f"{path}, line 9: 'auth.user' is not content" in str(error.value)
        assert not User.objects.filter(username="planted").exists()
        assert Question.objects.get(pk=question.pk).text == question.text

    def test_refuses_an_item_listed_twice_naming_both_places(self, tmp_path):
        folder = fixture_folder(tmp_path, "twice")
        copy = json.loads((folder / "questions.json").read_text(encoding="utf-8"))[0]
        (folder / "more-questions.json").write_text(json.dumps([copy], indent=2), encoding="utf-8")
        with pytest.raises(CommandError) as error:
            call_command("load_content", str(folder), verbosity=0)
        # Files load in name order: the copy in more-questions.json comes first.
        assert (f"{folder / 'questions.json'}, line 2: question {copy['pk']!r} is listed twice "
                f"(also at {folder / 'more-questions.json'}, line 2)") in str(error.value)


    def test_loads_the_shipped_folder_by_default_and_moves_the_stamp_once(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from questionnaire.models import ContentStamp
        before = ContentStamp.current()
        with CaptureQueriesContext(connection) as queries:
            call_command("load_content", verbosity=0)
        stamps = [q for q in queries if "questionnaire_contentstamp" in q["sql"]]
        assert ContentStamp.current() != before
        assert len(stamps) <= 2  # one bump: update_or_create's look and its write
        assert len(queries) < 2300  # 5,335 when every save moved the stamp (1,552 of them); 2,063 now

    @pytest.mark.parametrize("text, expected", [
        ('[{"model": "questionnaire.question", "pk": "x", "fields": {', "line 1"),
        ('[\n  {"model": "questionnaire.question",\n  "pk": "x" "fields": {}}]', "line 3"),
        ("", "line 1"),
    ], ids=["truncated", "malformed", "empty"])
    def test_a_file_it_cannot_read_is_named_with_its_line_and_nothing_changes(self, tmp_path, text, expected):
        before = Question.objects.count()
        path = tmp_path / "questions.json"
        path.write_text(text)
        with pytest.raises(CommandError) as error:
            call_command("load_content", str(path), verbosity=0)
        message = str(error.value)
        assert "questions.json" in message and expected in message
        assert "the content already there is unchanged" in message
        assert Question.objects.count() == before

    def test_a_file_that_is_not_there_is_named(self, tmp_path):
        with pytest.raises(CommandError, match="no-such.json: no such file"):
            call_command("load_content", str(tmp_path / "no-such.json"), verbosity=0)

    def test_loaddata_is_django_s_own_as_modeltranslation_extends_it(self):
        from django.core.management import get_commands, load_command_class
        from django.core.management.commands.loaddata import Command as DjangoLoadData
        app = get_commands()["loaddata"]
        assert app in ("django.core", "modeltranslation")
        assert isinstance(load_command_class(app, "loaddata"), DjangoLoadData)


class TestExportContent:
    def test_the_shipped_fixtures_are_exactly_what_export_writes(self, tmp_path):
        from tests.helpers import FIXTURES
        run("export_content", "--output", str(tmp_path))
        for path in FIXTURES:
            name = path.rsplit("/", 1)[1]
            assert (tmp_path / name).read_text(encoding="utf-8") == open(path, encoding="utf-8").read(), name

    def test_exported_files_load_back_unchanged(self, tmp_path):
        Question.objects.filter(pk=Question.objects.order_by("pk").first().pk).update(text="Edited in the admin?")
        run("export_content", "--output", str(tmp_path / "first"))
        before = read_content()
        Rule.objects.all().delete()
        Question.objects.all().delete()
        call_command("load_content", str(tmp_path / "first"), verbosity=0)
        run("export_content", "--output", str(tmp_path / "second"))
        for first in (tmp_path / "first").glob("*.json"):
            assert first.read_text() == (tmp_path / "second" / first.name).read_text(), first.name
        after = read_content()
        assert after.rules == before.rules
        assert {q.slug: q.text for q in after.questions.values()} == {q.slug: q.text for q in before.questions.values()}


def fixture_folder(tmp_path, name):
    """A copy of the shipped fixtures, to change as a reviewer would."""
    from tests.helpers import FIXTURES
    folder = tmp_path / name
    folder.mkdir()
    for path in FIXTURES:
        shutil.copy(path, folder)
    return folder


def edit_fixture(folder, file_name, slug, **fields):
    path = folder / file_name
    items = json.loads(path.read_text(encoding="utf-8"))
    next(item for item in items if item["pk"] == slug)["fields"].update(fields)
    path.write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")


class TestContentDiff:
    def test_two_folders_with_a_changed_question(self, tmp_path):
        old, new = fixture_folder(tmp_path, "old"), fixture_folder(tmp_path, "new")
        edit_fixture(new, "questions.json", "flare-plan", text="What do I do if my disease flares?")
        data = json.loads(run("content_diff", str(old), str(new), "--format", "json"))
        assert data["items"] == [{"kind": "question", "slug": "flare-plan", "change": "changed", "fields": ["text"]}]
        assert data["summary"]["combinations_changed"] > 0
        assert all(change["slug"] == "flare-plan" for case in data["cases"] for change in case["changes"])
        text = run("content_diff", str(old), str(new))
        assert text.splitlines()[2] == data["summary"]["text"]

    def test_a_git_revision_against_the_working_tree(self, tmp_path, settings):
        repo = tmp_path / "repo"
        repo.mkdir()
        fixtures = fixture_folder(repo, "fixtures")

        def git(*args):
            subprocess.run(["git", "-C", str(repo), "-c", "user.name=Reviewer", "-c", "user.email=r@example.org",
                            *args], check=True, capture_output=True)
        git("init", "-q")
        git("add", "fixtures")
        git("commit", "-q", "-m", "The last release")
        git("tag", "last-release")
        edit_fixture(fixtures, "questions.json", "flare-plan", priority="safety")
        settings.BASE_DIR = repo
        data = json.loads(run("content_diff", "last-release", "--format", "json"))
        assert data["old"] == "git last-release"
        assert data["items"] == [{"kind": "question", "slug": "flare-plan", "change": "changed", "fields": ["priority"]}]
        assert data["summary"]["combinations_changed"] > 0
        assert json.loads(run("content_diff", "last-release", "HEAD", "--format", "json"))["cases"] == []

    @pytest.mark.parametrize("make, expected", [
        (lambda folder: "no-such-revision-or-folder", "neither a folder nor a git revision"),
        (lambda folder: (folder / "rules.json").write_text("[{\"model\": ") and str(folder), "rules.json"),
        (lambda folder: edit_fixture(folder, "rules.json", "age-65-plus", questions=["no-such-question"])
         or str(folder), "no-such-question"),
    ])
    def test_a_source_it_cannot_compare_is_named(self, tmp_path, make, expected):
        source = make(fixture_folder(tmp_path, "broken"))
        with pytest.raises(CommandError, match=expected):
            call_command("content_diff", source, stdout=io.StringIO())


class TestSignOff:
    def sign_off(self, folder, *extra):
        return run("sign_off", str(folder), "--by", "Dr A Reviewer", "--role", "Rheumatology nurse",
                   "--on", "2026-12-01", "--fixtures", str(folder), *extra)

    def test_records_the_sign_off_and_load_content_ships_it(self, tmp_path, client):
        folder = fixture_folder(tmp_path, "release")
        out = self.sign_off(folder)
        release = json.loads((folder / "release.json").read_text(encoding="utf-8"))[0]["fields"]
        assert (release["signed_off_by"], release["signed_off_role"], release["signed_off_on"]) == (
            "Dr A Reviewer", "Rheumatology nurse", "2026-12-01")
        assert release["signed_off_summary"] in out
        call_command("load_content", str(folder), verbosity=0)
        content = read_content()
        assert content.sign_off is not None and content.sign_off.signed_off_by == "Dr A Reviewer"
        assert client.get("/about/").context["sign_off"] == content.sign_off
        errors = io.StringIO()
        call_command("validate_content", stdout=io.StringIO(), stderr=errors)
        assert errors.getvalue() == ""

    def test_a_later_change_voids_it_and_validate_content_warns(self, tmp_path, client):
        folder = fixture_folder(tmp_path, "release")
        self.sign_off(folder)
        call_command("load_content", str(folder), verbosity=0)
        Question.objects.filter(pk="flare-plan").update(text="Changed after the sign-off?")
        assert read_content().sign_off is None
        assert client.get("/about/").context["sign_off"] is None
        errors = io.StringIO()
        call_command("validate_content", stdout=io.StringIO(), stderr=errors)
        assert "Dr A Reviewer" in errors.getvalue()

    def test_the_shipped_content_awaits_a_sign_off_and_says_so(self):
        errors = io.StringIO()
        call_command("validate_content", stdout=io.StringIO(), stderr=errors)
        assert "sign_off" in errors.getvalue()

    def test_changed_content_under_the_old_version_is_not_signed_off(self, tmp_path):
        old, new = fixture_folder(tmp_path, "old"), fixture_folder(tmp_path, "new")
        edit_fixture(new, "questions.json", "flare-plan", text="What do I do if my disease flares?")
        before = (new / "release.json").read_text(encoding="utf-8")
        version = json.loads((new / "release.json").read_text(encoding="utf-8"))[0]["fields"]["version"]
        with pytest.raises(CommandError, match=version):
            run("sign_off", str(old), "--by", "Dr A Reviewer", "--role", "Nurse", "--fixtures", str(new))
        assert (new / "release.json").read_text(encoding="utf-8") == before
        year, month, number = version.split(".")
        edit_fixture(new, "release.json", 1, version=f"{year}.{month}.{int(number) + 1}")
        run("sign_off", str(old), "--by", "Dr A Reviewer", "--role", "Nurse", "--fixtures", str(new))
        assert json.loads((new / "release.json").read_text(encoding="utf-8"))[0]["fields"]["signed_off_by"]

    def test_the_sign_off_is_recorded_only_in_a_folder_of_fixture_files(self, tmp_path):
        with pytest.raises(CommandError, match="release.json"):
            run("sign_off", str(fixture_folder(tmp_path, "old")), "--by", "Dr A Reviewer", "--role", "Nurse",
                "--fixtures", "HEAD")

    def test_broken_content_is_not_signed_off(self, tmp_path):
        folder = fixture_folder(tmp_path, "release")
        edit_fixture(folder, "questions.json", "flare-plan", theme="weather")
        before = (folder / "release.json").read_text(encoding="utf-8")
        with pytest.raises(CommandError, match="question 'flare-plan', field 'theme'"):
            self.sign_off(folder)
        assert (folder / "release.json").read_text(encoding="utf-8") == before

    def test_a_spanish_sign_off_is_recorded_in_the_release_s_languages_and_shown(self, tmp_path, client):
        folder = fixture_folder(tmp_path, "release")
        self.sign_off(folder, "--language", "es")
        release = json.loads((folder / "release.json").read_text(encoding="utf-8"))[0]["fields"]
        assert release["signed_off_by"] == ""  # the English is not signed off by it
        spanish = release["languages"]["es"]
        assert (spanish["status"], spanish["signed_off_by"], spanish["signed_off_on"]) == (
            "complete", "Dr A Reviewer", "2026-12-01")
        call_command("load_content", str(folder), verbosity=0)
        assert read_content().language_sign_off("es")["signed_off_by"] == "Dr A Reviewer"
        client.cookies["django_language"] = "es"
        about = client.get("/about/")
        assert "Dr A Reviewer" in about.context["translations"][0]["review"]

    def test_a_partial_translation_is_not_signed_off(self, tmp_path):
        folder = fixture_folder(tmp_path, "release")
        releases = json.loads((folder / "release.json").read_text(encoding="utf-8"))
        releases[0]["fields"]["languages"]["es"]["status"] = "partial"
        (folder / "release.json").write_text(json.dumps(releases), encoding="utf-8")
        with pytest.raises(CommandError, match="'partial', not 'complete'"):
            self.sign_off(folder, "--language", "es")

    def test_a_signed_off_release_exports_as_it_was_loaded(self, tmp_path):
        folder = fixture_folder(tmp_path, "release")
        self.sign_off(folder)
        call_command("load_content", str(folder), verbosity=0)
        run("export_content", "--output", str(tmp_path / "exported"))
        assert (tmp_path / "exported" / "release.json").read_text() == (folder / "release.json").read_text()


def test_a_reviewer_edits_a_rule_reads_what_changes_signs_off_and_ships_it(tmp_path, admin_client, client):
    """The whole release path: an edit in the admin with ticks, content_diff against the last
    release, sign_off, and load_content; the About page then names the reviewer."""
    from tests.helpers.admin import change_form_data
    last_release = fixture_folder(tmp_path, "last-release")
    rule = Rule.objects.get(pk="age-65-plus")
    url, data = change_form_data(admin_client, rule)
    data["factors"] = [*data["factors"], "vaccines_due"]
    assert admin_client.post(url, data).status_code == 302
    run("export_content", "--output", str(tmp_path / "edited"))
    edit_fixture(tmp_path / "edited", "release.json", 1, version="2099.1.0")

    report = json.loads(run("content_diff", str(last_release), str(tmp_path / "edited"), "--format", "json"))
    assert report["items"] == [
        {"kind": "content release", "slug": "current", "change": "changed", "fields": ["version"]},
        {"kind": "rule", "slug": "age-65-plus", "change": "changed", "fields": ["factors"]}]
    reached = {case.get("factor") for case in report["cases"]}
    assert report["summary"]["single_answer_cases_changed"] > 0 and reached == {"vaccines_due"}

    run("sign_off", str(last_release), "--by", "Dr A Reviewer", "--role", "Geriatric nurse specialist",
        "--fixtures", str(tmp_path / "edited"))
    call_command("load_content", str(tmp_path / "edited"), verbosity=0)
    sign_off = client.get("/about/").context["sign_off"]
    assert sign_off.signed_off_by == "Dr A Reviewer" and sign_off.signed_off_summary == report["summary"]["text"]
    assert Rule.objects.get(pk="age-65-plus").factors == data["factors"]
