"""The rules engine: answers in, a result out (questionnaire/engine.py)."""
from dataclasses import replace

import pytest

from questionnaire.engine import MAX_QUESTIONS, MAX_SUGGESTED, MIN_SUGGESTED, Answers, InvalidAnswers, recommend
from tests.helpers.builders import build_content, note, question, with_item, with_rule


def answers(goal="strengthen", condition="melanoma", stage="starting", factors=(), concerns=()):
    return Answers(goal, condition, stage, tuple(factors), tuple(concerns))


class TestAnswers:
    def test_accepts_comma_separated_lists_and_keeps_vocabulary_order(self):
        parsed = Answers.from_mapping({
            "goal": "dampen", "condition": "kidney_transplant", "stage": "starting",
            "factors": "vaccines_due,pregnancy", "concerns": "cost"}, build_content())
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
            Answers.from_mapping(data, build_content())
        assert error.value.key == key
        assert words in str(error.value)

    def test_unknown_value_message_lists_the_valid_choices(self):
        with pytest.raises(InvalidAnswers, match="strengthen, modulate, dampen, unsure"):
            Answers.from_mapping({"goal": "boost", "condition": "lupus", "stage": "starting"}, build_content())

    @pytest.mark.parametrize("value", [1, None, ["dampen"], {"x": 1}])
    def test_an_answer_that_is_not_text_is_refused(self, value):
        with pytest.raises(InvalidAnswers):
            Answers.from_mapping({"goal": [value], "condition": "lupus", "stage": "starting"}, build_content())

    def test_the_conditions_are_the_contents_own(self):
        """A condition is a fixture edit: the content that offers it makes it an answer."""
        content = build_content()
        gout = replace(content.conditions["lupus"], slug="gout", label="Gout")
        data = {"goal": "dampen", "condition": "gout", "stage": "starting"}
        with pytest.raises(InvalidAnswers) as error:
            Answers.from_mapping(data, content)
        assert (error.value.key, error.value.value) == ("condition", "gout")
        assert Answers.from_mapping(data, with_item(content, "conditions", gout)).condition == "gout"

    def test_a_parent_cannot_answer_for_a_child_where_the_content_is_written_for_adults(self):
        content = build_content()
        content = with_item(content, "conditions", replace(content.conditions["melanoma"], adults_only=True))
        data = {"goal": "strengthen", "condition": "melanoma", "stage": "starting", "factors": "child"}
        with pytest.raises(InvalidAnswers) as error:
            Answers.from_mapping(data, content)
        assert (error.value.key, error.value.value, error.value.problem) == ("factors", "child", "adults_only")
        assert Answers.from_mapping({**data, "condition": "lupus", "goal": "dampen"}, content).factors == ("child",)

    def test_one_goal_only(self):
        with pytest.raises(InvalidAnswers):
            Answers.from_mapping(
                {"goal": "dampen,modulate", "condition": "lupus", "stage": "starting"}, build_content())


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
                                notes=[note("n", "info", "N.")])
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
            notes=[note("info-1", "info", "I."), note("safety-1", "safety", "S."),
                   note("mismatch-1", "mismatch", "M.")],
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

    def test_questions_of_one_tier_go_breadth_first_one_of_each_theme_before_a_second(self):
        result = recommend(answers("dampen", "kidney_transplant", "starting"), self.content())
        assert [q.slug for q in result.questions] == ["q-missed", "q-start-only", "q-cost", "q-about"]

    def test_themes_of_the_persons_concerns_come_first(self):
        result = recommend(
            answers("dampen", "kidney_transplant", "starting", concerns=["cost"]), self.content())
        assert [q.slug for q in result.questions][0] == "q-cost"

    def test_a_reason_two_rules_share_is_given_once(self):
        content = self.content()
        content = with_rule(content, content.rules[2].slug, reason="Because.")
        result = recommend(answers("dampen", "kidney_transplant", "starting"), content)
        assert len(result.matched_rules) == 3
        assert result.reasons() == ["Because."]

    def test_reasons_keep_the_order_of_the_rules_that_first_give_them(self):
        content = self.content()
        given = answers("dampen", "kidney_transplant", "starting")
        first, second, third = (rule.slug for rule in recommend(given, content).matched_rules)
        content = with_rule(with_rule(with_rule(content, first, reason="One."), second, reason="Two."),
                            third, reason="One.")
        result = recommend(given, content)
        assert [rule.slug for rule in result.matched_rules] == [first, second, third]
        assert result.reasons() == ["One.", "Two."]
        assert [rule.slug for rule in result.reason_rules()] == [first, second]

    def test_questions_for_other_stages_are_left_out(self):
        result = recommend(answers("dampen", "kidney_transplant", "finished"), self.content())
        assert "q-start-only" not in [q.slug for q in result.questions]

    def test_questions_for_other_goals_are_left_out(self):
        content = self.content()
        content = with_item(content, "questions", replace(content.questions["q-cost"], goals=("strengthen",)))
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
            "slug": "transplant_antirejection", "title": "TA", "category": "suppressive", "language": "en"}
        assert data["notes"][0] == {"kind": "mismatch", "text": "M.", "title": "Title mismatch-1",
                                    "call_now": False, "language": "en"}
        assert data["questions"][0] == {"slug": "q-missed", "text": "Question q-missed?", "theme": "about",
                                        "suggested": True, "priority": "more", "language": "en"}
        assert data["language"] == "en"


