package dev.sparknet.artifacts;

/**
 * What a promoted model was compared with: the champion's version and its accuracy on the same validation
 * images (what decided) and test images (reported), null without a champion, and why.
 */
public record ChampionComparison(String version, Double validationAccuracy, Double testAccuracy, double tolerance,
                                 String decision) {
}
