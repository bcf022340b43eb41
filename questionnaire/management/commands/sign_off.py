"""``sign_off``: record a reviewer's sign-off of the content in fixtures/release.json.

The reviewer has read ``content_diff`` against the last release; this runs the
same comparison, and writes who signed off, their role, the date, the summary
they read and the content's fingerprint into the release. ``load_content`` then
ships it. Any later change to the content no longer matches the fingerprint, so
the pages say "awaiting clinical sign-off" again and ``validate_content`` warns.

``--language es`` records instead a native-speaking clinician's sign-off of the
Spanish, in the release's ``languages``; it covers the Spanish texts and the
English they translate, and needs the translation marked complete.
"""
import datetime
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format

from questionnaire.content_items import SOURCE_LANGUAGE
from questionnaire.content_diff import diff_content
from questionnaire.content_sources import ContentSourceError, fixture_text, fixtures_folder, read_source
from questionnaire.models import ContentRelease
from questionnaire.validation import validate_content


class Command(BaseCommand):
    help = ('Record a clinical sign-off of fixtures/, e.g. sign_off v2026.12.0 --by "Dr A Example" '
            '--role "Consultant rheumatologist": the argument is what the reviewer compared it with.')
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("against", help="The last release the reviewer compared with: a git revision or a folder.")
        parser.add_argument("--by", required=True, help="The reviewer's name, as the About page shows it.")
        parser.add_argument("--role", required=True, help='Their role, e.g. "Oncology nurse specialist".')
        parser.add_argument("--on", type=datetime.date.fromisoformat, default=None,
                            help="The date of the review, YYYY-MM-DD (default: today).")
        parser.add_argument("--fixtures", default=str(fixtures_folder()), help="The folder to sign off.")
        parser.add_argument("--language", default=SOURCE_LANGUAGE, choices=[code for code, _ in settings.LANGUAGES],
                            help="The language reviewed (default: English, the content itself).")

    def handle(self, *args, against, by, role, on, fixtures, language, **options):
        if not by.strip() or not role.strip():
            raise CommandError("A sign-off needs the reviewer's name and role.")
        if not (Path(fixtures) / "release.json").is_file():
            raise CommandError(f"{fixtures} is not a folder of fixture files with a release.json to record the sign-off in.")
        try:
            _, old = read_source(against)
            _, new = read_source(fixtures)
        except ContentSourceError as error:
            raise CommandError(str(error)) from None
        problems = validate_content(new)
        if problems:
            raise CommandError(f"Not signed off: {len(problems)} content problem(s), first: {problems[0]}")
        diff = diff_content(old, new)
        if not diff.is_empty() and old.release and new.release and old.release.version == new.release.version:
            raise CommandError(
                f"Not signed off: the content changed since {against}, but its version is still "
                f"{new.release.version}. Give the release a new version in release.json and a change-log "
                f"entry (docs/content-review.md, \"Cutting a new content version\"), then sign it off.")
        summary = diff.summary()
        path = Path(fixtures) / "release.json"
        releases = [item.object for item in serializers.deserialize("json", path.read_text(encoding="utf-8"))]
        latest = max(releases, key=lambda r: (r.published, r.version))
        on = on or datetime.date.today()
        if language == SOURCE_LANGUAGE:
            latest.signed_off_by, latest.signed_off_role = by.strip(), role.strip()
            latest.signed_off_on = on
            latest.signed_off_summary = summary
            latest.signed_off_fingerprint = new.fingerprint
        else:
            state = new.language_state(language)
            if state["status"] != "complete":
                raise CommandError(
                    f"Not signed off: the {language!r} translation is marked {state['status']!r}, not 'complete', "
                    f"in release.json's languages.")
            state.update(signed_off_by=by.strip(), signed_off_role=role.strip(), signed_off_on=on.isoformat(),
                         signed_off_fingerprint=new.translation_fingerprint(language))
            latest.languages = {**latest.languages, language: state}
        path.write_text(fixture_text(ContentRelease, sorted(releases, key=lambda r: r.pk)), encoding="utf-8")
        self.stdout.write(f"{summary}\nSigned off by {by.strip()} ({role.strip()}) on {date_format(on)}"
                          f"{'' if language == SOURCE_LANGUAGE else f' for {language!r}'}, in {path}. "
                          f"Run load_content to ship it.")
