from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("snelstart_sync", "0008_cursor_recent"),
    ]

    operations = [
        migrations.AddField(
            model_name="logmessage",
            name="texts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="salesorderexport",
            name="texts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="syncrun",
            name="summary",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
