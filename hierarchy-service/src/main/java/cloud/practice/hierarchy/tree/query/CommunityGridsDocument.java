package cloud.practice.hierarchy.tree.query;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The grid register of one community: every list of its grids with the date it took effect, so the grids of any
 * date can be answered. {@code appliedSequence} is the last tree event applied (replays are skipped).
 */
@Document("community_grids")
class CommunityGridsDocument {

    @Id
    public String id;
    public String districtId;
    public String community;
    public long appliedSequence = -1;
    public List<GridVersion> versions = new ArrayList<>();

    /** A list of grids in force from {@code from} (yyyy-MM-dd) until the next version. */
    public record GridVersion(String from, List<String> grids) {
    }

    static String key(String districtId, String community) {
        return districtId + "|" + community;
    }

    /** Records a list from {@code date}; a second list on the same day replaces the first. */
    void define(String date, List<String> grids) {
        GridVersion next = new GridVersion(date, List.copyOf(grids));
        if (!versions.isEmpty() && versions.get(versions.size() - 1).from().equals(date)) {
            versions.set(versions.size() - 1, next);
        } else {
            versions.add(next);
        }
    }

    /** The grids in force on {@code date} (yyyy-MM-dd), or none before the first list. */
    List<String> gridsAt(String date) {
        List<String> grids = List.of();
        for (GridVersion version : versions) {
            if (version.from().compareTo(date) <= 0) {
                grids = version.grids();
            }
        }
        return grids;
    }
}
