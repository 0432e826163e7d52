"""The map can colour plots by the stage of their vacate-and-replace project."""

from __future__ import annotations

from shapely.geometry import box

from models.database import Database
from models.land import queries
from models.land.entities import Plot
from models.renewal.entities import RenewalProject, RenewalProjectPlot
from models.renewal.queries import plot_stages


def test_map_plots_carry_the_newest_renewal_stage(db: Database) -> None:
    with db.write() as s:
        a = Plot(code="P-1", geometry=box(480000, 3347000, 480100, 3347100))
        b = Plot(code="P-2", geometry=box(480200, 3347000, 480300, 3347100))
        s.add_all([a, b])
        s.flush()
        old = RenewalProject(code="R-1", name="旧", stage="stopped")
        new = RenewalProject(code="R-2", name="新", stage="vacated")
        s.add_all([old, new])
        s.flush()
        s.add_all(
            [
                RenewalProjectPlot(project_id=old.id, plot_id=a.id),
                RenewalProjectPlot(project_id=new.id, plot_id=a.id),
            ]
        )
    with db.read() as s:
        stages = {p.code: p.renewal_stage for p in queries.map_plots(s, classes={}, stages=plot_stages(s))}
    assert stages == {"P-1": "vacated", "P-2": ""}
