from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.services import exchange


class Command(BaseCommand):
    help = "Write the whole archive (every section, every scan) as one BagIt package."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="an empty or new directory")

    def handle(self, directory, **options):
        try:
            counts = exchange.write_package(directory)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
