from django.conf import settings
from django.utils import translation

from .disclosure import protecting


class LanguageMiddleware:
    """Swedish for everyone, unless the user has chosen another language.

    Django's own LocaleMiddleware would follow the browser's Accept-Language, which
    shows a Swedish office English pages on an English-language computer. Here only the
    choice made with the language switcher (kept in Django's language cookie) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: what the thread does next speaks the default language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ProtectionMiddleware:
    """Each request starts with the installation's small-number threshold; a federation's
    page raises it to the federation's own (``federations.permissions``) for that request
    only, its rendering included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with protecting(None):
            return self.get_response(request)
