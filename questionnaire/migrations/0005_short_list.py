from django.db import migrations, models

PRIORITIES = [
    ('safety', "1. Safety, raised by the person's own answers"),
    ('about', '2. What the treatment is and why it fits me'),
    ('call_now', '3. Which symptoms mean calling straight away, and whom to call'),
    ('concern', "4. The person's concerns"),
    ('more', 'More questions (not suggested)'),
]
KIND_TITLES = {"safety": "Safety", "mismatch": "About the aim you chose", "info": "Good to know"}


def title_existing_notes(apps, schema_editor):
    """Notes loaded before titles existed get one, so the content stays valid until
    the new fixtures are loaded over it (they give each note its own title)."""
    Note = apps.get_model("questionnaire", "Note")
    for note in Note.objects.using(schema_editor.connection.alias).filter(title=""):
        note.title = KIND_TITLES.get(note.kind, "Good to know")
        note.save(update_fields=["title"])


class Migration(migrations.Migration):
    """The short list: question priorities, rules that raise them, note titles, call-now notes."""

    dependencies = [
        ('questionnaire', '0004_release_disclosures'),
    ]

    operations = [
        migrations.AddField(
            model_name='question',
            name='priority',
            field=models.CharField(
                choices=PRIORITIES,
                default='more',
                help_text='Its tier in the short list (docs/content-guide.md#how-a-list-is-ranked); '
                          'a rule can raise it for the answers that matched.',
                max_length=10),
        ),
        migrations.AddField(
            model_name='rule',
            name='question_priority',
            field=models.CharField(
                blank=True,
                choices=PRIORITIES,
                help_text='Raise the questions this rule adds to this tier, when it matches. Blank: leave them.',
                max_length=10),
        ),
        migrations.AddField(
            model_name='note',
            name='title',
            field=models.CharField(
                default='', help_text='The box\'s own heading, e.g. "Vaccines while your immune system is calmed".',
                max_length=120),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='note',
            name='call_now',
            field=models.BooleanField(
                default=False,
                help_text='Shown inside the one "When to call straight away" box, not as a box of its own.'),
        ),
        migrations.RunPython(title_existing_notes, migrations.RunPython.noop),
    ]
