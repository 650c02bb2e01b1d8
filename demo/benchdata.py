"""A national-scale dataset for ``make bench``: the demo's three federations grown to a
large and a small one, and 66 more federations around them, 69 in all, with ten years of
participants — about 600 000 rows, written with PostgreSQL's COPY.

Only for a scratch database (``scripts/scratch_database.py``): it adds rows nobody should
see in a real installation. Built once; a second run finds it and does nothing.
"""

import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction

from federations.models import County, Federation, MemberOrganisation, Membership, Municipality
from interventions.models import EndReason, Funding, Intervention, Participant

YEARS = range(2015, 2025)  # ten years of participants, ending with the measured year 2024
LARGE, SMALL = "hoglandet", "sodra-vatterbygden"  # the demo federations grown for the bench
OWN_ROWS = {LARGE: 73_000, SMALL: 8_000}  # a federation's own participants, as measured in the issue
OTHER_FEDERATIONS = 66
TOTAL = 609_000
MUNICIPALITIES_EACH = 4
INTERVENTIONS_EACH = 4
CODE_PREFIX = "N"  # every generated participant's code starts N<federation pk>-
HEADER = ("insats", "kod", "kön", "födelseår", "kommun", "inskriven")

# How the federations' participants ended, roughly as the published tables spread them.
REASONS = [
    (EndReason.WORK, 22),
    (EndReason.STUDIES, 8),
    (EndReason.WORK_REHABILITATION, 20),
    (EndReason.ILLNESS, 20),
    (EndReason.OTHER, 30),
]


@dataclass
class Built:
    participants: int  # in the whole database
    large: Federation
    small: Federation
    created: bool


def build(stdout=None):
    """The national dataset, built once. Returns the federations to measure."""
    large, small = Federation.objects.get(slug=LARGE), Federation.objects.get(slug=SMALL)
    created = not Federation.objects.filter(slug="bench-01").exists()
    if created:
        with transaction.atomic():
            federations = other_federations()
            rng = random.Random(2026)
            sizes = spread(TOTAL - Participant.objects.count() - sum(OWN_ROWS.values()), len(federations), rng)
            targets = [(large, OWN_ROWS[LARGE]), (small, OWN_ROWS[SMALL])] + list(zip(federations, sizes, strict=True))
            for number, (federation, size) in enumerate(targets, start=1):
                own = Participant.objects.of_federation(federation).count()
                copy_participants(federation, max(size - own, 0), rng)
                if stdout and number % 10 == 0:
                    stdout.write(f"  {number} of {len(targets)} federations filled")
    with connection.cursor() as cursor:
        # What autovacuum does to tables that have changed (the dataset, and the demo the
        # bench has just loaded again), done before measuring rather than during it: the
        # visibility map lets a count read an index alone, the statistics see the rows.
        cursor.execute("VACUUM ANALYZE")
    return Built(Participant.objects.count(), large, small, created)


def spread(total, count, rng):
    """``total`` participants over ``count`` federations, unevenly as in the country (a few
    large, most between 2 000 and 15 000)."""
    weights = [rng.lognormvariate(0, 0.6) for _ in range(count)]
    scale = total / sum(weights)
    return [round(weight * scale) for weight in weights]


def other_federations():
    """66 federations in counties of their own, each with four member municipalities and
    four individual-oriented interventions serving them."""
    federations = []
    for number in range(1, OTHER_FEDERATIONS + 1):
        county = County.objects.create(name=f"Bänklän {number:02d}", slug=f"bench-county-{number:02d}")
        federation = Federation.objects.create(
            county=county,
            name=f"Bänkförbundet {number:02d}",
            short_name=f"B{number:02d}",
            slug=f"bench-{number:02d}",
            organisation_number=f"222{number:03d}-{number:04d}",
            founded_on=date(2008, 1, 1),
        )
        municipalities = Municipality.objects.bulk_create(
            Municipality(county=county, name=f"Bänkkommun {number:02d}-{m}", code=f"9{number:02d}{m}")
            for m in range(1, MUNICIPALITIES_EACH + 1)
        )
        organisations = MemberOrganisation.objects.bulk_create(
            MemberOrganisation(county=county, kind="municipality", name=municipality.name, municipality=municipality)
            for municipality in municipalities
        )
        Membership.objects.bulk_create(
            Membership(federation=federation, organisation=organisation, starts_on=date(2008, 1, 1))
            for organisation in organisations
        )
        for i in range(1, INTERVENTIONS_EACH + 1):
            intervention = Intervention.objects.create(
                county=county, name=f"Insats {number:02d}-{i}", starts_on=date(YEARS[0], 1, 1), age_min=16, age_max=66
            )
            intervention.municipalities.set(municipalities)
            Funding.objects.create(intervention=intervention, federation=federation)
        federations.append(federation)
    return federations


