from federations.imports import ImportCommand
from finances.importers import AccountsImporter


class Command(ImportCommand):
    help = (
        "Import budget lines and actuals from an accounting export, CSV or Excel (see docs/import-formats.md). "
        "Saves every row, or nothing when any row is bad."
    )
    importer_class = AccountsImporter
