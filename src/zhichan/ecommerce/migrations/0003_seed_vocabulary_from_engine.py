"""Seed the editable vocabulary tables with the engine's shipped tables (their meanings included).

The rows are frozen here as engines/listings/data/*.csv held them when this migration was written
(2026-11-25), so a fresh database gets the same rows whatever the engine's tables say later: a
migration never imports app or engine code.
"""

from django.db import migrations

# (term, weight, meaning), as engines/listings/data/counterfeit_terms.csv held them when this was written
COUNTERFEIT_TERMS = [
    ('高仿', 0.7, '仿造正品的商品，售假最常用的自称'),
    ('超A', 0.7, '“A货”的最高档自称，即仿品'),
    ('A货', 0.65, '仿冒品的行话'),
    ('精仿', 0.7, '精细仿造的仿品'),
    ('仿品', 0.7, '直接自称仿造'),
    ('复刻', 0.55, '按正品复制的仿品（也用于品牌自己的复刻版，故略低）'),
    ('1:1', 0.6, '“与正品1比1”，仿品的宣传语'),
    ('1比1', 0.6, '“与正品1比1”，仿品的宣传语'),
    ('原单', 0.5, '自称工厂为品牌加工的原订单货，多为仿品'),
    ('尾单', 0.4, '自称品牌订单的剩余货，常用于掩饰仿品'),
    ('原厂', 0.25, '自称品牌原厂出货，真假难辨'),
    ('工厂直销', 0.25, '绕开品牌渠道的工厂货，授权存疑'),
    ('专柜品质', 0.5, '暗示非专柜正品但品质相同'),
    ('专柜同款', 0.35, '暗示非专柜正品'),
    ('莆田', 0.6, '莆田是仿制运动鞋的集散地，标题写明产地的多为仿鞋'),
    ('纯原', 0.6, '仿鞋圈“纯原版”的行话'),
    ('公司级', 0.55, '仿品档次行话'),
    ('顶级版本', 0.45, '仿品档次行话'),
    ('同款', 0.15, '与某品牌商品相同款式，常见但本身不违法'),
    ('平替', 0.1, '替代品，提及品牌作比较'),
]
# (cue, kind, position, window, factor, meaning, not_followed_by), from legitimate_contexts.csv
LEGITIMATE_CONTEXTS = [
    ('适用于', 'accessory', 'before', 6, 0.35, '配件或耗材写明适用的品牌型号（商标法第五十九条的说明性使用）', ''),
    ('适用', 'accessory', 'before', 6, 0.35, '配件或耗材写明适用的品牌型号', ''),
    ('兼容', 'accessory', 'before', 6, 0.35, '兼容某品牌的耗材或配件，品牌用于说明用途', ''),
    ('配件', 'accessory', 'after', 12, 0.5, '品牌后紧跟“配件”，多为配套零件', ''),
    ('专用', 'accessory', 'after', 4, 0.6, '“某品牌专用”，说明适配对象', ''),
    ('for', 'accessory', 'before', 2, 0.4, '英文标题“for + 品牌”，说明适配对象', ''),
    ('二手', 'secondhand', 'anywhere', 0, 0.45, '二手商品转售，商标权利用尽', ''),
    ('回收', 'secondhand', 'anywhere', 0, 0.4, '回收业务，品牌用于说明回收对象', ''),
    ('闲置', 'secondhand', 'anywhere', 0, 0.45, '个人闲置转让', ''),
    ('转让', 'secondhand', 'anywhere', 0, 0.6, '转让旧物', ''),
    ('路', 'address', 'after', 0, 0.15, '品牌名是路名的一部分（地址）', '由跑线面况灯'),
    ('街', 'address', 'after', 0, 0.15, '品牌名是街道名的一部分（地址）', '舞头拍球'),
    ('大道', 'address', 'after', 0, 0.15, '品牌名是道路名的一部分（地址）', ''),
    ('大厦', 'address', 'after', 0, 0.2, '品牌名是楼宇名的一部分（地址）', ''),
    ('广场', 'address', 'after', 0, 0.25, '品牌名是广场名的一部分（地址）', '舞'),
    ('小区', 'address', 'after', 0, 0.15, '品牌名是小区名的一部分（地址）', ''),
    ('花园', 'address', 'after', 0, 0.3, '品牌名是楼盘名的一部分（地址）', '宝'),
    ('村', 'address', 'after', 0, 0.2, '品牌名是村名的一部分（地址）', '衫'),
]


def seed(apps, schema_editor):
    Term = apps.get_model("ecommerce", "CounterfeitTerm")
    Context = apps.get_model("ecommerce", "LegitimateContext")
    for term, weight, meaning in COUNTERFEIT_TERMS:
        Term.objects.get_or_create(term=term, defaults={"weight": weight, "meaning": meaning})
    for cue, kind, position, window, factor, meaning, not_followed_by in LEGITIMATE_CONTEXTS:
        Context.objects.get_or_create(
            cue=cue, kind=kind, position=position,
            defaults={"window": window, "factor": factor, "meaning": meaning, "not_followed_by": not_followed_by},
        )


class Migration(migrations.Migration):
    dependencies = [("ecommerce", "0002_vocabulary_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
