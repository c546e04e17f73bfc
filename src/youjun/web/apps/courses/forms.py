"""Forms of school-based courses (a school's officer's writes, the district catalogue's filters)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youjun.core import courses as rules
from youjun.web.apps.courses.models import Course, CourseGroup
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.workforce.models import Teacher


def _i() -> int:
    return 0 if lang_code() == "zh" else 1


def _grades(school: School | None = None) -> list[tuple[int, str]]:
    """The grades to choose from: the school's (by its type), or every grade of the rules."""
    lim = rules.limits(timezone.localdate())
    low, high = (rules.school_grades(school.school_type, lim) if school is not None
                 else (int(lim["grade_min"]), int(lim["grade_max"])))
    return [(g, str(g)) for g in range(low, high + 1)]


class GroupForm(forms.Form):
    name = forms.CharField(max_length=40, label=_("Name of the course group"))
    aim = forms.CharField(max_length=200, required=False, label=_("Aim"))


class AdoptForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = lang_code()
        self.fields["template"].choices = [(t["key"], t["zh"] if lang == "zh" else t["en"])
                                           for t in rules.templates(timezone.localdate())]


class TeachersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.staff_id}）"


class CourseForm(forms.Form):
    title = forms.CharField(max_length=60, label=_("Course title"))
    group = forms.ModelChoiceField(queryset=CourseGroup.objects.none(), required=False, label=_("Course group"),
                                   empty_label=_("(not in a course group)"))
    theme = forms.ChoiceField(label=_("Theme"))
    fixed_tags = forms.MultipleChoiceField(required=False, label=_("“114” paths"),
                                           widget=forms.CheckboxSelectMultiple)
    free_tags = forms.CharField(max_length=60, required=False, label=_("Other tags"),
                                help_text=_("At most 3, separated by commas."))
    grade_from = forms.TypedChoiceField(coerce=int, label=_("From grade"))
    grade_to = forms.TypedChoiceField(coerce=int, label=_("To grade"))
    hours = forms.DecimalField(max_digits=5, decimal_places=1, min_value=0, label=_("Hours"))
    hours_per = forms.ChoiceField(label=_("Hours counted"))
    kind = forms.ChoiceField(label=_("Kind"))
    terms = forms.ChoiceField(label=_("Terms offered"))
    teachers = TeachersChoice(queryset=Teacher.objects.none(), required=False,
                              label=pgettext_lazy("courses", "Teachers"), widget=forms.CheckboxSelectMultiple)
    venue = forms.CharField(max_length=80, required=False, label=pgettext_lazy("courses", "Venue"))
    materials = forms.CharField(max_length=200, required=False, label=_("Materials"))
    partners = forms.CharField(max_length=200, required=False, label=_("External partners"))
    active_from = forms.CharField(max_length=9, label=_("Offered from school year"),
                                  help_text=_("For example 2025-2026."))
    active_to = forms.CharField(max_length=9, required=False, label=_("Offered until school year"),
                                help_text=_("Leave empty while the course is offered."))

    def __init__(self, school: School, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today, i = timezone.localdate(), _i()
        self.fields["group"].queryset = CourseGroup.objects.filter(school=school).order_by("order", "id")
        self.fields["theme"].choices = [(t.key, t.shown("zh" if i == 0 else "en")) for t in rules.themes(today)]
        self.fields["fixed_tags"].choices = [(t.key, t.shown("zh" if i == 0 else "en"))
                                             for t in rules.fixed_tags(today)]
        grades = _grades(school)
        self.fields["grade_from"].choices = grades
        self.fields["grade_to"].choices = grades
        self.fields["hours_per"].choices = [(k, v[i]) for k, v in rules.HOURS_PER.items()]
        self.fields["kind"].choices = [(k, v[i]) for k, v in rules.KINDS.items()]
        self.fields["terms"].choices = [(k, v[i]) for k, v in rules.TERMS.items()]
        self.fields["teachers"].queryset = Teacher.objects.filter(school=school).order_by("staff_id")
        if not self.is_bound and "initial" not in kwargs:
            self.initial.update({"active_from": rules.school_year_of(today), "grade_from": grades[0][0],
                                 "grade_to": grades[-1][0],
                                 "hours_per": "term", "kind": "elective", "terms": "both"})

    @classmethod
    def initial_of(cls, course: Course) -> dict[str, Any]:
        tags = list(course.tag_rows.order_by("position").values_list("tag", flat=True))
        return {"title": course.title, "group": course.group_id, "theme": course.theme,
                "fixed_tags": [t for t in tags if rules.is_fixed(t)],
                "free_tags": "，".join(t for t in tags if not rules.is_fixed(t)),
                "grade_from": course.grade_from, "grade_to": course.grade_to, "hours": course.hours,
                "hours_per": course.hours_per, "kind": course.kind, "terms": course.terms,
                "teachers": list(course.teachers.values_list("pk", flat=True)), "venue": course.venue,
                "materials": course.materials, "partners": course.partners, "active_from": course.active_from,
                "active_to": course.active_to}


class FileForm(forms.Form):
    file = forms.FileField(label=_("Resource file (photo or PDF)"))


class FilterForm(forms.Form):
    theme = forms.ChoiceField(required=False, label=_("Theme"))
    tag = forms.ChoiceField(required=False, label=_("Tag"))
    grade = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label=_("Grade"))
    school = forms.ChoiceField(required=False, label=_("School"))
    kind = forms.ChoiceField(required=False, label=_("Kind"))
    year = forms.ChoiceField(required=False, label=_("School year"))
    q = forms.CharField(max_length=40, required=False, label=_("Title contains"))

    def __init__(self, district: District, tags: list[tuple[str, str]], years: list[str], *args: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today, i = timezone.localdate(), _i()
        every = ("", _("(all)"))
        self.fields["theme"].choices = [every, *((t.key, t.shown("zh" if i == 0 else "en"))
                                                 for t in rules.themes(today))]
        self.fields["tag"].choices = [every, *tags]
        self.fields["grade"].choices = [every, *_grades()]
        self.fields["school"].choices = [every, *School.objects.filter(district=district).order_by("code")
                                         .values_list("code", "name")]
        self.fields["kind"].choices = [every, *((k, v[i]) for k, v in rules.KINDS.items())]
        self.fields["year"].choices = [("", _("(every year)")), *((y, y) for y in years)]
