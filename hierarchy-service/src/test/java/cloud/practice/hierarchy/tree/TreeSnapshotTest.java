package cloud.practice.hierarchy.tree;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.hierarchy.tree.query.OrgUnitView;
import cloud.practice.hierarchy.tree.query.TreeSnapshotFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree of a date, rebuilt from effective-dated versions: moves and merges do not rewrite the past. */
class TreeSnapshotTest {

    private final TreeSnapshotFixture district = new TreeSnapshotFixture()
            .unit("c", OrgTier.CENTER, null, "2026-01-01")
            .unit("i-1", OrgTier.INSTITUTE, "c", "2026-01-01")
            .unit("i-2", OrgTier.INSTITUTE, "c", "2026-01-01")
            .unit("s-1", OrgTier.STATION, "i-1", "2026-01-01", "社区甲")
            .unit("s-2", OrgTier.STATION, "i-1", "2026-02-01", "社区乙")
            .moved("s-1", "i-2", "2026-04-01")
            .merged("i-1", "i-2", "2026-05-01", "s-2");

    @Test
    void shouldShowTheTreeAsItWasBeforeTheMoveAndMerge() {
        var tree = district.asOf("2026-03-15");

        assertThat(tree.children("i-1")).extracting(OrgUnitView::unitId).containsExactlyInAnyOrder("s-1", "s-2");
        assertThat(tree.path("s-1")).extracting(OrgUnitView::unitId).containsExactly("c", "i-1", "s-1");
        assertThat(tree.unit("i-1").orElseThrow().status()).isEqualTo(OrgUnitStatus.ACTIVE);
    }

    @Test
    void shouldShowTheTreeAsItIsAfterwards() {
        var tree = district.asOf("2026-06-01");

        assertThat(tree.children("i-2")).extracting(OrgUnitView::unitId).containsExactlyInAnyOrder("s-1", "s-2");
        assertThat(tree.children("i-1")).isEmpty();
        assertThat(tree.unit("i-1").orElseThrow().status()).isEqualTo(OrgUnitStatus.CLOSED);
        assertThat(tree.isWithin("s-2", "i-2")).isTrue();
        assertThat(tree.isWithin("s-2", "i-1")).isFalse();
    }

    @Test
    void shouldNotKnowUnitsBeforeTheyWereEstablished() {
        assertThat(district.asOf("2026-01-15").unit("s-2")).isEmpty();
        assertThat(district.asOf("2025-12-31").all()).isEmpty();
    }

    @Test
    void shouldFindTheNearestOpenStationsFirst() {
        var tree = district.located("s-1", new GeoPoint(29.50, 106.50)).located("s-2", new GeoPoint(29.60, 106.60))
                .asOf("2026-06-01");

        List<String> nearest = tree.nearestStations(new GeoPoint(29.59, 106.59), 2).stream()
                .map(n -> n.unit().unitId()).toList();

        assertThat(nearest).containsExactly("s-2", "s-1");
    }

    @Test
    void shouldReportCommunitiesNoStationCovers() {
        var tree = district.declared("i-2", "社区甲", "社区乙", "社区丙").asOf("2026-06-01");

        var coverage = tree.coverage("c");

        assertThat(coverage.uncovered()).containsExactly("社区丙");
        assertThat(coverage.coveredBy()).containsEntry("社区甲", "s-1").containsEntry("社区乙", "s-2");
    }

    @Test
    void shouldCountTheGridsOfCoveredCommunitiesAsCoveredAndListTheOthers() {
        var tree = district.declared("i-2", "社区甲", "社区乙", "社区丙").asOf("2026-06-01", java.util.Map.of(
                "社区甲", List.of("一网格", "二网格"), "社区丙", List.of("一网格"), "别区社区", List.of("一网格")));

        var coverage = tree.coverage("c");

        assertThat(coverage.grids()).as("only the communities known below the unit").containsOnlyKeys("社区甲", "社区丙");
        assertThat(coverage.uncoveredGrids()).containsExactly("社区丙 一网格");
        assertThat(coverage.gridRatio()).isEqualTo(2 / 3.0);
    }
}
