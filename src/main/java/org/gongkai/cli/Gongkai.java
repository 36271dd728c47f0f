package org.gongkai.cli;

import org.gongkai.job.UserErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code gongkai} command line. */
@Command(name = "gongkai", mixinStandardHelpOptions = true, version = "gongkai 0.1.0",
    description = "Chinese government information-disclosure annual reports (政府信息公开工作年度报告) as metrics.",
    subcommands = {ParseCommand.class, org.gongkai.job.RunCommand.class, org.gongkai.job.SqlCommand.class,
        org.gongkai.job.EvaluateCommand.class,
        org.gongkai.rollup.RollupCommand.class, org.gongkai.job.RepairCommand.class,
        org.gongkai.job.MigrateCommand.class,
        org.gongkai.generate.GenerateCommand.class, DictionaryCommand.class})
public final class Gongkai implements Runnable {

  /** Errors print one line; with this, their stack trace too. Every subcommand takes it. */
  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print an error's stack trace")
  boolean verbose;

  private static final org.slf4j.Logger ERRORS = org.slf4j.LoggerFactory.getLogger("org.gongkai.errors");

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands and the error handling every command shares. */
  public static CommandLine commandLine() {
    return commandLine(new Gongkai());
  }

  /**
   * A command line for {@code command}: an error a command does not handle itself becomes one line on standard
   * error, {@code gongkai <command>: <what went wrong and what to do>}; its stack trace goes to the log
   * ({@code org.gongkai.errors}), and with {@code --verbose} to standard error as well.
   */
  public static CommandLine commandLine(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      boolean verbose = parsed.asCommandLineList().stream()
          .anyMatch(c -> c.getParseResult().hasMatchedOption("--verbose"));
      String line = cmd.getCommandName() + ": " + UserErrors.message(e);
      ERRORS.error(line, e);
      String errorLog = System.getProperty("gongkai.errorLog");
      // what the user gave (exit 2) or a busy warehouse (3) needs no stack trace to be understood
      boolean defect = UserErrors.exitCode(e) == 1;
      cmd.getErr().println("gongkai " + line + (verbose || !defect ? "" : errorLog == null
          ? " [--verbose prints the stack trace]"
          : " [stack trace in " + errorLog + "; --verbose prints it]"));
      if (verbose) {
        e.printStackTrace(cmd.getErr());
      }
      cmd.getErr().flush();
      return UserErrors.exitCode(e);
    });
    return cli;
  }
}
