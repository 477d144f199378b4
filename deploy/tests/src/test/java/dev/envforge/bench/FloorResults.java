package dev.envforge.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The floor's figures. Its first environment pays for connecting (TLS to the API server, the first
 * Postgres login, class loading) and is reported apart, since the worker it is set against is warm.
 */
record FloorResults(List<SequentialFloor.Outcome> outcomes) {

  Optional<SequentialFloor.Outcome> warmUp() {
    return outcomes.stream().findFirst();
  }

  List<SequentialFloor.Outcome> measured() {
    return outcomes.stream().skip(1).toList();
  }

  List<SequentialFloor.Outcome> failures() {
    return outcomes.stream().filter(o -> !o.succeeded()).toList();
  }

  Summary perEnvironment() {
    return Summary.of(
        measured().stream()
            .filter(SequentialFloor.Outcome::succeeded)
            .map(SequentialFloor.Outcome::totalMillis)
            .toList());
  }

  Set<String> operations() {
    Set<String> operations = new LinkedHashSet<>();
    outcomes.forEach(o -> operations.addAll(o.operationMillis().keySet()));
    return operations;
  }

  Summary operation(String operation) {
    return Summary.of(
        measured().stream()
            .filter(SequentialFloor.Outcome::succeeded)
            .map(o -> o.operationMillis().get(operation))
            .toList());
  }
}
