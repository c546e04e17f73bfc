"""Log-in (with lockout), log-out, home, history, API tokens, error pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from youjun.web.apps.platform import scoping, selectors, services
from youjun.web.apps.platform.audit import client_ip
from youjun.web.apps.platform.models import ApiToken


class LoginForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    error = ""
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        if services.is_locked(username):
            error = _("This account is locked after repeated failed log-ins. Try again later "
                      "or ask your administrator to unlock it.")
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                locked = services.login_failed(username, ip)
                error = (_("This account is locked after repeated failed log-ins. Try again later "
                           "or ask your administrator to unlock it.") if locked
                         else _("Wrong user name or password."))
            else:
                login(request, user)
                services.login_succeeded(user, ip)
                if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                    next_url = ""
                return HttpResponseRedirect(next_url or reverse("platform:home"))
    status = 200 if not error else 401
    return render(request, "platform/login.html", {"form": form, "error": error, "next": next_url}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("platform:login")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    target = selectors.home_target(scope)
    if target is not None:
        kind, code = target
        names = {"district": "schools:district", "province": "assessment:province", "school": "schools:school"}
        return redirect(names[kind], code=code)
    return render(request, "platform/home.html", {
        "provinces": scoping.provinces(scope).prefetch_related("districts"),
        "districts": scoping.districts(scope),
        "own_schools": scoping.schools(scope).filter(id__in=scope.own_schools),
    })


@login_required
def history(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request.user)
    events = selectors.audit_events(scope)
    district = request.GET.get("district")
    if district:
        events = events.filter(district__code=district)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "platform/history.html", {"page": page, "district": district or ""})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    new_key = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            token = ApiToken.objects.filter(user=request.user, pk=request.POST.get("revoke")).first()
            if token is not None:
                services.revoke_token(request.user, token)
                messages.success(request, _("Token revoked."))
            return redirect("platform:account")
        _token, new_key = services.create_token(request.user, request.POST.get("name", "api"))
    return render(request, "platform/account.html", {
        "memberships": selectors.memberships(request.user),
        "tokens": selectors.tokens(request.user),
        "new_key": new_key,
    })


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "platform/error.html", {"status": 404, "title": _("Not found"),
                                                   "text": _("There is no such page, or it is not yours to see.")},
                  status=404)


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "platform/error.html", {"status": 403, "title": _("Not allowed"),
                                                   "text": _("Your role may read this but not change it.")},
                  status=403)
