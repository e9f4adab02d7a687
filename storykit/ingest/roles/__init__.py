"""Column roles from evidence: header words, values and relations, decided jointly, each with its reason.

`assign_roles(headers, sample)` is the one call: it returns a Reading (role -> column, the unit
of the time worked, why each, what is never summed, the runner-up, and one question when the
evidence cannot decide). The vocabulary is data in words.py.
"""

from storykit.ingest.roles.assign import SAMPLE_ROWS, Reading, assign_roles
from storykit.ingest.roles.header import header_score, not_logged, read_header, role_words
from storykit.vocabulary import ROLES

__all__ = ["ROLES", "SAMPLE_ROWS", "Reading", "assign_roles", "header_score", "not_logged", "read_header",
           "role_words"]
