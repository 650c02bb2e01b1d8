from federations.imports import ImportCommand
from interventions.survey_import import SurveyImporter


class Command(ImportCommand):
    help = (
        "Import the indicator survey's export, CSV or Excel (see docs/import-formats.md). "
        "Saves every row, or nothing when any row is bad."
    )
    importer_class = SurveyImporter
