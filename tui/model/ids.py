"""Item ids: slugs, and the id derived from an item's label when none is written."""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 48


def is_slug(value: object) -> bool:
    return type(value) is str and SLUG_RE.match(value) is not None


def slugify(text: str) -> str:
    """A derived id: accents stripped (NFKD), casefolded, non-alphanumerics -> '-', at most 48."""
    norm = unicodedata.normalize("NFKD", text)
    norm = "".join(c for c in norm if not unicodedata.combining(c)).casefold()
    slug = _NON_SLUG.sub("-", norm).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rstrip("-")
    return slug


def derive_id(pane: str, label: str) -> str:
    """The id of an item without `id:`, from its label (tui.model.spec: ListSpec.label)."""
    slug = slugify(label)
    if slug:
        return slug
    # Nothing in [a-z0-9] survives (e.g. a Cyrillic name): a stable id from the text.
    return f"{pane}-{hashlib.sha1(label.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
