package dev.envforge.starter;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the gRPC calls made through the service stubs it is registered on, by method name ({@code
 * QueryWorkflow}, {@code DescribeWorkflowExecution}, ...). Every retry and every page of a long
 * poll is a call of its own, as the server sees it.
 */
final class TemporalCallCounter implements ClientInterceptor {

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    calls.computeIfAbsent(method.getBareMethodName(), name -> new LongAdder()).increment();
    return next.newCall(method, options);
  }

  /** The calls so far, by method, in name order. */
  Map<String, Long> snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    calls.forEach((method, count) -> counts.put(method, count.sum()));
    return counts;
  }

  /** The calls made since {@code before} was taken, by method; methods not called are left out. */
  Map<String, Long> since(Map<String, Long> before) {
    Map<String, Long> made = new TreeMap<>();
    snapshot()
        .forEach(
            (method, count) -> {
              long delta = count - before.getOrDefault(method, 0L);
              if (delta > 0) {
                made.put(method, delta);
              }
            });
    return made;
  }
}