def ranked(*specs, rules=(), **answer_kwargs):
    """A result for kidney-transplant answers over questions given as (slug, theme, priority)."""
    questions = [question(slug, theme, n, priority=priority) for n, (slug, theme, priority) in enumerate(specs)]
    content = build_content(
        rules=[{"slug": "all", "given_goals": ("dampen",), "questions": tuple(q.slug for q in questions)},
               *rules],
        questions=questions)
    return recommend(answers("dampen", "kidney_transplant", "starting", **answer_kwargs), content)


def slugs(questions):
    return [q.slug for q in questions]


class TestSources:
    def test_a_page_about_other_conditions_only_is_not_cited_to_this_person(self):
        """A medicine family's pages cover every condition it treats: an RA list has no use for an MS page."""
        from questionnaire.content_items import Source
        content = build_content(rules=[{"slug": "base", "goals": ("dampen",), "categories": ("suppressive",),
                                        "questions": ("q-1",)}],
                                questions=[question("q-1", sources=("a-source", "ms-page", "lupus-page"))])
        for slug, conditions in (("ms-page", ("multiple_sclerosis",)), ("lupus-page", ("lupus", "vasculitis"))):
            content = with_item(content, "sources", Source(slug, "Org", slug, "https://example.org/", conditions))
        cited = {condition: [s.slug for s in recommend(answers("dampen", condition), content).sources()]
                 for condition in ("lupus", "rheumatoid_arthritis")}
        assert cited == {"lupus": ["a-source", "lupus-page"], "rheumatoid_arthritis": ["a-source"]}


