"""The bureau reviews a school's submission (approve, or return with a comment) before it is merged."""

from __future__ import annotations

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATUSES = [
    ("draft", "draft with problems"),
    ("submitted", "submitted"),
    ("approved", "approved, waiting to be merged"),
    ("returned", "returned to the school"),
    ("applied", "taken into the district data"),
]


class Migration(migrations.Migration):

    dependencies = (
        ("schools", "0002_forget_refused_cells"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    )

    operations = (
        migrations.AddField(
            model_name="submission",
            name="review_comment",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="submission",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="submission",
            name="reviewed_by",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name="submission",
            name="status",
            field=models.CharField(choices=STATUSES, max_length=16),
        ),
    )
