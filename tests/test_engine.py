"""The rules engine: answers in, a result out (questionnaire/engine.py)."""
import pytest

from questionnaire.engine import Answers, InvalidAnswers, recommend
from tests.builders import build_content, item, question


def answers(goal="strengthen", condition="melanoma", stage="starting", factors=(), concerns=()):
    return Answers(goal, condition, stage, tuple(factors), tuple(concerns))


class TestAnswers:
    def test_accepts_comma_separated_lists_and_keeps_vocabulary_order(self):
        parsed = Answers.from_mapping({
            "goal": "dampen", "condition": "kidney_transplant", "stage": "starting",
            "factors": "vaccines_due,pregnancy", "concerns": "cost"})
        assert parsed.factors == ("pregnancy", "vaccines_due")
        assert parsed.concerns == ("cost",)

    @pytest.mark.parametrize("data, key, words", [
        ({"condition": "melanoma", "stage": "starting"}, "goal", "Missing answer 'goal'"),
        ({"goal": "boost", "condition": "melanoma", "stage": "starting"}, "goal", "Unknown goal 'boost'"),
        ({"goal": "dampen", "condition": "flu", "stage": "starting"}, "condition", "Unknown condition 'flu'"),
        ({"goal": "dampen", "condition": "lupus", "stage": "starting", "factors": "smoking"},
         "factors", "Unknown factors 'smoking'"),
        ({"goal": "dampen", "condition": "lupus", "stage": "starting", "mood": "ok"}, "mood",
         "Unknown answer 'mood'"),
    ])
    def test_rejects_missing_and_unknown_answers_naming_them(self, data, key, words):
        with pytest.raises(InvalidAnswers) as error:
            Answers.from_mapping(data)
        assert error.value.key == key
        assert words in str(error.value)

    def test_unknown_value_message_lists_the_valid_choices(self):
        with pytest.raises(InvalidAnswers, match="strengthen, modulate, dampen, unsure"):
            Answers.from_mapping({"goal": "boost", "condition": "lupus", "stage": "starting"})

    @pytest.mark.parametrize("value", [1, None, ["dampen"], {"x": 1}])
    def test_an_answer_that_is_not_text_is_refused(self, value):
        with pytest.raises(InvalidAnswers):
            Answers.from_mapping({"goal": [value], "condition": "lupus", "stage": "starting"})

    def test_one_goal_only(self):
        with pytest.raises(InvalidAnswers):
            Answers.from_mapping({"goal": "dampen,modulate", "condition": "lupus", "stage": "starting"})


class TestGoal:
    def test_a_goal_that_fits_the_condition_is_used_as_given(self):
        result = recommend(answers("strengthen", "melanoma"), build_content())
        assert (result.goal, result.goal_inferred) == ("strengthen", False)

    def test_unsure_takes_the_conditions_default_goal(self):
        result = recommend(answers("unsure", "kidney_transplant"), build_content())
        assert (result.goal, result.goal_inferred) == ("dampen", True)

    def test_a_goal_that_does_not_fit_takes_the_default_goal(self):
        result = recommend(answers("strengthen", "rheumatoid_arthritis"), build_content())
        assert (result.goal, result.goal_inferred) == ("dampen", True)

    def test_unsure_with_a_condition_that_is_not_listed_stays_unsure(self):
        result = recommend(answers("unsure", "not_listed"), build_content())
        assert (result.goal, result.goal_inferred) == ("unsure", False)

    def test_any_goal_fits_a_condition_that_is_not_listed(self):
        result = recommend(answers("modulate", "not_listed"), build_content())
        assert result.goal == "modulate"


