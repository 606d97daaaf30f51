package cloud.practice.request.menu.api;

import cloud.practice.events.request.Stage;

import java.time.Duration;
import java.util.Map;

/** A district's menu defaults changed (internal). */
public record MenuDefaultsSet(String districtId, Map<Stage, Duration> sla, Duration reopenWindow) {
}
