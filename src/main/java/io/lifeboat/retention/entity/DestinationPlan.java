package io.lifeboat.retention.entity;

/**
 * Retention in one destination of a target: the policy that applies there (the target's, or the destination's
 * own) and what it decides for the copies kept there.
 *
 * @param destination the destination's name
 * @param policy      the policy applied in this destination
 * @param ownPolicy   whether the destination overrides the target's policy
 * @param plan        the copies to keep and to remove there
 */
public record DestinationPlan(String destination, RetentionPolicy policy, boolean ownPolicy, RetentionPlan plan) {
}
