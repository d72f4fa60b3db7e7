from django import template

from cipher.services_signing import signatures_of

register = template.Library()


@register.inclusion_tag("cipher/_signatures.html")
def signatures_panel(document):
    """The digital signatures recorded for a document, for its page."""
    return {"signatures": list(signatures_of(document))}
