from __future__ import annotations

import pytest
from sqlalchemy import select

from models.database import Database
from models.db.records import apply_changes, check_version, get_record, get_versioned, require_editable
from models.errors import ConflictError, NotFoundError
from models.policy.entities import Platform


def test_get_record_names_the_table_of_a_missing_record(db: Database) -> None:
    with db.read() as s:
        with pytest.raises(NotFoundError) as err:
            get_record(s, Platform, 9999)
    assert err.value.code == "record.not_found"
    assert err.value.fields == {"entity": "platforms", "key": 9999}


def test_get_versioned_checks_the_version_the_user_saw(db: Database) -> None:
    with db.read() as s:
        platform = s.scalars(select(Platform).order_by(Platform.id)).first()
        assert platform is not None
        assert get_versioned(s, Platform, platform.id) is platform
        assert get_versioned(s, Platform, platform.id, platform.version) is platform
        with pytest.raises(ConflictError) as by_id:
            get_versioned(s, Platform, platform.id, platform.version + 1)
        with pytest.raises(ConflictError) as by_name:
            get_versioned(s, Platform, platform.id, platform.version + 1, key=lambda p: p.name)
        with pytest.raises(ConflictError) as found_otherwise:
            check_version(platform, platform.version - 1, entity="platforms", key="x")
        check_version(platform, None, entity="platforms", key="x")
    assert by_id.value.code == "record.changed_by_other"
    assert by_id.value.fields == {"entity": "platforms", "key": platform.id}
    assert by_name.value.fields == {"entity": "platforms", "key": platform.name}
    assert found_otherwise.value.fields == {"entity": "platforms", "key": "x"}


def test_apply_changes_sets_and_returns_only_what_differs(db: Database) -> None:
    with db.write() as s:
        platform = s.scalars(select(Platform).order_by(Platform.id)).first()
        assert platform is not None
        same = {"name": platform.name, "note": platform.note}
        assert apply_changes(platform, same) == {}
        assert apply_changes(platform, {**same, "note": "新备注"}) == {"note": "新备注"}
        assert platform.note == "新备注" and platform.name == same["name"]


def test_require_editable_names_the_fields_a_service_does_not_edit() -> None:
    require_editable({"name": "甲"}, ("name", "note"))
    with pytest.raises(TypeError, match=r"not editable: \['id', 'version'\]"):
        require_editable(["version", "name", "id"], ("name", "note"))
