package dev.envforge.cli.output;

import java.io.IOException;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;

/**
 * {@link LiveLines} drawn by JLine's {@link Display}, which moves the cursor and rewrites only what
 * changed. Words that tell a step's fate are coloured.
 */
public final class TerminalLiveLines implements LiveLines {

  private final Terminal terminal;
  private final Display display;
  private List<String> shown = List.of();

  private TerminalLiveLines(Terminal terminal) {
    this.terminal = terminal;
    this.display = new Display(terminal, false);
  }

  /** The live display on this process's terminal, or null if there is no usable terminal. */
  public static TerminalLiveLines open() {
    try {
      Terminal terminal = TerminalBuilder.builder().system(true).dumb(false).build();
      if (Terminal.TYPE_DUMB.equals(terminal.getType())
          || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
        terminal.close();
        return null;
      }
      return new TerminalLiveLines(terminal);
    } catch (IOException | IllegalStateException e) {
      return null;
    }
  }

  @Override
  public synchronized void show(List<String> lines) {
    if (lines.equals(shown)) {
      return;
    }
    shown = List.copyOf(lines);
    List<AttributedString> styled = lines.stream().map(TerminalLiveLines::style).toList();
    // A terminal that reports no size (a bare pseudo-terminal) still gets the whole block.
    Size reported = terminal.getSize();
    int columns = reported.getColumns() > 0 ? reported.getColumns() : 120;
    Size size = new Size(columns, Math.max(reported.getRows(), styled.size() + 1));
    display.resize(size.getRows(), size.getColumns());
    AttributedString last =
        styled.isEmpty() ? AttributedString.EMPTY : styled.get(styled.size() - 1);
    // The cursor rests at the end of the block, so whatever is printed after it follows below.
    int cursor =
        size.cursorPos(Math.max(0, styled.size() - 1), Math.min(last.columnLength(), columns - 1));
    display.update(styled, cursor);
    terminal.flush();
  }

  @Override
  public synchronized void close() {
    terminal.writer().println();
    terminal.flush();
    try {
      terminal.close();
    } catch (IOException e) {
      // The process ends next; a terminal that will not close changes nothing.
    }
  }

  private static AttributedString style(String line) {
    AttributedStringBuilder builder = new AttributedStringBuilder();
    for (String word : line.split("(?<= )|(?= )")) {
      AttributedStyle style =
          switch (word) {
            case "DONE", "READY", "DESTROYED", "COMPENSATED" ->
                AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            case "RUNNING", "PROVISIONING", "DESTROYING" ->
                AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            case "FAILED" -> AttributedStyle.BOLD.foreground(AttributedStyle.RED);
            default -> AttributedStyle.DEFAULT;
          };
      builder.styled(style, word);
    }
    return builder.toAttributedString();
  }
}
