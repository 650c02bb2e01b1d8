"""The demo's generated participants: dates, support, follow-up and survey answers drawn
from the seeded generator the intervention loader passes in, so every run makes the same rows
(see ``demo/interventions.py`` for the published figures they reproduce)."""

import zlib
from datetime import date, timedelta
from decimal import Decimal

from demo.federations import upsert
from interventions.models import (
    FOLLOW_UP_MONTHS,
    EndReason,
    FollowUp,
    Gender,
    Indicator,
    Intervention,
    NationalAverage,
    Participant,
    ParticipantSupport,
    Registration,
    RespondentGroup,
    Support,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResult,
    follow_up_due,
)

WORK, STUDIES, REHAB, ILLNESS, OTHER = (
    EndReason.WORK,
    EndReason.STUDIES,
    EndReason.WORK_REHABILITATION,
    EndReason.ILLNESS,
    EndReason.OTHER,
)


def reasons_of(cohort, end_classes):
    """(reason, end class or None, gender) for every ending of the cohort in 2024."""
    endings = []
    for reason, (women, men) in cohort.endings.items():
        endings += [(reason, None, Gender.WOMAN)] * women + [(reason, None, Gender.MAN)] * men
    for name, (women, men) in cohort.end_classes.items():
        end_class = end_classes[name]
        endings += [(end_class.standard_reason, end_class, Gender.WOMAN)] * women
        endings += [(end_class.standard_reason, end_class, Gender.MAN)] * men
    return endings


