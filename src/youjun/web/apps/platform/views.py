"""Log-in (throttled), log-out, password change and reset, home, history, API tokens, error pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youjun.web.apps.platform import extensions, scoping, selectors, services
from youjun.web.apps.platform.audit import client_ip
from youjun.web.apps.platform.models import ApiToken
from youjun.web.errors import web_problem


class LoginForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)


def _problem_text(problem: dict[str, Any]) -> str:
    """A catalogued problem as one line in the page's language: code, message, what to do."""
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    return f"{problem['code']} {problem['message'][lang]} {problem['hint'][lang]}"


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    error = ""
    status, retry_after = 200, 0
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        gate = services.begin_login(username, ip)  # counts this attempt, atomically, or refuses it
        if not gate.allowed:
            status, retry_after = (401 if gate.code == "E805" else 429), gate.retry_after
            wait = -(-retry_after // 60) if gate.code == "E805" else retry_after  # E805 says minutes
            error = _problem_text(web_problem(gate.code, value=wait))
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                locked = services.login_failed(username, ip)
                minutes = -(-settings.YOUJUN_LOCKOUT_PERIOD // 60)
                status, error = 401, (_problem_text(web_problem("E805", value=minutes)) if locked
                                      else _("Wrong user name or password."))
            else:
                login(request, user)
                services.login_succeeded(user, ip, username)
                if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                    next_url = ""
                return HttpResponseRedirect(next_url or reverse("platform:home"))
    response = render(request, "platform/login.html", {"form": form, "error": error, "next": next_url},
                      status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=gettext_lazy("Current password"), widget=forms.PasswordInput,
                                   strip=False)
    new_password1 = forms.CharField(label=gettext_lazy("New password"), widget=forms.PasswordInput, strip=False)
    new_password2 = forms.CharField(label=gettext_lazy("New password again"), widget=forms.PasswordInput,
                                    strip=False)


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    problem = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_password(request.user, data["old_password"], data["new_password1"],
                                     data["new_password2"], client_ip(request))
        except services.PasswordRefused as exc:
            problem = exc.problem
        else:
            update_session_auth_hash(request, request.user)  # stay logged in with the new hash
            messages.success(request, _("Your password has been changed."))
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = ""
            return HttpResponseRedirect(next_url or reverse("platform:home"))
    status = 400 if request.method == "POST" else 200
    return render(request, "platform/password_change.html", {
        "form": form, "problem": problem, "next": next_url,
        "forced": getattr(request.user, "must_change_password", False),
        "policy": password_validators_help_texts(),
    }, status=status)


def _user_admin_scope(request: HttpRequest) -> scoping.Scope:
    scope = scoping.scope_of(request.user)
    if not selectors.may_reset_passwords(scope):
        raise PermissionDenied("administer users")
    return scope


def _users_page(request: HttpRequest, scope: scoping.Scope, status: int = 200, **extra: Any) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:64]
    listed = selectors.manageable_users(scope)
    if q:
        listed = listed.filter(username__icontains=q) | listed.filter(full_name__icontains=q)
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(request, "platform/users.html", {
        "page": page, "users": page.object_list, "q": q, "grant": selectors.grant_places(scope),
        "policy": password_validators_help_texts(), "form": {}, **extra,
    }, status=status)


@login_required
def users(request: HttpRequest) -> HttpResponse:
    """The users this administrator manages: list, search, and a form to create one."""
    scope = _user_admin_scope(request)
    if request.method == "POST":
        post = request.POST
        role = post.get("role", "")
        try:
            user = services.admin_create_user(
                request.user, selectors.admin_districts_of(scope), username=post.get("username", ""),
                password=post.get("password", ""), full_name=post.get("full_name", ""), role=role,
                **selectors.place_of(role, post.get("place", "")))
        except (services.UserAdminRefused, services.PasswordRefused) as exc:
            form = {k: post.get(k, "") for k in ("username", "full_name", "role", "place")}
            return _users_page(request, scope, 400, problem=exc.problem, form=form)
        messages.success(request, _("User %(name)s created; they must change the password at the first log-in.")
                         % {"name": user.username})
        return redirect("platform:users")
    return _users_page(request, scope)


@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    """One managed user: give a role and place, disable or enable (404 outside the remit)."""
    scope = _user_admin_scope(request)
    target = selectors.manageable_users(scope).filter(pk=user_id).first()
    if target is None:
        raise Http404("user")
    problem = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "role":
                role = request.POST.get("role", "")
                services.set_role(request.user, selectors.admin_districts_of(scope), target, role,
                                  **selectors.place_of(role, request.POST.get("place", "")))
                messages.success(request, _("Role changed."))
            elif action in ("disable", "enable"):
                services.set_active(request.user, target, action == "enable", client_ip(request))
                messages.success(request, _("Account disabled.") if action == "disable" else _("Account enabled."))
            else:  # no known action: nothing changes
                return _user_detail_page(request, scope, target, None, 400)
        except services.UserAdminRefused as exc:
            problem = exc.problem
        else:
            return redirect("platform:user_detail", user_id=target.pk)
    return _user_detail_page(request, scope, target, problem, 400 if problem else 200)


def _user_detail_page(request: HttpRequest, scope: scoping.Scope, target: Any, problem: dict[str, Any] | None,
                      status: int) -> HttpResponse:
    memberships = list(selectors.memberships(target))
    first = memberships[0] if memberships else None
    place = "" if first is None else (first.school or first.district or first.province)
    return render(request, "platform/user_detail.html", {
        "target": target, "memberships": memberships, "grant": selectors.grant_places(scope), "problem": problem,
        "current": {"role": first.role if first else "", "place": getattr(place, "code", "")},
    }, status=status)


@require_POST
@login_required
def password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """An administrator's reset: a temporary password shown once, a change forced at next log-in."""
    scope = _user_admin_scope(request)
    target = selectors.resettable_users(scope).filter(pk=user_id).first()
    if target is None:  # outside the administrator's remit: not found, as everywhere
        raise Http404("user")
    temporary = services.reset_password(request.user, target, client_ip(request))
    return _users_page(request, scope, reset_user=target, temporary=temporary)


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
    if not (scope.everything or scope.sees_districts or scope.own_schools):
        elsewhere = extensions.home_redirect(request)  # e.g. a resident: their consultation page
        if elsewhere:
            return redirect(elsewhere)
    return render(request, "platform/home.html", {
        "provinces": scoping.provinces(scope).prefetch_related("districts"),
        "districts": scoping.districts(scope),
        "own_schools": scoping.schools(scope).filter(id__in=scope.own_schools),
    })


@login_required
def history(request: HttpRequest) -> HttpResponse:
    from youjun.web.apps.platform import history as h

    scope = scoping.scope_of(request.user)
    visible = selectors.audit_events(scope)
    f = h.filters_from(request.GET)
    page = Paginator(h.apply(visible, f), 50).get_page(request.GET.get("page"))
    lang = "en" if (get_language() or "zh").startswith("en") else "zh"
    return render(request, "platform/history.html", {
        "page": page, "rows": h.rows(page.object_list, lang), "f": f, "query": f.query(),
        "actions": h.action_choices(f.kind, lang, visible, f.action), "actors": h.actors(visible)})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    new_key = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            token_id = _int_or_404(request.POST.get("revoke"))
            token = ApiToken.objects.filter(user=request.user, pk=token_id).first()
            if token is None:
                raise Http404("token")
            services.revoke_token(request.user, token)
            messages.success(request, _("Token revoked."))
            return redirect("platform:account")
        _token, new_key = services.create_token(request.user, request.POST.get("name", "api"))
    return render(request, "platform/account.html", {
        "memberships": selectors.memberships(request.user),
        "other_roles": extensions.account_roles(request),
        "tokens": selectors.tokens(request.user),
        "new_key": new_key,
    })


def _int_or_404(value: str | None) -> int:
    """An id from a form or query: a positive integer in the database's range, else not found."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) < 2**63:
        raise Http404("id")
    return int(text)


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "platform/error.html", {"status": 404, "title": _("Not found"),
                                                   "text": _("There is no such page, or it is not yours to see.")},
                  status=404)


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "platform/error.html", {"status": 403, "title": _("Not allowed"),
                                                   "text": _("Your role may read this but not change it.")},
                  status=403)
