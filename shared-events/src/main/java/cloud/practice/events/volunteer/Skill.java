package cloud.practice.events.volunteer;

import cloud.practice.events.ServicePlatform;

/** A skill on one service platform, level 1 (beginner) to 5 (expert). */
public record Skill(ServicePlatform platform, int level) {
}
