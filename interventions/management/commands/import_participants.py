from federations.imports import ImportCommand
from interventions.importers import ParticipantImporter


class Command(ImportCommand):
    help = (
        "Import participants from a CSV or Excel file (see docs/import-formats.md). Saves every row, "
        "or nothing when any row is bad."
    )
    importer_class = ParticipantImporter
