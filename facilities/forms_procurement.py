"""Input of the procurement pages (`facilities.views_procurement`)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from core.uploads import validate_upload
from facilities.forms import DATE_WIDGET
from facilities.models import AssetCategory, FundingSource, Quote, ReceiveInto
from facilities.services.procurement import LineInput

# Procurement --------------------------------------------------------------------------------


class ProcurementForm(OfficeForm):
    """The lines are typed one a row: `tên hàng; số lượng; đơn giá dự kiến; đơn vị tính`."""

    title = forms.CharField(label=_("Nội dung mua sắm"), max_length=300)
    receive_into = forms.ChoiceField(label=_("Nhập vào"), choices=())
    reason = forms.CharField(
        label=_("Lý do, sự cần thiết"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    lines = forms.CharField(
        label=_("Hàng hóa (mỗi dòng: tên; số lượng; đơn giá dự kiến; đơn vị tính)"),
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "Giấy A4; 20; 65000; ram"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receive_into"].choices = ReceiveInto.choices

    def clean_lines(self):
        parsed = []
        for number, row in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not row.strip():
                continue
            parts = [part.strip() for part in row.split(";")]
            if len(parts) < 3:
                raise forms.ValidationError(
                    _("Dòng %(n)s: cần ghi tên; số lượng; đơn giá dự kiến.") % {"n": number}
                )
            try:
                quantity = int(parts[1])
                price = Decimal(parts[2].replace(".", "").replace(",", ""))
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("Dòng %(n)s: số lượng và đơn giá phải là số.") % {"n": number}
                ) from None
            if not price.is_finite() or abs(price) >= Decimal("1e15") or abs(quantity) > 10**6:
                raise forms.ValidationError(_("Dòng %(n)s: số quá lớn.") % {"n": number})
            unit = parts[3][:30] if len(parts) > 3 and parts[3] else "cái"
            parsed.append(
                LineInput(item=parts[0][:200], quantity=quantity, estimated_price=price, unit=unit)
            )
        return parsed


class QuoteForm(OfficeForm):
    supplier = forms.CharField(label=_("Nhà cung cấp"), max_length=200)
    amount = forms.DecimalField(label=_("Giá chào (đồng)"), max_digits=15, decimal_places=0)
    file = forms.FileField(label=_("Tệp báo giá (PDF, ảnh)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload)
        return upload


class ChooseQuoteForm(OfficeForm):
    quote = forms.ModelChoiceField(label=_("Báo giá"), queryset=None)

    def __init__(self, *args, procurement=None, **kwargs):
        super().__init__(*args, **kwargs)
        rows = Quote.objects.none() if procurement is None else procurement.quotes.all()
        self.fields["quote"].queryset = rows


class PurchaseForm(OfficeForm):
    purchased_on = forms.DateField(label=_("Ngày mua"), widget=DATE_WIDGET)
    invoice_no = forms.CharField(label=_("Số hóa đơn"), max_length=50)
    amount = forms.DecimalField(label=_("Số tiền (đồng)"), max_digits=15, decimal_places=0)
    budget_line = forms.CharField(label=_("Dòng dự toán cam kết chi"), max_length=200)


class ReceiveAssetsForm(OfficeForm):
    category = forms.ModelChoiceField(label=_("Loại tài sản"), queryset=AssetCategory.objects.all())
    funding = forms.ModelChoiceField(
        label=_("Nguồn kinh phí"), queryset=FundingSource.objects.all()
    )
    location = forms.CharField(label=_("Vị trí"), max_length=200)


class IssueForm(OfficeForm):
    quantity = forms.IntegerField(label=_("Số lượng"), max_value=10**6)
    issued_to = forms.ModelChoiceField(
        label=_("Người nhận"),
        queryset=get_user_model().objects.filter(is_active=True, staff__is_active=True),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_to"].label_from_instance = lambda user: user.get_full_name()
