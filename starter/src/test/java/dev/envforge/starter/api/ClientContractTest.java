package dev.envforge.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.client.AccessGrant;
import dev.envforge.client.Environment;
import dev.envforge.client.EnvironmentListItem;
import dev.envforge.client.EnvironmentPage;
import dev.envforge.client.EnvironmentStep;
import dev.envforge.starter.temporal.ListedEnvironment;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed client (envforge's SDK) reads this API's answers into records of its own, made of the
 * same domain types. This keeps them the same shape: a field added, renamed or retyped here fails
 * until the client follows.
 */
class ClientContractTest {

  /** The client's record for each view, and what stands for a nested view in the client. */
  private static final Map<Type, Type> SAME =
      Map.of(
          StepView.class, EnvironmentStep.class,
          EnvironmentListItemView.class, EnvironmentListItem.class);

  @Test
  void givenTheViews_whenComparedWithTheClientsRecords_itShouldFindTheSameFields() {
    assertThat(fields(Environment.class)).isEqualTo(fields(EnvironmentView.class));
    assertThat(fields(EnvironmentStep.class)).isEqualTo(fields(StepView.class));
    assertThat(fields(EnvironmentPage.class)).isEqualTo(fields(EnvironmentPageView.class));
    assertThat(fields(AccessGrant.class)).isEqualTo(fields(AccessView.class));
    // The list item's visibility part is unwrapped into it on the wire.
    List<String> listed = new ArrayList<>(fields(ListedEnvironment.class));
    listed.addAll(
        fields(EnvironmentListItemView.class).stream()
            .filter(field -> !field.startsWith("environment:"))
            .toList());
    assertThat(fields(EnvironmentListItem.class)).isEqualTo(listed);
  }

  private static List<String> fields(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(ClientContractTest::field).toList();
  }

  private static String field(RecordComponent component) {
    return component.getName() + ":" + typeName(component.getGenericType());
  }

  private static String typeName(Type type) {
    Type client = SAME.getOrDefault(type, type);
    if (client instanceof ParameterizedType parameterized) {
      return ((Class<?>) parameterized.getRawType()).getName()
          + Arrays.stream(parameterized.getActualTypeArguments())
              .map(ClientContractTest::typeName)
              .toList();
    }
    return client.getTypeName();
  }
}
