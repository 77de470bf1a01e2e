"""TOTP authenticators of privileged roles; API tokens such accounts got with a password alone are revoked."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# policy.SECOND_FACTOR_ROLES as it stood when the second factor arrived (a migration keeps its own copy).
SECOND_FACTOR_ROLES = ("official", "mediator", "arbitrator", "bank_staff", "auditor", "administrator")


def revoke_password_only_tokens(apps, schema_editor):
    """From now on their tokens are issued only against a code; earlier ones were not."""
    Token = apps.get_model("authtoken", "Token")
    Token.objects.filter(user__role__in=SECOND_FACTOR_ROLES).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_audit_purge'),
        ('authtoken', '0004_alter_tokenproxy_options'),
    ]

    operations = [
        migrations.CreateModel(
            name='MfaDevice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('secret', models.CharField(editable=False, max_length=64, verbose_name='密钥')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='启用时间')),
                ('last_used_step', models.BigIntegerField(default=-1, editable=False)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='mfa_device', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '双因素认证设备',
                'verbose_name_plural': '双因素认证设备',
            },
        ),
        migrations.RunPython(revoke_password_only_tokens, migrations.RunPython.noop),
    ]
