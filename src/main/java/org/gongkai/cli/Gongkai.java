package org.gongkai.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gongkai} command line. */
@Command(name = "gongkai", mixinStandardHelpOptions = true, version = "gongkai 0.1.0",
    description = "Chinese government information-disclosure annual reports (政府信息公开工作年度报告) as metrics.",
    subcommands = {ParseCommand.class, org.gongkai.job.RunCommand.class, org.gongkai.job.SqlCommand.class,
        org.gongkai.job.EvaluateCommand.class,
        org.gongkai.rollup.RollupCommand.class, org.gongkai.generate.GenerateCommand.class,
        DictionaryCommand.class})
public final class Gongkai implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Gongkai()).execute(args));
  }
}
