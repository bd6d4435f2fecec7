"""Published outcomes and bodies' replies get a column per language (issue 13, content in its language).

An outcome's language was stored (``language``, now ``original_language``): its text moves into that
language's columns. A reply's language is detected from its script. Reversible.
"""

from django.db import migrations, models

from hub.i18n import move_into_language_columns, move_out_of_language_columns

OUTCOME_TEXTS = ["outcome", "summary", "title"]


def move_in(apps, schema_editor):
    move_into_language_columns(apps.get_model("anticorruption", "PublishedOutcome"), OUTCOME_TEXTS, detect=False)
    move_into_language_columns(apps.get_model("anticorruption", "DepartmentReply"), ["text"])


def move_out(apps, schema_editor):
    move_out_of_language_columns(apps.get_model("anticorruption", "PublishedOutcome"), OUTCOME_TEXTS)
    move_out_of_language_columns(apps.get_model("anticorruption", "DepartmentReply"), ["text"])


class Migration(migrations.Migration):

    dependencies = [
        ('anticorruption', '0004_triage_deadline'),
    ]

    operations = [
        migrations.RenameField(
            model_name='publishedoutcome',
            old_name='language',
            new_name='original_language',
        ),
        migrations.AddField(
            model_name='departmentreply',
            name='original_language',
            field=models.CharField(choices=[('kk', 'Қазақша'), ('ru', 'Русский'), ('en', 'English')], default='kk', max_length=2, verbose_name='original language'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='title_kk',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (in Kazakh)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='title_ru',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (in Russian)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='title_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='title (in English)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='summary_kk',
            field=models.TextField(blank=True, max_length=3000, verbose_name='what was reported (anonymised) (in Kazakh)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='summary_ru',
            field=models.TextField(blank=True, max_length=3000, verbose_name='what was reported (anonymised) (in Russian)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='summary_en',
            field=models.TextField(blank=True, max_length=3000, verbose_name='what was reported (anonymised) (in English)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='outcome_kk',
            field=models.TextField(blank=True, max_length=3000, verbose_name='what was done and what changed (in Kazakh)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='outcome_ru',
            field=models.TextField(blank=True, max_length=3000, verbose_name='what was done and what changed (in Russian)'),
        ),
        migrations.AddField(
            model_name='publishedoutcome',
            name='outcome_en',
            field=models.TextField(blank=True, max_length=3000, verbose_name='what was done and what changed (in English)'),
        ),
        migrations.AddField(
            model_name='departmentreply',
            name='text_kk',
            field=models.TextField(blank=True, max_length=600, verbose_name='reply (in Kazakh)'),
        ),
        migrations.AddField(
            model_name='departmentreply',
            name='text_ru',
            field=models.TextField(blank=True, max_length=600, verbose_name='reply (in Russian)'),
        ),
        migrations.AddField(
            model_name='departmentreply',
            name='text_en',
            field=models.TextField(blank=True, max_length=600, verbose_name='reply (in English)'),
        ),
        migrations.AlterField(
            model_name='publishedoutcome',
            name='title',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='publishedoutcome',
            name='summary',
            field=models.TextField(blank=True, default='', max_length=3000, verbose_name='what was reported (anonymised)'),
        ),
        migrations.AlterField(
            model_name='publishedoutcome',
            name='outcome',
            field=models.TextField(blank=True, default='', max_length=3000, verbose_name='what was done and what changed'),
        ),
        migrations.AlterField(
            model_name='departmentreply',
            name='text',
            field=models.TextField(blank=True, default='', max_length=600, verbose_name='reply'),
        ),
        migrations.RunPython(move_in, move_out),
        migrations.RemoveField(
            model_name='publishedoutcome',
            name='title',
        ),
        migrations.RemoveField(
            model_name='publishedoutcome',
            name='summary',
        ),
        migrations.RemoveField(
            model_name='publishedoutcome',
            name='outcome',
        ),
        migrations.RemoveField(
            model_name='departmentreply',
            name='text',
        ),
    ]
