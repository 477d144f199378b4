package dev.envforge.deploy.preview;

import dev.envforge.testing.LocalPlatformExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Backstage template's tests ({@code deploy/backstage/test}, Node's test runner): the template
 * and the catalog Resource example checked by Backstage's own validators, the form's choices and
 * defaults against the real API's, and the template's request step rendered with nunjucks as the
 * Scaffolder renders it and sent to the real API until the environment is READY. The npm packages
 * are the locked ones, installed once into a cache by {@code deploy/local/node-packages.sh}.
 */
@ExtendWith({LocalPlatformExtension.class, PreviewStack.class})
class BackstageTemplateIT {

  @Test
  void theTemplatesTestsPassAgainstTheRealApi(PreviewStack.Stack stack) {
    Path modules = NodeTests.prepare("deploy/backstage/test");
    NodeTests.runAll(
        "deploy/backstage/test/",
        Map.of(
            "NODE_PATH", modules.toString(),
            "ENVFORGE_TEST_SERVER", stack.server(),
            "ENVFORGE_TEST_TOKEN", stack.token(),
            "ENVFORGE_TEST_TEAM", stack.team()),
        "backstage-template-tests.tap");
  }
}
