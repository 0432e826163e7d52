"""Imports every area's entities so ``Base.metadata`` holds the whole schema."""

from models.accounts import entities as accounts  # noqa: F401
from models.buildings import entities as buildings  # noqa: F401
from models.db.base import Base
from models.efficiency import entities as efficiency  # noqa: F401
from models.enterprises import entities as enterprises  # noqa: F401
from models.incubation import entities as incubation  # noqa: F401
from models.land import entities as land  # noqa: F401
from models.policy import entities as policy  # noqa: F401
from models.quotas import entities as quotas  # noqa: F401
from models.renewal import entities as renewal  # noqa: F401
from models.targets import entities as targets  # noqa: F401

metadata = Base.metadata
__all__ = ["Base", "metadata"]
