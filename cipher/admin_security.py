"""CY's admin pages of the certificate store: signing certificates (loaded from a PKCS#12 with
its passphrase), trust anchors, the signatures recorded, the second factor's log. Only CY
(and superusers) see them. django-otp's own device admins are removed: device keys never show,
and CY resets devices on its page (`cipher:device_reset`)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cipher import services_signing
from cipher.otp_models import SecondFactorEvent
from cipher.permissions_security import may_keep_certificates
from cipher.signing_models import DocumentSignature, SigningCertificate, TrustAnchor
from core.inputs import InputGuardMixin

for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class KeeperOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return may_keep_certificates(request.user)

    def has_view_permission(self, request, obj=None):
        return may_keep_certificates(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CertificateLoadAdminForm(InputGuardMixin, forms.ModelForm):
    pkcs12 = forms.FileField(label=_("Tệp PKCS#12 (.p12, .pfx)"))
    passphrase = forms.CharField(
        label=_("Mật khẩu của tệp"), max_length=200, required=False, widget=forms.PasswordInput
    )

    class Meta:
        model = SigningCertificate
        fields = ["name", "holder"]


class TrustAnchorLoadAdminForm(InputGuardMixin, forms.ModelForm):
    certificate = forms.FileField(label=_("Tệp chứng thư (.cer, .crt, .pem)"))

    class Meta:
        model = TrustAnchor
        fields = ["name"]


class _LoadingAdmin(KeeperOnlyAdmin):
    """The add page calls the service; its ValidationError goes back onto the form."""

    actions = ["retire"]

    def has_add_permission(self, request):
        return may_keep_certificates(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return list(self.add_form.base_fields)
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def save_form(self, request, form, change):
        # The service already wrote the row (in the form's clean, so its refusal is shown).
        return form.loaded

    def save_model(self, request, obj, form, change):
        return None

    def save_related(self, request, form, formsets, change):
        return None


class SigningCertificateAdmin(_LoadingAdmin):
    add_form = CertificateLoadAdminForm
    list_display = ["name", "holder", "subject", "not_after", "is_active"]
    list_filter = ["is_active"]
    readonly_fields = [
        "name",
        "holder",
        "subject",
        "issuer",
        "serial",
        "fingerprint",
        "not_before",
        "not_after",
        "is_active",
        "loaded_by",
        "created_at",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if obj is not None:
            return form_class

        class Loading(form_class):
            def clean(inner):
                data = super(Loading, inner).clean()
                upload = data.get("pkcs12")
                if upload is None or inner.errors:
                    return data
                try:
                    inner.loaded = services_signing.certificate_load(
                        actor=request.user,
                        name=data.get("name", ""),
                        pkcs12_data=upload.read(),
                        passphrase=data.get("passphrase") or "",
                        holder=data.get("holder"),
                    )
                except ValidationError as error:
                    raise forms.ValidationError(error.messages) from error
                return data

        return Loading

    @admin.action(description=_("Ngừng dùng chứng thư đã chọn"))
    def retire(self, request, queryset):
        for certificate in queryset:
            services_signing.certificate_retire(actor=request.user, certificate=certificate)
        messages.success(request, _("Đã ngừng dùng."))


class TrustAnchorAdmin(_LoadingAdmin):
    add_form = TrustAnchorLoadAdminForm
    list_display = ["name", "subject", "not_after", "is_active"]
    list_filter = ["is_active"]
    readonly_fields = ["name", "subject", "fingerprint", "not_after", "is_active", "loaded_by"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if obj is not None:
            return form_class

        class Loading(form_class):
            def clean(inner):
                data = super(Loading, inner).clean()
                upload = data.get("certificate")
                if upload is None or inner.errors:
                    return data
                try:
                    inner.loaded = services_signing.trust_anchor_load(
                        actor=request.user, name=data.get("name", ""), data=upload.read()
                    )
                except ValidationError as error:
                    raise forms.ValidationError(error.messages) from error
                return data

        return Loading

    @admin.action(description=_("Thôi tin cậy chứng thư đã chọn"))
    def retire(self, request, queryset):
        for anchor in queryset:
            services_signing.trust_anchor_retire(actor=request.user, anchor=anchor)
        messages.success(request, _("Đã thôi tin cậy."))


class DocumentSignatureAdmin(KeeperOnlyAdmin):
    list_display = ["signer", "direction", "verdict", "signed_at", "file_name"]
    list_filter = ["direction", "verdict"]
    list_select_related = ["certificate"]


class SecondFactorEventAdmin(KeeperOnlyAdmin):
    list_display = ["created_at", "user", "kind", "done_by", "address"]
    list_filter = ["kind"]
    list_select_related = ["user", "done_by"]
    search_fields = ["user__username", "user__last_name"]


admin.site.register(SigningCertificate, SigningCertificateAdmin)
admin.site.register(TrustAnchor, TrustAnchorAdmin)
admin.site.register(DocumentSignature, DocumentSignatureAdmin)
admin.site.register(SecondFactorEvent, SecondFactorEventAdmin)