class TestRuleMatching:
    @pytest.mark.parametrize("conditions, expected", [
        ({"goals": ["dampen"]}, True),
        ({"goals": ["strengthen"]}, False),
        ({"given_goals": ["unsure"]}, True),
        ({"given_goals": ["dampen"]}, False),
        ({"conditions": ["kidney_transplant", "liver_transplant"]}, True),
        ({"conditions": ["lupus"]}, False),
        ({"condition_groups": ["transplant"]}, True),
        ({"condition_groups": ["cancer"]}, False),
        ({"stages": ["starting"]}, True),
        ({"stages": ["finished"]}, False),
        ({"factors": ["pregnancy", "breastfeeding"]}, True),
        ({"factors": ["breastfeeding"]}, False),
        ({"concerns": ["cost"]}, True),
        ({"concerns": ["fertility"]}, False),
        ({"goals": ["dampen"], "stages": ["starting"], "factors": ["pregnancy"]}, True),
        ({"goals": ["dampen"], "stages": ["finished"], "factors": ["pregnancy"]}, False),
    ])
    def test_every_listed_condition_must_hold(self, conditions, expected):
        content = build_content(rules=[{"slug": "r", "notes": ("n",), **conditions}],
                                notes=[item("n", kind="info", text="N.")])
        result = recommend(
            answers("unsure", "kidney_transplant", "starting", ["pregnancy"], ["cost"]), content)
        assert ([r.slug for r in result.matched_rules] == ["r"]) is expected


class TestResult:
    def content(self):
        return build_content(
            rules=[
                {"slug": "base", "priority": 10, "goals": ("dampen",), "categories": ("suppressive",),
                 "treatments": ("corticosteroids", "transplant_antirejection"),
                 "questions": ("q-about", "q-cost", "q-start-only"), "notes": ("info-1",)},
                {"slug": "transplant", "priority": 20, "condition_groups": ("transplant",),
                 "categories": ("suppressive",), "treatments": ("transplant_antirejection",),
                 "questions": ("q-about", "q-missed"), "notes": ("safety-1",)},
                {"slug": "also-low", "priority": 10, "given_goals": ("dampen",),
                 "notes": ("mismatch-1",)},
            ],
            questions=[
                question("q-about", "about", 2),
                question("q-missed", "about", 1),
                question("q-cost", "cost", 1),
                question("q-start-only", "administration", 1, stages=["starting"]),
                question("q-never", "about", 1),
            ],
            notes=[item("info-1", kind="info", text="I."), item("safety-1", kind="safety", text="S."),
                   item("mismatch-1", kind="mismatch", text="M.")],
        )

    def test_gathers_what_matching_rules_add_without_duplicates(self):
        result = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        assert [c.slug for c in result.categories] == ["suppressive"]
        assert [t.slug for t in result.treatments] == ["transplant_antirejection", "corticosteroids"]
        assert sorted(q.slug for q in result.questions) == ["q-about", "q-cost", "q-missed", "q-start-only"]

    def test_matched_rules_are_listed_by_priority_then_slug(self):
        result = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        assert [r.slug for r in result.matched_rules] == ["transplant", "also-low", "base"]

    def test_notes_come_mismatch_first_then_safety_then_info(self):
        result = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        assert [n.kind for n in result.notes] == ["mismatch", "safety", "info"]

    def test_questions_follow_theme_order_then_their_own_order(self):
        result = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        assert [q.slug for q in result.questions] == ["q-missed", "q-about", "q-start-only", "q-cost"]

    def test_themes_of_the_persons_concerns_come_first(self):
        result = recommend(
            answers("dampen", "kidney_transplant", "starting", concerns=["cost"]), self.content())
        assert [q.slug for q in result.questions][0] == "q-cost"

    def test_questions_for_other_stages_are_left_out(self):
        result = recommend(answers("dampen", "kidney_transplant", "finished"), self.content())
        assert "q-start-only" not in [q.slug for q in result.questions]

    def test_questions_for_other_goals_are_left_out(self):
        content = self.content()
        content.questions["q-cost"].goals = ["strengthen"]
        result = recommend(answers("dampen", "kidney_transplant", "starting"), content)
        assert "q-cost" not in [q.slug for q in result.questions]

    def test_same_answers_give_the_same_result(self):
        first = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        again = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        assert first.as_dict() == again.as_dict()

    def test_as_dict_has_the_documented_keys(self):
        result = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        data = result.as_dict()
        for key in ("goal", "goal_inferred", "categories", "treatments", "notes", "questions",
                    "matched_rules"):
            assert key in data
        assert data["treatments"][0] == {
            "slug": "transplant_antirejection", "title": "TA", "category": "suppressive"}
        assert data["notes"][0] == {"kind": "mismatch", "text": "M."}

    def test_question_groups_follow_the_list_order(self):
        result = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        assert [(theme, [q.slug for q in qs]) for theme, _, qs in result.question_groups()] == [
            ("about", ["q-missed", "q-about"]), ("administration", ["q-start-only"]),
            ("cost", ["q-cost"])]
