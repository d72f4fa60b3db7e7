from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from core.inputs import InputGuardMixin


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


class GuardedForm(InputGuardMixin, forms.Form):
    """A form without Bootstrap classes of its own (a django-filter FilterSet's base form)."""


class OfficeForm(InputGuardMixin, BootstrapMixin, forms.Form):
    """Every form of the site: bounded input (`core.inputs`) and Bootstrap widgets."""


class LoginForm(InputGuardMixin, AuthenticationForm):
    """The site's sign-in: a megabyte of password is refused before it is hashed."""


class AdminLoginForm(InputGuardMixin, AdminAuthenticationForm):
    pass
