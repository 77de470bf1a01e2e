"""Why a job failed (refused input, error, lost worker); failed jobs lose the tracebacks kept in their log.

Earlier, a failed job stored `ExceptionClass: message` and the last five traceback frames (server paths)
in its log, which the job page showed. The tracebacks are removed; the error becomes the message alone.
"""

from django.db import migrations, models


def classify_failed_jobs(apps, schema_editor):
    Job = apps.get_model("core", "Job")
    for job in Job.objects.filter(status="failed").iterator():
        name, sep, message = job.error.partition(": ")
        if job.error.startswith("worker ") and "lost" in job.error:
            failure, error = "lost", "任务进程已终止或长时间无响应"
        elif sep and name in ("ValidationError", "TableError", "PurgeRefused", "PermissionDenied"):
            failure, error = "refused", message.strip("[]'\"")
        else:
            failure, error = "error", "任务执行出错，错误已记入服务器日志"
        log = [line for line in job.log if "Traceback (most recent call last)" not in line]
        Job.objects.filter(pk=job.pk).update(failure=failure, error=error, log=log)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_mfa'),
    ]

    operations = [
        migrations.AddField(
            model_name='job',
            name='failure',
            field=models.CharField(blank=True, choices=[('refused', '输入有误'), ('error', '执行出错'), ('lost', '任务进程丢失')], max_length=16, verbose_name='失败原因'),
        ),
        migrations.RunPython(classify_failed_jobs, migrations.RunPython.noop),
    ]
