from django.core.management.base import BaseCommand, CommandError

from archive.services import exchange


class Command(BaseCommand):
    help = "Load a whole-archive package (archive_export) into an archive with no files yet."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the package written by archive_export")

    def handle(self, directory, **options):
        try:
            counts = exchange.read_package(directory)
        except exchange.PackageError as exc:
            raise CommandError(str(exc)) from exc
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