def generate_cohort(intervention, spec, slug, cohort, places, referrers, end_classes, rng):
    """The participants of one federation's residents in one intervention, such that
    2024 has exactly the cohort's women, men, new and endings."""
    genders = [Gender.WOMAN] * cohort.women + [Gender.MAN] * cohort.men
    endings = reasons_of(cohort, end_classes)
    ending_by_gender = {
        Gender.WOMAN: [e for e in endings if e[2] == Gender.WOMAN],
        Gender.MAN: [e for e in endings if e[2] == Gender.MAN],
    }
    people = []
    for gender in genders:
        ending = ending_by_gender[gender].pop() if ending_by_gender[gender] else None
        people.append((gender, ending))
    # The new ones are spread over both those who end and those who stay.
    new_flags = [True] * cohort.new + [False] * (len(people) - cohort.new)
    rng.shuffle(new_flags)
    earliest = max(spec.starts_on, date(2022, 1, 1))
    participants = []
    for number, ((gender, ending), is_new) in enumerate(zip(people, new_flags), start=1):
        if is_new:
            enrolled_on = date(2024, 1, 2) + timedelta(days=rng.randrange(0, 150 if ending else 330))
        else:
            span = (date(2023, 12, 31) - earliest).days
            enrolled_on = earliest + timedelta(days=rng.randrange(0, span))
        participant = make_participant(
            intervention,
            spec,
            f"{spec.code}-{slug[:2].upper()}-{number:03d}",
            gender,
            enrolled_on,
            places,
            referrers,
            rng,
        )
        if ending:
            reason, end_class, _ = ending
            start = max(enrolled_on + timedelta(days=30), date(2024, 1, 15))
            participant.ended_on = start + timedelta(days=rng.randrange(0, (date(2024, 12, 20) - start).days))
            end(participant, reason, end_class, rng)
        elif rng.random() < 0.45:
            reason = rng.choice([WORK, STUDIES, REHAB, ILLNESS, OTHER]) if not end_classes else None
            end_class = rng.choice(list(end_classes.values())) if end_classes else None
            participant.ended_on = date(2025, 1, 10) + timedelta(days=rng.randrange(0, 300))
            end(participant, reason or end_class.standard_reason, end_class, rng)
        participants.append(participant)
    # Some newcomers in 2025 and 2026, so that the current years are not empty.
    for number in range(len(participants) + 1, len(participants) + 1 + len(participants) // 4):
        enrolled_on = date(2025, 1, 7) + timedelta(days=rng.randrange(0, 600))
        gender = rng.choice([Gender.WOMAN, Gender.MAN])
        participants.append(
            make_participant(
                intervention,
                spec,
                f"{spec.code}-{slug[:2].upper()}-{number:03d}",
                gender,
                enrolled_on,
                places,
                referrers,
                rng,
            )
        )
    return participants


def make_participant(intervention, spec, code, gender, enrolled_on, places, referrers, rng):
    youngest, oldest = spec.age
    age = (
        rng.randint(youngest, min(oldest, 64))
        if rng.random() < 0.5
        else rng.randint(youngest, min(youngest + 13, oldest))
    )
    municipalities, weights = zip(*places)
    return Participant(
        intervention=intervention,
        code=code,
        # About one in ten registered anonymously, as in SUS (no consent, or a protected
        # identity), chosen by the code so that the demo's random draws stay as they were.
        registration=Registration.ANONYMOUS if zlib.crc32(code.encode()) % 10 == 0 else Registration.CONSENT,
        gender=gender,
        birth_year=enrolled_on.year - age,
        municipality=rng.choices(municipalities, weights)[0],
        referred_by=rng.choice(referrers),
        enrolled_on=enrolled_on,
        years_in_support=rng.randint(0, 20),
        education=rng.choice(list(Participant.Education.values)),
        had_work_placement=rng.random() < 0.4,
        health_start=rng.randint(20, 70),
        quality_of_life_start=rng.randint(2, 7),
    )


def end(participant, reason, end_class, rng):
    participant.end_reason = reason
    participant.end_class = end_class
    to_work_or_studies = reason in EndReason.to_work_or_studies()
    participant.able_to_work_at_end = (
        True if to_work_or_studies else (None if reason == OTHER else reason == REHAB and rng.random() < 0.5)
    )
    participant.health_end = max(0, min(100, participant.health_start + rng.randint(-20, 20)))
    participant.quality_of_life_end = max(0, min(10, participant.quality_of_life_start + rng.randint(-2, 1)))


# Where the ended are 6 and 12 months on, by how they ended: most who went to work or
# studies are still there; of the others some have found work, most are still supported.
FOLLOW_UP_BY_REASON = {
    WORK: [FollowUp.WORK] * 4 + [FollowUp.PUBLIC_SUPPORT],
    STUDIES: [FollowUp.STUDIES] * 3 + [FollowUp.WORK, FollowUp.PUBLIC_SUPPORT],
}
FOLLOW_UP_OTHERWISE = [FollowUp.PUBLIC_SUPPORT] * 3 + [FollowUp.WORK, FollowUp.STUDIES, FollowUp.UNKNOWN]


def followed_up(participant, today):
    """The follow-ups due by ``today``, one in five not reached; chosen by the code, so that
    the demo's random draws stay as they were."""
    if not participant.ended_on:
        return
    for months in FOLLOW_UP_MONTHS:
        draw = zlib.crc32(f"{participant.code} {months}".encode())
        if follow_up_due(participant.ended_on, months) > today or draw % 5 == 0:
            continue
        options = FOLLOW_UP_BY_REASON.get(participant.end_reason, FOLLOW_UP_OTHERWISE)
        setattr(participant, f"follow_up_{months}_months", options[draw // 5 % len(options)])


def supports_for(participant, rng):
    start = rng.sample(
        [
            Support.SICKNESS_BENEFIT,
            Support.ACTIVITY_COMPENSATION,
            Support.UNEMPLOYMENT_BENEFIT,
            Support.ACTIVITY_SUPPORT,
            Support.INCOME_SUPPORT,
            Support.SICKNESS_COMPENSATION,
        ],
        k=rng.randint(1, 2),
    )
    rows = [
        ParticipantSupport(participant=participant, phase=ParticipantSupport.Phase.START, kind=kind) for kind in start
    ]
    if participant.ended_on:
        if participant.end_reason in EndReason.to_work_or_studies():
            after = [Support.NONE] if participant.end_reason == WORK else [Support.OTHER]
        elif participant.end_reason == ILLNESS:
            after = [Support.SICKNESS_COMPENSATION]
        else:
            after = start
        rows += [
            ParticipantSupport(participant=participant, phase=ParticipantSupport.Phase.END, kind=kind) for kind in after
        ]
    return rows


def answers_for(participant, questions, rng):
    if not participant.ended_on:
        return []
    return [
        SurveyAnswer(
            participant=participant, question=question, answer=rng.choices(range(1, 7), weights=(1, 1, 3, 5, 8, 8))[0]
        )
        for question in questions
    ]


# The indicator survey's other respondent groups, and the national shares of 2024, as a
# federation's import of the survey's export would leave them (illustrative figures).
STAFF_QUESTIONS = {
    1: "Har insatsen de resurser som behövs för att ge deltagarna det stöd de behöver?",
    2: "Fungerar samarbetet mellan de medverkande myndigheterna i insatsen?",
}
BOARD_QUESTIONS = {
    1: "Bidrar förbundets arbete till att medlemmarna samverkar bättre?",
}
REFERRER_QUESTIONS = {
    1: "Har den du remitterade fått ett stöd som för hen närmare arbete eller studier?",
}
NATIONAL_2024 = {5: Decimal("58.0"), 6: Decimal("52.0"), 7: Decimal("66.0")}
NATIONAL_2024_OTHERS = {  # (respondent group, question) → share clearly positive in the country
    (RespondentGroup.STAFF, 1): Decimal("61.0"),
    (RespondentGroup.STAFF, 2): Decimal("64.0"),
    (RespondentGroup.BOARD, 1): Decimal("70.0"),
    (RespondentGroup.REFERRERS, 1): Decimal("55.0"),
}
# Answers per step (helt och hållet … inte alls) of the groups the survey's export gives:
# 2023 and 2024, so the indicators have a trend to show.
OTHER_RESULTS = {  # (group, question, for Enter or the federation as a whole) → {year: steps}
    (RespondentGroup.STAFF, 1, "Enter"): {2023: (3, 3, 4, 3, 1, 0), 2024: (4, 5, 3, 2, 1, 0)},
    (RespondentGroup.STAFF, 2, "Enter"): {2023: (3, 4, 3, 2, 2, 0), 2024: (4, 6, 3, 1, 1, 0)},
    (RespondentGroup.BOARD, 1, None): {2023: (2, 4, 5, 2, 1, 0), 2024: (3, 5, 4, 2, 0, 0)},
    (RespondentGroup.REFERRERS, 1, "Enter"): {2023: (2, 4, 4, 3, 2, 0), 2024: (3, 5, 4, 2, 1, 0)},
}
# The survey's indicators, each built from questions of one or more respondent groups
# (illustrative: the national instrument defines its own).
INDICATORS = {
    1: ("Deltagarens egenmakt", [(RespondentGroup.ENDED_PARTICIPANTS, 5), (RespondentGroup.ENDED_PARTICIPANTS, 7)]),
    2: ("Stegförflyttning mot arbete", [(RespondentGroup.ENDED_PARTICIPANTS, 6), (RespondentGroup.REFERRERS, 1)]),
    3: ("Samverkan i insatsen", [(RespondentGroup.STAFF, 1), (RespondentGroup.STAFF, 2)]),
    4: ("Samverkan mellan parterna", [(RespondentGroup.BOARD, 1)]),
}


def load_indicator_survey(federation, participant_questions):
    questions = {(question.group, question.number): question for question in participant_questions}
    for group, texts in [
        (RespondentGroup.STAFF, STAFF_QUESTIONS),
        (RespondentGroup.BOARD, BOARD_QUESTIONS),
        (RespondentGroup.REFERRERS, REFERRER_QUESTIONS),
    ]:
        for number, text in texts.items():
            questions[group, number] = upsert(SurveyQuestion, {"group": group, "number": number}, text=text)
    enter = Intervention.objects.get(name="Enter")
    for (group, number, intervention), by_year in OTHER_RESULTS.items():
        for year, steps in by_year.items():
            upsert(
                SurveyResult,
                {
                    "federation": federation,
                    "year": year,
                    "intervention": enter if intervention else None,
                    "question": questions[group, number],
                },
                **dict(zip(SurveyResult.STEPS, steps, strict=True)),
            )
    for question in participant_questions:
        upsert(NationalAverage, {"year": 2024, "question": question}, percent=NATIONAL_2024[question.number])
    for key, percent in NATIONAL_2024_OTHERS.items():
        upsert(NationalAverage, {"year": 2024, "question": questions[key]}, percent=percent)
    for number, (name, keys) in INDICATORS.items():
        indicator = upsert(Indicator, {"number": number}, name=name)
        indicator.questions.set([questions[key] for key in keys])
