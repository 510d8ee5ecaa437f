/**
 * Run reports: learning curves, confusion matrix, misclassified digits and first-layer
 * weights as PNG, SVG, CSV and one static HTML page, drawn from plain values
 * ({@link dev.purenet.report.RunHistory}, a network's weights, a data set). The maths
 * packages know nothing about pictures; everything is drawn headless.
 */
@NullMarked
package dev.purenet.report;

import org.jspecify.annotations.NullMarked;