class TestRanking:
    def test_tiers_come_in_the_order_of_content_md(self):
        result = ranked(("m", "about", "more"), ("c", "cost", "concern"), ("n", "side_effects", "call_now"),
                        ("a", "about", "about"), ("s", "vaccines", "safety"))
        assert slugs(result.questions) == ["s", "a", "n", "c", "m"]
        assert result.priorities == {"s": "safety", "a": "about", "n": "call_now", "c": "concern", "m": "more"}

    def test_a_rule_raises_the_questions_it_adds_only_when_it_matches(self):
        specs = (("a", "about", "about"), ("n", "side_effects", "call_now"), ("p", "pregnancy", "more"))
        plain = ranked(*specs, rules=[RAISE_ON_PREGNANCY])
        raised = ranked(*specs, rules=[RAISE_ON_PREGNANCY], factors=["pregnancy"])
        assert plain.priorities["p"] == "more" and slugs(plain.questions)[-1] == "p"
        assert raised.priorities["p"] == "safety" and slugs(raised.questions)[0] == "p"

    def test_a_rule_never_lowers_a_question(self):
        lower = {"slug": "lower", "given_goals": ("dampen",), "questions": ("s",), "question_priority": "more"}
        result = ranked(("s", "vaccines", "safety"), ("n", "side_effects", "call_now"), rules=[lower])
        assert result.priorities["s"] == "safety"

    def test_at_most_eight_are_suggested_and_the_call_now_question_is_always_one(self):
        many_safety = [(f"s{n}", "vaccines", "safety") for n in range(12)]
        result = ranked(*many_safety, ("n", "side_effects", "call_now"))
        assert len(result.suggested) == MAX_SUGGESTED == 8
        assert "n" in result.suggested
        assert slugs(result.suggested_questions()) == [f"s{n}" for n in range(7)] + ["n"]

    def test_the_first_about_and_concern_questions_keep_a_place_however_many_safety_ones(self):
        many_safety = [(f"s{n}", "vaccines", "safety") for n in range(12)]
        result = ranked(*many_safety, ("a", "about", "about"), ("n", "side_effects", "call_now"),
                        ("c", "cost", "concern"), ("c2", "cost", "concern"))
        assert slugs(result.suggested_questions()) == [f"s{n}" for n in range(5)] + ["a", "n", "c"]

    def test_a_second_call_now_question_is_not_suggested(self):
        result = ranked(("n1", "side_effects", "call_now"), ("n2", "infections", "call_now"))
        assert "n1" in result.suggested and "n2" not in result.suggested

    def test_a_short_list_is_topped_up_with_the_next_questions(self):
        result = ranked(("n", "side_effects", "call_now"), *[(f"m{n}", "cost", "more") for n in range(6)])
        assert len(result.suggested) == MIN_SUGGESTED
        assert slugs(result.suggested_questions()) == ["n", "m0", "m1", "m2", "m3"]

    def test_the_suggested_questions_come_first_then_the_rest_in_priority_order(self):
        many_safety = [(f"s{n}", "vaccines", "safety") for n in range(9)]
        result = ranked(*many_safety, ("n", "side_effects", "call_now"), ("m", "cost", "more"))
        assert slugs(result.questions) == [f"s{n}" for n in range(7)] + ["n", "s7", "s8", "m"]
        assert slugs(result.more_questions()) == ["s7", "s8", "m"]

    def test_the_whole_list_is_capped_keeping_the_best(self):
        specs = [(f"m{n:02}", "cost", "more") for n in range(30)] + [("n", "side_effects", "call_now")]
        result = ranked(*specs)
        assert len(result.questions) == MAX_QUESTIONS
        assert "n" in slugs(result.questions) and "m29" not in slugs(result.questions)

    def test_more_groups_follow_the_theme_order(self):
        result = ranked(("n", "side_effects", "call_now"), *[(f"m{n}", "cost", "more") for n in range(5)],
                        ("v", "vaccines", "more"), ("a", "about", "more"))
        assert [(theme, slugs(qs)) for theme, _, qs in result.more_groups()] == [
            ("cost", ["m2", "m3", "m4"])]
        assert slugs(result.suggested_questions()) == ["n", "a", "v", "m0", "m1"]

    def test_same_answers_give_the_same_list_whatever_order_the_content_comes_in(self):
        specs = [(f"q{n}", theme, priority) for n, (theme, priority) in enumerate(
            [("cost", "more"), ("vaccines", "safety"), ("about", "about"), ("side_effects", "call_now"),
             ("cost", "concern"), ("vaccines", "safety"), ("tests", "more"), ("about", "more")] * 2)]
        def result(order):
            questions = [question(slug, theme, 1, priority=priority) for slug, theme, priority in order]
            content = build_content(
                rules=[{"slug": "all", "given_goals": ("dampen",), "questions": tuple(q.slug for q in questions)}],
                questions=questions)
            return recommend(answers("dampen", "kidney_transplant", "starting"), content).as_dict()

        assert result(specs) == result(list(reversed(specs))) == result(specs)


#: A factor rule that adds question "p" and raises it to the safety tier.
RAISE_ON_PREGNANCY = {"slug": "pregnancy", "factors": ("pregnancy",), "questions": ("p",),
                      "question_priority": "safety"}


class TestRankingWithinATier:
    def test_a_question_a_rule_raised_for_these_answers_comes_before_the_tiers_own(self):
        result = ranked(("s", "administration", "safety"), ("n", "side_effects", "call_now"),
                        ("p", "pregnancy", "more"), rules=[RAISE_ON_PREGNANCY], factors=["pregnancy"])
        assert slugs(result.questions)[:2] == ["p", "s"]

    def test_one_theme_never_fills_the_short_list(self):
        four_pregnancy = [(f"p{n}", "pregnancy", "safety") for n in range(4)]
        result = ranked(*four_pregnancy, ("t", "tests", "safety"), ("a", "administration", "safety"),
                        ("n", "side_effects", "call_now"))
        assert slugs(result.questions)[:4] == ["a", "t", "p0", "p1"]

    def test_a_question_a_factor_rule_brings_counts_as_raised_even_in_its_own_tier(self):
        result = ranked(("s", "administration", "safety"), ("n", "side_effects", "call_now"),
                        ("p", "pregnancy", "safety"), rules=[RAISE_ON_PREGNANCY], factors=["pregnancy"])
        assert slugs(result.questions)[:2] == ["p", "s"]
