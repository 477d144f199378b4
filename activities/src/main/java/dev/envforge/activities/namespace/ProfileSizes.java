package dev.envforge.activities.namespace;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/**
 * How much one profile may use: the namespace's ResourceQuota (the {@code requests*}, {@code
 * limits*}, {@code pods}, {@code persistentVolumeClaims} and {@code requestsStorage} values) and
 * the per-container defaults of its LimitRange. Quantities are Kubernetes quantity strings ({@code
 * 500m}, {@code 2Gi}).
 *
 * <p>The LimitRange defaults exist because the quota constrains {@code limits.cpu} and {@code
 * limits.memory}: without defaults the API server refuses every pod that does not state its own.
 */
public record ProfileSizes(
    String requestsCpu,
    String requestsMemory,
    String limitsCpu,
    String limitsMemory,
    int pods,
    int persistentVolumeClaims,
    String requestsStorage,
    String containerDefaultRequestCpu,
    String containerDefaultRequestMemory,
    String containerDefaultLimitCpu,
    String containerDefaultLimitMemory) {

  public ProfileSizes {
    requireQuantity("requestsCpu", requestsCpu);
    requireQuantity("requestsMemory", requestsMemory);
    requireQuantity("limitsCpu", limitsCpu);
    requireQuantity("limitsMemory", limitsMemory);
    requireQuantity("requestsStorage", requestsStorage);
    requireQuantity("containerDefaultRequestCpu", containerDefaultRequestCpu);
    requireQuantity("containerDefaultRequestMemory", containerDefaultRequestMemory);
    requireQuantity("containerDefaultLimitCpu", containerDefaultLimitCpu);
    requireQuantity("containerDefaultLimitMemory", containerDefaultLimitMemory);
    if (pods < 1) {
      throw new IllegalArgumentException("pods must be at least 1, was " + pods);
    }
    if (persistentVolumeClaims < 0) {
      throw new IllegalArgumentException(
          "persistentVolumeClaims must not be negative, was " + persistentVolumeClaims);
    }
    // The API server rejects a LimitRange whose default request exceeds its default limit; say so
    // at startup rather than on the first environment.
    requireAtMost(
        "containerDefaultRequestCpu",
        containerDefaultRequestCpu,
        "containerDefaultLimitCpu",
        containerDefaultLimitCpu);
    requireAtMost(
        "containerDefaultRequestMemory",
        containerDefaultRequestMemory,
        "containerDefaultLimitMemory",
        containerDefaultLimitMemory);
  }

  private static void requireQuantity(String field, String value) {
    BigDecimal amount;
    try {
      amount = Quantity.getAmountInBytes(Quantity.parse(value));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          field + " must be a Kubernetes quantity, was '" + value + "'", e);
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
  }

  private static void requireAtMost(
      String smallerField, String smaller, String largerField, String larger) {
    if (new Quantity(smaller).compareTo(new Quantity(larger)) > 0) {
      throw new IllegalArgumentException(
          smallerField + " (" + smaller + ") exceeds " + largerField + " (" + larger + ")");
    }
  }
}
