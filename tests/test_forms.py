"""The wizard's forms refuse what they cannot use, with a code (questionnaire/forms.py)."""
import pytest

from questionnaire.forms import FactorsForm


@pytest.mark.parametrize("planning", [["pregnancy_planning"], ["partner_pregnancy"],
                                      ["pregnancy_planning", "partner_pregnancy"]])
def test_pregnant_now_and_planning_cannot_both_be_chosen(planning):
    form = FactorsForm({"factors": ["pregnancy", *planning]})
    assert not form.is_valid()
    error = form.errors.as_data()["factors"][0]
    assert error.code == "pregnant_and_planning"
    assert set(error.params) == {"pregnant", "planning"}


@pytest.mark.parametrize("factors", [["pregnancy"], ["pregnancy", "breastfeeding"],
                                     ["pregnancy_planning", "partner_pregnancy", "breastfeeding"], []])
def test_every_other_combination_is_accepted(factors):
    assert FactorsForm({"factors": factors}).is_valid()
