package dev.envforge.starter.environments;

/**
 * One field where a new request differs from the live environment's.
 *
 * @param current the live environment's value, as the request body spells it (null if unset)
 * @param requested the new request's value
 */
public record FieldDifference(String field, String current, String requested) {}
