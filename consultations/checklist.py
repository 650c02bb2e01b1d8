"""What the member-consultation deck checks of itself (reporting.checklists, for the county's
document): each federation's books and next budget present, and each figure the deck prints
on two slides printed with one value — the costs the distribution slide shares out are the
economy slide's, the equity is the books', the participant total is its rows'."""

from decimal import Decimal

from django.utils.translation import gettext as _

from finances.checks import kr
from finances.statements import year_end
from reporting.checklists import Checklist, check, differs, participants_add_up

ONE_DECIMAL = Decimal("0.1")


def deck_checklist(deck):
    missing_books, missing_budget, costs, equity, participants, shares = [], [], [], [], [], []
    for section in deck.sections:
        name, economy = section.federation.short_name, section.economy
        columns = {(getattr(column, "scenario", ""), column.year) for column in economy.table.columns}
        if economy.actual_position is None:
            missing_books.append(
                _("%(federation)s: the actual accounts of %(year)s are not recorded.")
                % {"federation": name, "year": deck.year}
            )
        if ("budget", deck.year + 1) not in columns:
            missing_budget.append(
                _("%(federation)s: the budget for %(year)s is not recorded.")
                % {"federation": name, "year": deck.year + 1}
            )
        if economy.actual_position is not None:
            shown = economy.table.costs_total[economy.actual_position]
            if economy.costs and differs(economy.costs.total, shown):
                costs.append(
                    _(
                        "%(federation)s: the distribution shares out %(shared)s, the economy slide's costs are %(shown)s."
                    )
                    % {"federation": name, "shared": kr(economy.costs.total), "shown": kr(shown)}
                )
            if economy.costs and abs(sum(economy.costs.shares().values()) - 100) > ONE_DECIMAL:
                shares.append(
                    _("%(federation)s: the shares of the costs add up to %(sum)s %%.")
                    % {"federation": name, "sum": sum(economy.costs.shares().values())}
                )
            books = year_end(section.federation, deck.year).balance
            if books and differs(books.equity, economy.equity):
                equity.append(
                    _("%(federation)s: the deck's equity is %(deck)s, the books' %(books)s.")
                    % {"federation": name, "deck": kr(economy.equity), "books": kr(books.equity)}
                )
        participants += [f"{name}: {problem}" for problem in participants_add_up(section.report)]
    return Checklist(
        (
            check(_("Every federation's actual accounts of the year are recorded"), missing_books, required=True),
            check(_("Every federation's budget for the next year is recorded"), missing_budget, required=True),
            check(_("The cost distribution shares out the economy slide's costs"), costs),
            check(_("The shares of the costs add up to 100 %"), shares),
            check(_("The equity on the economy slide is the books'"), equity),
            check(_("The participant total is the sum of its interventions' rows"), participants),
        )
    )
