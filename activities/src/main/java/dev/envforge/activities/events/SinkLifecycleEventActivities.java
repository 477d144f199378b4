package dev.envforge.activities.events;

import dev.envforge.workflows.activities.LifecycleEvent;
import dev.envforge.workflows.activities.LifecycleEventActivities;
import dev.envforge.workflows.activities.WebhookDelivery;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Announces lifecycle events to the sinks. Which sinks took the event is kept in the attempt's
 * heartbeat details: Temporal hands them to the next attempt, which then skips those sinks, so each
 * sink gets each change once even when another sink fails and the activity is retried.
 */
public final class SinkLifecycleEventActivities implements LifecycleEventActivities {

  private final EventSinks sinks;

  public SinkLifecycleEventActivities(EventSinks sinks) {
    this.sinks = sinks;
  }

  @Override
  public WebhookDelivery publish(LifecycleEvent event) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Optional<int[]> earlier = context.getHeartbeatDetails(int[].class);
    TreeSet<Integer> delivered = new TreeSet<>();
    earlier.ifPresent(indexes -> java.util.Arrays.stream(indexes).forEach(delivered::add));
    return sinks.deliver(
        event,
        delivered,
        index -> {
          delivered.add(index);
          context.heartbeat(delivered.stream().mapToInt(Integer::intValue).toArray());
        });
  }

  @Override
  public int sinkCount() {
    return sinks.count();
  }
}
