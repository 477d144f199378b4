/**
 * Typed models of envforge's Crossplane composite resources. Each class mirrors the schema of its
 * CompositeResourceDefinition in {@code deploy/crossplane/}; tests compare the two property by
 * property, so a field added on one side only fails the build.
 */
package dev.envforge.activities.crossplane.model;
