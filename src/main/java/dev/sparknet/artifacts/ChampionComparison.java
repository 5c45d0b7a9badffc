package dev.sparknet.artifacts;

/** What a promoted model was compared with: the champion's version and accuracy (null without one), and why. */
public record ChampionComparison(String version, Double testAccuracy, double tolerance, String decision) {
}
