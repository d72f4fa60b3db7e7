from collections.abc import Callable

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.forms.forms import DeclarativeFieldsMetaclass

from core.inputs import InputGuardMixin

#: Functions `(form, user)` run on every `OfficeForm` once its own `__init__` has set its choice
#: querysets: the permission layer registers the one that narrows work, people and units to
#: what the user may pick (`units.forms.restrict_choices`), without `core` importing it.
CHOICE_RESTRICTORS: list[Callable] = []


def register_choice_restrictor(restrictor: Callable) -> Callable:
    if restrictor not in CHOICE_RESTRICTORS:
        CHOICE_RESTRICTORS.append(restrictor)
    return restrictor


class BootstrapMixin:
    """Give every widget its Bootstrap class: templates render fields without per-field markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class _RestrictedFormMetaclass(DeclarativeFieldsMetaclass):
    """Every form is built for a user (`user=` keyword, required): after the subclass's own
    `__init__` set its querysets, the registered restrictors narrow them, so no form can offer
    a choice the user may not see by forgetting to narrow it."""

    def __call__(cls, *args, user, **kwargs):
        form = super().__call__(*args, **kwargs)
        form.user = user
        for restrictor in CHOICE_RESTRICTORS:
            restrictor(form, user)
        return form


class GuardedForm(InputGuardMixin, forms.Form):
    """A form without Bootstrap classes of its own (a django-filter FilterSet's base form)."""


class OfficeForm(InputGuardMixin, BootstrapMixin, forms.Form, metaclass=_RestrictedFormMetaclass):
    """Every form of the site: bounded input (`core.inputs`), Bootstrap widgets, and choices
    narrowed to what the user may pick."""


class LoginForm(InputGuardMixin, AuthenticationForm):
    """The site's sign-in: a megabyte of password is refused before it is hashed."""


class AdminLoginForm(InputGuardMixin, AdminAuthenticationForm):
    pass
