"""The notice's plain words for legal bases, transfer safeguards, countries and rights."""

from __future__ import annotations

from minlint.notice.model import Recipient, Right

TITLE = "What we collect and why"
INTRO = (
    "This part of our privacy notice lists the personal data we collect, why we collect it, on what legal "
    "basis, who receives it and how long we keep it."
)
NO_DESCRIPTION = "No description yet: describe this purpose in the purposes registry before publishing."
NO_BASIS = "No valid legal basis declared yet: see the list above."
NOTHING = "We collect no personal data through the products these specs describe."
NO_PURPOSE = "The personal data these specs collect is not fully declared yet: see the list above."


def nothing_told(unexplained: int) -> str:
    """What a notice with no purpose to tell says: nothing collected, or nothing declared well enough yet."""
    return NO_PURPOSE if unexplained else NOTHING


BASES = {
    "consent": (
        "Your consent (GDPR Art. 6(1)(a))",
        "You can withdraw your consent at any time, as easily as you gave it.",
    ),
    "contract": (
        "It is necessary to provide what you asked us for under our contract with you (GDPR Art. 6(1)(b))",
        "",
    ),
    "legal_obligation": ("The law requires it of us (GDPR Art. 6(1)(c))", ""),
    "vital_interests": ("It is necessary to protect someone's life (GDPR Art. 6(1)(d))", ""),
    "public_task": ("It is necessary for a task in the public interest (GDPR Art. 6(1)(e))", ""),
    "legitimate_interests": (
        "Our legitimate interests (GDPR Art. 6(1)(f))",
        "You can object to this use, on grounds relating to your situation.",
    ),
}

TRANSFERS = {
    "adequacy": "an adequacy decision of the European Commission (GDPR Art. 45)",
    "sccs": "the European Commission's standard contractual clauses (GDPR Art. 46(2)(c)); ask us for a copy",
    "bcrs": "binding corporate rules approved by a data protection authority (GDPR Art. 47); ask us for a copy",
    "derogation": "a derogation for a specific situation (GDPR Art. 49)",
}

# Names of the countries data most often goes to; any other is shown by its ISO 3166-1 code.
COUNTRIES = {
    "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "HR": "Croatia", "CY": "Cyprus", "CZ": "Czechia",
    "DK": "Denmark", "EE": "Estonia", "FI": "Finland", "FR": "France", "DE": "Germany", "GR": "Greece",
    "HU": "Hungary", "IE": "Ireland", "IT": "Italy", "LV": "Latvia", "LT": "Lithuania", "LU": "Luxembourg",
    "MT": "Malta", "NL": "the Netherlands", "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SK": "Slovakia",
    "SI": "Slovenia", "ES": "Spain", "SE": "Sweden", "IS": "Iceland", "LI": "Liechtenstein", "NO": "Norway",
    "CH": "Switzerland", "GB": "the United Kingdom", "US": "the United States", "CA": "Canada", "JP": "Japan",
    "KR": "South Korea", "AU": "Australia", "NZ": "New Zealand", "IN": "India", "BR": "Brazil", "SG": "Singapore",
    "IL": "Israel", "AR": "Argentina", "UY": "Uruguay", "CN": "China", "ZA": "South Africa", "MX": "Mexico",
}  # fmt: skip

GDPR_TITLE = "Under the GDPR"
CPRA_TITLE = "If you live in California (CCPA as amended by the CPRA)"

GDPR_RIGHTS = (
    Right("See your data", "You can ask for a copy of the personal data we hold about you.", "GDPR Art. 15"),
    Right("Correct it", "You can have inaccurate or incomplete data corrected.", "GDPR Art. 16"),
    Right(
        "Have it erased",
        "You can ask us to erase your data, and we pass the request on to its recipients.",
        "GDPR Art. 17, 19",
    ),
    Right(
        "Restrict its use",
        "You can ask us to keep your data but stop using it while a question is settled.",
        "GDPR Art. 18",
    ),
    Right(
        "Take it with you",
        "You can receive the data you gave us, on consent or under a contract, in a machine-readable form.",
        "GDPR Art. 20",
        "portability",
    ),
    Right(
        "Object",
        "You can object, on grounds relating to your situation, to a use based on our legitimate interests or "
        "on a task in the public interest; and to direct marketing at any time, without giving a reason.",
        "GDPR Art. 21",
        "object",
    ),
    Right(
        "Withdraw consent",
        "Where we rely on your consent, you can withdraw it at any time; what we did before stays lawful.",
        "GDPR Art. 7(3)",
        "withdraw",
    ),
    Right(
        "Complain",
        "You can complain to a data protection authority, in particular where you live or work.",
        "GDPR Art. 77",
    ),
)

OPT_OUT_LAW = "§1798.120, §1798.135"
NO_SALE = Right("No sale or sharing", "We do not sell or share personal information.", "§1798.120", "no_sale")
GPC = " We honour Global Privacy Control as such a request."

CPRA_RIGHTS = (
    Right(
        "Know",
        "Californians can ask what personal information we collect, use, disclose, sell or share.",
        "Cal. Civ. Code §1798.100, §1798.110, §1798.115",
    ),
    Right("Delete", "Californians can ask us to delete the personal information we collected from them.", "§1798.105"),
    Right("Correct", "Californians can ask us to correct inaccurate personal information.", "§1798.106"),
    Right(
        "Opt out of sale or sharing",
        "Californians can tell us not to sell or share their personal information.",
        OPT_OUT_LAW,
        "opt_out",
    ),
    Right(
        "Limit sensitive personal information",
        "Californians can limit our use of their sensitive personal information to what providing the service needs.",
        "§1798.121",
        "limit",
    ),
    Right("No discrimination", "We do not treat anyone differently for using these rights.", "§1798.125"),
)


def data_name(name: str) -> str:
    """A category name for people: ``User Contact Email`` -> ``Contact email``; ``IP Address`` -> ``IP address``."""
    words = name.split()
    if len(words) > 1 and words[0] == "User":
        words = words[1:]
    shown = [word if word.isupper() and len(word) > 1 else word.lower() for word in words]
    return " ".join(shown)[:1].upper() + " ".join(shown)[1:] if shown else name


def sentence_part(text: str) -> str:
    """``text`` to follow a colon: its first letter lower-cased unless it starts a name or acronym."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def recipient_text(recipient: Recipient) -> str:
    """``mailchimp (sends the newsletter), in the United States, safeguarded by …`` as plain words."""
    parts = [recipient.name]
    if recipient.description:
        parts[0] += f" ({sentence_part(recipient.description.rstrip('.'))})"
    if recipient.country:
        parts.append(f"in {recipient.country}")
    if recipient.transfer:
        parts.append(f"safeguarded by {recipient.transfer}")
    return ", ".join(parts)


def country_name(code: str) -> str:
    """A country's name for people (``the United States``), else its code as written."""
    return COUNTRIES.get(code.upper(), code)


def purpose_title(purpose_id: str, name: str) -> str:
    """A heading for a purpose: its Fides name, else its id in words (``marketing.communications.push`` ->
    ``Marketing communications push``)."""
    if name:
        return name
    words = purpose_id.replace("_", " ").replace(".", " ").split()
    return " ".join(words).capitalize() if words else purpose_id
