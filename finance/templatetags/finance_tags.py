from django import template

from finance.words import amount_in_words, money

register = template.Library()


@register.filter(name="money")
def money_filter(amount) -> str:
    return money(amount)


@register.filter(name="in_words")
def in_words_filter(amount) -> str:
    return "" if amount is None else amount_in_words(amount)
