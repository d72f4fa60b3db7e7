"""The app registry as the data migrations' seed functions see it, for fixtures that put back the
rows a transactional test flushed."""


class TodaysModels:
    """Models that moved since a data migration was written are looked up in their new home
    (Party terms: core 0004)."""

    MOVED = {("dispatch", "PartyTerm"): ("core", "PartyTerm")}

    def get_model(self, app_label: str, model_name: str):
        from django.apps import apps

        return apps.get_model(*self.MOVED.get((app_label, model_name), (app_label, model_name)))
