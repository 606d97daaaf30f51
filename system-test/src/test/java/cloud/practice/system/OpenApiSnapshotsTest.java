package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshots' layout and the differences OpenApiSnapshotIT reports, without a platform: a committed snapshot written
 * again is the same bytes (a refresh touches only what changed), and a change is named by its path.
 */
class OpenApiSnapshotsTest {

    @Test
    void shouldWriteEveryCommittedSnapshotBackByteForByte() throws Exception {
        for (String name : OpenApiSnapshotIT.DOCUMENTS) {
            String committed = Files.readString(OpenApiSnapshotIT.snapshot(name), StandardCharsets.UTF_8);
            assertThat(OpenApiSnapshots.write(OpenApiSnapshots.parse(committed))).as(name).isEqualTo(committed);
        }
    }

    @Test
    void shouldSortKeysIndentByTwoKeepUtf8AndEndWithANewline() {
        String written = OpenApiSnapshots.write(OpenApiSnapshots.parse("""
                {"b":{"z":1,"a":[1,2.5,{}]},"a":"志愿者","c":[],"d":{}}"""));
        assertThat(written).isEqualTo("""
                {
                  "a": "志愿者",
                  "b": {
                    "a": [
                      1,
                      2.5,
                      {}
                    ],
                    "z": 1
                  },
                  "c": [],
                  "d": {}
                }
                """);
    }

    @Test
    void shouldDropServersAndNameTheFirstDifferingPaths() {
        JsonNode snapshot = OpenApiSnapshots.parse("""
                {"openapi":"3.1.0","paths":{"/api/v1/requests":{"get":{"operationId":"list"}}},
                 "components":{"schemas":{"Request":{"required":["id","title"],"properties":{"lat":{"maximum":90.0}}}}}}""");
        JsonNode served = OpenApiSnapshots.snapshotOf(OpenApiSnapshots.parse("""
                {"servers":[{"url":"http://127.0.0.1:18080"}],"openapi":"3.1.0",
                 "paths":{"/api/v1/requests":{"get":{"operationId":"listRequests"},"post":{}}},
                 "components":{"schemas":{"Request":{"required":["id"],"properties":{"lat":{"maximum":90}}}}}}"""));

        assertThat(served.has("servers")).isFalse();
        assertThat(OpenApiSnapshots.differences(snapshot, served, 10)).containsExactly(
                "/components/schemas/Request/required/1: only in the snapshot",
                "/paths/~1api~1v1~1requests/get/operationId: snapshot \"list\", service \"listRequests\"",
                "/paths/~1api~1v1~1requests/post: only in the service's document");
        assertThat(OpenApiSnapshots.differences(snapshot, served, 2)).hasSize(2);

        String common = "A requester's own requests, a unit's queue (with its subtree unless subtree=false)";
        assertThat(OpenApiSnapshots.differences(OpenApiSnapshots.parse("{\"summary\":\"" + common + ".\"}"),
                OpenApiSnapshots.parse("{\"summary\":\"" + common + ", or what a team may claim.\"}"), 10))
                .as("a long text shown where it parts").containsExactly("/summary: snapshot \"...nless subtree=false).\", "
                        + "service \"...nless subtree=false), or what a team may claim.\"");
        assertThat(OpenApiSnapshots.differences(snapshot, snapshot, 10)).isEmpty();
    }
}
