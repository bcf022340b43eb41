"""The admin as an editor uses it through the test client."""
from django.urls import reverse


def change_form_data(admin_client, obj):
    """The admin change form's current values, as the browser would post them back."""
    url = reverse(f"admin:questionnaire_{obj._meta.model_name}_change", args=[obj.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = value
    return url, data

