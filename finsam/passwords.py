"""Password rules beyond Django's own (length, similarity to the user, its list of 20 000
common passwords, all digits): a password of very few distinct characters, and one that is
a common Swedish word or name dressed up with digits and signs ("Sommar2024!!!",
"lösenordlösenord"), are refused."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Words Swedish users reach for first (seasons, months, greetings, teams, pets, names, the
# word for password itself), as their letters alone, lowercased.
COMMON_SWEDISH = set(
    """
    lösenord losenord password sommar sommaren vinter vintern hösten hosten våren varen höst host vår
    var januari februari mars april maj juni juli augusti september oktober november december måndag
    fredag hejhej hej hejsan välkommen valkommen sverige svenska stockholm göteborg goteborg malmö
    jönköping jonkoping fotboll hockey kärlek karlek älskling alskling katten hunden kalle anka
    kalleanka qwerty qwertyuiop asdfgh abc abcdef finsam samordning samordningsförbund
    samordningsforbund förbund forbund kansli kansliet styrelse styrelsen admin administratör test
    testar hemlig hemligt glass
    """.split()
)
NOT_LETTERS = re.compile(r"[\W\d_]+")


class DistinctCharactersValidator:
    """A password needs at least ``min_distinct`` different characters ("aaaaaaaaaaaa" has one)."""

    def __init__(self, min_distinct=6):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        if len(set(password)) < self.min_distinct:
            raise ValidationError(self.message(), code="password_too_uniform")

    def message(self):
        return ngettext(
            "The password needs at least %(count)d different character.",
            "The password needs at least %(count)d different characters.",
            self.min_distinct,
        ) % {"count": self.min_distinct}

    def get_help_text(self):
        return self.message()


class CommonSwedishPasswordValidator:
    """Refuse a password whose letters, without digits and signs, are one common Swedish word
    said once or more ("Sommar2024!!!", "hejhejhejhej")."""

    def validate(self, password, user=None):
        letters = NOT_LETTERS.sub("", password.casefold())
        if not letters or any(self.repeats(letters, word) for word in COMMON_SWEDISH):
            raise ValidationError(
                _("The password is a common word with digits or signs around it: choose one that is hard to guess."),
                code="password_too_common",
            )

    @staticmethod
    def repeats(letters, word):
        return len(letters) % len(word) == 0 and letters == word * (len(letters) // len(word))

    def get_help_text(self):
        return _("The password cannot be a common word with digits or signs around it.")
