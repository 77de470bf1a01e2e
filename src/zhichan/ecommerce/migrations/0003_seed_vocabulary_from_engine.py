"""Seed the editable vocabulary tables with the engine's shipped tables (their meanings included)."""

from django.db import migrations


def seed(apps, schema_editor):
    from zhichan.engines.listings import load_counterfeit_terms, load_legitimate_contexts

    Term = apps.get_model("ecommerce", "CounterfeitTerm")
    Context = apps.get_model("ecommerce", "LegitimateContext")
    for term in load_counterfeit_terms():
        Term.objects.get_or_create(term=term.term, defaults={"weight": term.weight, "meaning": term.meaning})
    for context in load_legitimate_contexts():
        Context.objects.get_or_create(
            cue=context.cue, kind=str(context.kind), position=str(context.position),
            defaults={"window": context.window, "factor": context.factor, "meaning": context.meaning,
                      "not_followed_by": context.not_followed_by},
        )


class Migration(migrations.Migration):
    dependencies = [("ecommerce", "0002_vocabulary_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
