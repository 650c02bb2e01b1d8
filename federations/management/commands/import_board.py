from federations.importers import BoardImporter
from federations.imports import ImportCommand


class Command(ImportCommand):
    help = (
        "Import board seats, places in the working committee and the preparatory group, and the people in "
        "them, from CSV or Excel (see docs/import-formats.md). Saves every row, or nothing when any row is bad."
    )
    importer_class = BoardImporter
