"""The federation's own supplementary questions on the participant form and in the import:
a field per question, the rule of when it is asked, and the answers kept on the participant
(``Participant.supplementary_answers``, {"question_<pk>": answer}). The form and the import's
rows use these same functions, so they accept and refuse the same answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SupplementaryQuestion

YES_NO = [("ja", _("Yes")), ("nej", _("No"))]


def question_field(question):
    """The form field answering ``question``, as its answer kind asks."""
    common = {"label": question.text, "required": False}
    if question.answer_kind == SupplementaryQuestion.AnswerKind.NUMBER:
        return forms.IntegerField(min_value=0, max_value=100_000, **common)
    if question.answer_kind == SupplementaryQuestion.AnswerKind.YES_NO:
        return forms.ChoiceField(choices=[("", "—"), *YES_NO], **common)
    return forms.ChoiceField(choices=[("", "—"), *((option, option) for option in question.option_list)], **common)


def answers_of(participant, questions):
    """The participant's answers, as the form's initial values."""
    answers = participant.supplementary_answers or {}
    return {
        question.field_name: answers[question.field_name] for question in questions if question.field_name in answers
    }


def answer_errors(questions, cleaned_data, enrolled_on, ended_on):
    """{field: message} for the answers given to a question not asked of this participant:
    one asked at the end of a participant not ended, or outside the question's period."""
    errors = {}
    for question in questions:
        if cleaned_data.get(question.field_name) in (None, ""):
            continue
        asked_at_end = question.asked_at == SupplementaryQuestion.Moment.END
        day = ended_on if asked_at_end else enrolled_on
        if day is None:
            if asked_at_end:
                errors[question.field_name] = _("This question is answered at the end: give the end date first.")
            continue
        if day < question.asked_from or (question.asked_until and day > question.asked_until):
            errors[question.field_name] = _("This question is asked of those %(when)s from %(first)s to %(last)s.") % {
                "when": _("ending") if asked_at_end else _("enrolling"),
                "first": question.asked_from.isoformat(),
                "last": question.asked_until.isoformat() if question.asked_until else "…",
            }
    return errors


def apply_answers(participant, questions, cleaned_data):
    """Put the cleaned answers on the participant; a question the data leave out (an
    import's file without its column) keeps its answer, an emptied one loses it."""
    answers = dict(participant.supplementary_answers or {})
    for question in questions:
        if question.field_name not in cleaned_data:
            continue
        value = cleaned_data[question.field_name]
        if value in (None, ""):
            answers.pop(question.field_name, None)
        else:
            answers[question.field_name] = value
    participant.supplementary_answers = answers