COLUMNS = [
    "intervention_id",
    "code",
    "registration",
    "gender",
    "birth_year",
    "municipality_id",
    "enrolled_on",
    "ended_on",
    "end_reason",
    "education",
    "had_work_placement",
    "health_start",
    "health_end",
    "supplementary_answers",
]


def copy_participants(federation, count, rng):
    """``count`` participants of the federation's own residents, enrolled over the ten
    years, most of them ended, written with one COPY."""
    if count <= 0:
        return
    first, last = date(YEARS[0], 1, 1), date(YEARS[-1], 12, 31)
    places = []  # (intervention, municipalities, first and last day to enrol in)
    members = set(Municipality.objects.of_members(federation).values_list("pk", flat=True))
    for intervention in Intervention.objects.of_federation(federation).individual():
        served = sorted(intervention.served_municipality_ids() & members)
        opens, closes = max(first, intervention.starts_on), min(last, intervention.ended_on or last)
        if served and opens <= closes:
            places.append((intervention, served, opens, closes))
    if not places:
        return
    # As many enrolments a day in every intervention: one that ran all ten years has ten
    # times the participants of one that ran one, and a year has as many actives as a real one.
    weights = [(closes - opens).days + 1 for _i, _s, opens, closes in places]
    buffer = io.StringIO()
    reasons, reason_weights = zip(*REASONS, strict=True)
    for number in range(count):
        intervention, served, opens, closes = rng.choices(places, weights)[0]
        enrolled = opens + timedelta(days=rng.randrange((closes - opens).days + 1))
        ended = enrolled + timedelta(days=rng.randrange(30, 700))
        if ended > date(2026, 6, 30) or rng.random() < 0.1:
            ended = None
        if intervention.ended_on and (ended is None or ended > intervention.ended_on):
            ended = intervention.ended_on  # everyone ends when the intervention does
        age = rng.randint(max(18, intervention.age_min), min(60, intervention.age_max))
        row = [
            intervention.pk,
            f"{CODE_PREFIX}{federation.pk}-{number:06d}",
            "anonymous" if rng.random() < 0.1 else "consent",
            rng.choice(["woman", "man"]),
            enrolled.year - age,
            rng.choice(served),
            enrolled.isoformat(),
            ended.isoformat() if ended else r"\N",
            rng.choices(reasons, reason_weights)[0] if ended else "",
            "",
            "t" if rng.random() < 0.3 else "f",
            rng.randint(20, 70),
            rng.randint(20, 90) if ended else r"\N",
            "{}",
        ]
        buffer.write("\t".join(str(value) for value in row) + "\n")
    table = Participant._meta.db_table
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())


def excel_file_inflating_to(shared_strings_bytes, text_length=1000, header=HEADER):
    """An Excel file of one header row whose shared strings — the part openpyxl holds whole
    in memory — inflate to ``shared_strings_bytes``, while the file itself stays small:
    the "xlsx bomb" an import must refuse (or, under the cap, the worst file it accepts).
    Short strings cost Python the most per byte. The part is written as a stream, so
    building it costs no memory."""
    import zipfile

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(list(header))
    plain = io.BytesIO()
    workbook.save(plain)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    bomb = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Type="{kind}" Target="sharedStrings.xml" Id="rIdS" /></Relationships>'.encode(),
                )
            elif part.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            out.writestr(part, data)
        item = b"<si><t>" + b"A" * text_length + b"</t></si>"
        count = max(1, shared_strings_bytes // len(item))
        with out.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<sst xmlns="{main}" count="{count}" uniqueCount="{count}">'.encode())
            for _ in range(count):
                part.write(item)
            part.write(b"</sst>")
    return bomb.getvalue()
