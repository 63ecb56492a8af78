"""Change notices: what is changing, when, and how prominently to say it (section 8 of the policy).

A version is *upcoming* from its publication until its effective date, and *recently changed* for
`notice_after_days` after it. Notices carry both dates so that pages built before a switch can switch
in the reader's browser; the build's own state is rendered for readers without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policypress.archive.model import Document, Version
from policypress.diff.redline import Section
from policypress.materiality.review import Review

UPCOMING, RECENT = "upcoming", "recent"


@dataclass
class Notice:
    document: Document
    version: Version
    previous: Version | None
    state: str  # UPCOMING or RECENT, on the build's day
    expires: dt.date  # the day the notice stops being shown
    review: Review | None = None
    sections: list[Section] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What a reader dismisses: this version of this document."""
        return f"{self.document.slug}@{self.version.id}"

    @property
    def material(self) -> list[str]:
        return self.review.material if self.review else []

    @property
    def consent_required(self) -> bool:
        return bool(self.review and self.review.consent_required)


_UNKNOWN = object()


def notice_for(document: Document, version: Version, today: dt.date, after_days: int,
               review: Review | None = None, sections: list[Section] | None = None,
               current: Version | None | object = _UNKNOWN) -> Notice | None:
    """The notice for `version` on `today`, or None when there is nothing to announce. `current` is the
    version in force on `today` when the caller knows it already (asking reads the whole history)."""
    previous = document.previous(version)
    if previous is None:
        return None  # a first version is news, but not a change
    expires = version.effective + dt.timedelta(days=after_days)
    if today < version.effective:
        if version.published.date() > today:
            return None  # not published yet on that day
        state = UPCOMING
    elif today < expires and version is (document.current(today) if current is _UNKNOWN else current):
        state = RECENT
    else:
        return None
    return Notice(document, version, previous, state, expires, review, list(sections or []))


def pending(documents: list[Document], today: dt.date, after_days: int,
            reviews: dict | None = None, sections: dict | None = None) -> list[Notice]:
    """The notices every page carries: per document, the next version to take effect (which the reader's
    browser turns into a "recently changed" notice on its day), the latest one announced (news a reader
    who dismissed the first has not seen) and the recent change; never every scheduled version (a page
    would grow with the history). Upcoming versions first, soonest first, then recent changes, newest
    first."""
    found = []
    reviews, sections = reviews or {}, sections or {}
    for document in documents:
        current = document.current(today)
        soonest: Notice | None = None
        latest: Notice | None = None
        for version in document.versions:
            key = (document.slug, version.id)
            notice = notice_for(document, version, today, after_days, reviews.get(key), sections.get(key), current)
            if notice is None:
                continue
            if notice.state != UPCOMING:
                found.append(notice)
                continue
            if soonest is None or version.effective < soonest.version.effective:
                soonest = notice  # of two on one day, the one published first
            latest = notice  # versions are in publication order
        if soonest is not None:
            found.append(soonest)
        if latest is not None and latest is not soonest:
            found.append(latest)
    upcoming = sorted((n for n in found if n.state == UPCOMING), key=lambda n: (n.version.effective, n.key))
    recent = sorted((n for n in found if n.state == RECENT), key=lambda n: (n.version.effective, n.key),
                    reverse=True)
    return upcoming + recent
