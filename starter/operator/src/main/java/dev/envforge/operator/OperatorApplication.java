package dev.envforge.operator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The {@code Environment} operator: reconciles Environment resources of the management cluster into
 * environment workflows. It talks to Temporal through the starting side's gateway ({@code
 * dev.envforge.starter}: runs, team quota, payload encryption), like the API.
 */
@SpringBootApplication(scanBasePackages = {"dev.envforge.operator", "dev.envforge.starter"})
public class OperatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(OperatorApplication.class, args);
  }
}
