"""What an operation changed, so each view refreshes only when it cares (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field

AREAS = (
    "platforms",
    "policy",
    "enterprises",
    "quotas",
    "land",
    "efficiency",
    "renewal",
    "buildings",
    "incubation",
    "accounts",
    "audit",
    "targets",
)


@dataclass(frozen=True)
class Changes:
    """Returned by every service command. ``areas`` names the touched areas (see ``AREAS``);
    ``created``/``updated``/``deleted`` count records; ``ids`` may carry the new record ids."""

    areas: frozenset[str] = frozenset()
    created: int = 0
    updated: int = 0
    deleted: int = 0
    ids: tuple[int, ...] = field(default=())

    def __post_init__(self) -> None:
        unknown = set(self.areas) - set(AREAS)
        if unknown:
            raise ValueError(f"unknown change areas: {sorted(unknown)}")

    def touches(self, *areas: str) -> bool:
        return any(a in self.areas for a in areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.areas | other.areas,
            self.created + other.created,
            self.updated + other.updated,
            self.deleted + other.deleted,
            self.ids + other.ids,
        )

    @staticmethod
    def of(
        *areas: str, created: int = 0, updated: int = 0, deleted: int = 0, ids: tuple[int, ...] = ()
    ) -> Changes:
        return Changes(frozenset(areas), created, updated, deleted, ids)


NO_CHANGES = Changes()
