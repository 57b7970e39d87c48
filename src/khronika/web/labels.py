"""Words a reader sees in place of the codebook's identifiers (``escort_to_enlistment_office``)."""

from __future__ import annotations

from datetime import date

LABELS: dict[str, str] = {
    # event types
    "raid": "Raid",
    "detention": "Detention",
    "summons": "Summons",
    "escort_to_enlistment_office": "Escort to enlistment office",
    "recruitment_pressure": "Recruitment pressure",
    "enlistment": "Enlistment",
    "deportation": "Deportation",
    "prosecution": "Prosecution",
    "citizenship_revocation": "Citizenship revoked",
    # certainties and review states
    "asserted": "asserted",
    "reported": "reported",
    "unconfirmed": "unconfirmed",
    "disputed": "disputed",
    "unreviewed": "unreviewed",
    "accepted": "accepted",
    "rejected": "rejected",
    "edited": "edited",
}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def label(value: object) -> str:
    """The reader's word for a codebook value; an unknown one with its underscores spaced."""
    text = str(value)
    return LABELS.get(text, text.replace("_", " "))


def short_date(value: date) -> str:
    """``15 Mar 2025``: unambiguous in every locale, unlike 03/15 or 15.03."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
