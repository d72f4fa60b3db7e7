"""The view side of the one permission door: every list and detail view of a piece of work is
built on these, so nobody reaches an object by URL that the permission layer would hide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import DetailView

from units import ownership, permissions
from units.selectors import history_of


class VisibleListMixin(LoginRequiredMixin):
    """A list that shows only what the permission layer lets the user see."""

    def get_queryset(self):
        return permissions.visible(super().get_queryset(), self.request.user)


@dataclass
class Action:
    """One POST action on an object's page: who may take it, the form it takes, the service
    it calls. Bad input re-renders the page with the typed text and the errors."""

    label: str
    allowed: Callable[[object, object], bool]
    perform: Callable[[object, object, object], None]
    form_class: type | None = None
    form_kwargs: Callable[[object], dict] | None = None
    initial: Callable[[object], dict] | None = None
    success: str = ""
    #: the expected next step: drawn first, as the one solid button
    primary: bool = False
    #: undoes or refuses work (cancel, return, revoke): drawn last, in red outline, and the
    #: browser asks `confirm` (static/js/forms.js) before it is sent
    destructive: bool = False
    confirm: str = ""


def _action_order(action: Action) -> int:
    return 0 if action.primary else 2 if action.destructive else 1


class ActionDetailView(LoginRequiredMixin, DetailView):
    actions: dict[str, Action] = {}
    list_url_name: str = "home"

    def get_object(self, queryset=None):
        return permissions.get_visible_or_404(
            self.get_queryset(), self.request.user, pk=self.kwargs["pk"]
        )

    def _form(self, name: str, action: Action, data=None, files=None):
        if action.form_class is None:
            return None
        kwargs = action.form_kwargs(self.object) if action.form_kwargs else {}
        if action.initial:
            kwargs["initial"] = action.initial(self.object)
        return action.form_class(data, files, prefix=name, user=self.request.user, **kwargs)

    def get_context_data(self, **kwargs):
        """Besides the actions, every object's page shows its history and its assignments."""
        context = super().get_context_data(**kwargs)
        context["history"] = history_of(self.object)[:50]
        context["ownership_changes"] = ownership.ownership_changes(self.object)
        bound = kwargs.get("bound_forms", {})
        user = self.request.user
        allowed = [
            (name, action)
            for name, action in self.actions.items()
            if action.allowed(user, self.object)
        ]
        context["actions"] = {
            name: {
                "label": action.label,
                "form": bound.get(name) or self._form(name, action),
                "primary": action.primary,
                "destructive": action.destructive,
                "confirm": action.confirm,
            }
            for name, action in sorted(allowed, key=lambda item: _action_order(item[1]))
        }
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        name = request.POST.get("action", "")
        action = self.actions.get(name)
        if action is None or not action.allowed(request.user, self.object):
            raise PermissionDenied
        form = self._form(name, action, request.POST, request.FILES)
        if form is None or form.is_valid():
            try:
                action.perform(request.user, self.object, form)
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return HttpResponseRedirect(request.path)
                attach_errors(form, error)
            else:
                if action.success:
                    messages.success(request, action.success)
                return self._after_change()
        context = self.get_context_data(object=self.object, bound_forms={name: form})
        return self.render_to_response(context)

    def _after_change(self):
        """The change may have taken the object out of the user's sight (moved to another
        unit): re-check through the same door and go back to the list if so."""
        fresh = self.model._default_manager.get(pk=self.object.pk)
        if permissions.can_see(self.request.user, fresh):
            return HttpResponseRedirect(self.request.path)
        return HttpResponseRedirect(reverse(self.list_url_name))


def submit_form(request, form, perform: Callable[[dict], object], success: str):
    """A create page's POST: a valid form goes to the service; the service's ValidationError
    goes back onto the form, so the page shows it beside what the user typed. Returns what the
    service returned, or None when the page is to be shown (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = perform(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return None
    messages.success(request, success)
    return result


def attach_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form it came from, field by field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
