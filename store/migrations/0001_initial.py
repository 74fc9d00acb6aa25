"""StoreSettings moved from the project package (`vantor`) to the `store` app.

A database that has the old `vantor_storesettings` table keeps its rows: the table is renamed and
its content type (and so its permissions) follows. A new database simply gets the table.
"""

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models

OLD_TABLE = "vantor_storesettings"


def adopt_or_create(apps, schema_editor):
    model = apps.get_model("store", "StoreSettings")
    tables = schema_editor.connection.introspection.table_names()
    if OLD_TABLE in tables:
        schema_editor.alter_db_table(model, OLD_TABLE, model._meta.db_table)
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label="store", model="storesettings").exists():
            ContentType.objects.filter(app_label="vantor", model="storesettings").update(
                app_label="store"
            )
    elif model._meta.db_table not in tables:
        schema_editor.create_model(model)


def give_back(apps, schema_editor):
    model = apps.get_model("store", "StoreSettings")
    schema_editor.delete_model(model)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StoreSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('store_name', models.CharField(default='Vantor', max_length=100)),
                        ('contact_email', models.EmailField(default='hello@vantor.example', max_length=254)),
                        ('currency_code', models.CharField(default='NPR', help_text='ISO 4217 code, e.g. NPR, USD, EUR.', max_length=3)),
                        ('currency_symbol', models.CharField(default='Rs.', max_length=8)),
                        ('flat_shipping_cost', models.DecimalField(decimal_places=2, default=Decimal('150.00'), max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                        ('free_shipping_threshold', models.DecimalField(decimal_places=2, default=Decimal('5000.00'), help_text='Orders with a subtotal at or above this ship free. 0 means never free.', max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                        ('tax_rate', models.DecimalField(decimal_places=2, default=Decimal('13.00'), max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='tax rate (%)')),
                        ('low_stock_threshold', models.PositiveIntegerField(default=5, help_text='Products with this many units or fewer count as low in stock.')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'store settings',
                    },
                ),
            ],
        ),
        migrations.RunPython(adopt_or_create, give_back),
    ]
