"""Going through the questions with Django's test client, as a person would."""
from django.urls import reverse

PREFIX = "questionnaire_wizard"
STEPS = ["goal", "condition", "medicines", "stage", "factors", "concerns", "check"]


def step_url(step):
    return reverse("questionnaire:step", kwargs={"step": step})


def post_step(client, step, value=None):
    data = {f"{PREFIX}-current_step": step}
    if value is not None:
        data[f"{step}-{step}"] = value
    return client.post(step_url(step), data)


def complete(client, goal, condition, stage="starting", factors=(), concerns=(), medicines=()):
    """Answer every step as a person would and return the result page."""
    client.get(reverse("questionnaire:questions"))
    for step, value in [("goal", goal), ("condition", condition), ("medicines", list(medicines)), ("stage", stage),
                        ("factors", list(factors)), ("concerns", list(concerns)), ("check", None)]:
        response = post_step(client, step, value)
        assert response.status_code == 302, (step, response.content[:2000])
    assert response.url == step_url("done")
    response = client.get(response.url)
    assert response.url == reverse("questionnaire:result")
    return client.get(response.url)
