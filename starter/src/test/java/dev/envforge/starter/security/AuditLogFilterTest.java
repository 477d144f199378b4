package dev.envforge.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLogFilterTest {

  @Test
  void givenAValueWithLineBreaksAndQuotes_whenCleaned_itShouldNotForgeALine() {
    assertThat(AuditLogFilter.clean("a\nb\" result=ok")).isEqualTo("a?b??result=ok");
    assertThat(AuditLogFilter.clean("x".repeat(100))).hasSize(83).endsWith("...");
    assertThat(AuditLogFilter.clean(null)).isEqualTo("-");
  }
}
